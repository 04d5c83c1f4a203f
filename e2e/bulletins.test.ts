/**
 * A reporting cycle that ends in a bulletin (通报), all through the interface: a Dazu reporter fills the 2020H1
 * report of task 29 with a figure for its linked target and an attachment, and submits it; the administrator
 * returns it with a comment; the reporter sees the comment and resubmits; the administrator accepts it and the
 * figure counts toward the target. Then 通报: the 2020H1 preview shows the accepted figure among the targets and
 * the reporter's unit among the units that reported, the figure opens the report it came from, the ranking
 * weights are refused unless they add up to 100%, and the bulletin is saved, published, downloaded as DOCX and
 * shown as final.
 */
import { readFile } from 'node:fs/promises';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { adminPassword, useStage } from './harness.ts';
import { choose, closeDrawer, createAccount, openPlan, openPlansMenu, zipEntryText } from './helpers.ts';

const stage = useStage();

const dazuDocNumber = '大足府办发〔2020〕41号';
const dazuTitle = '重庆市大足区人民政府办公室关于贯彻落实国务院关于进一步做好稳就业工作的意见重点任务分工的通知';
const reporterUnit = '大足区人力资源和社会保障局';
const returnComment = '请补充返乡创业人数和创业担保贷款发放金额。';
const bulletinTitle = '关于2020年上半年重点任务推进情况的通报';
const bulletinDocNumber = '大足就业办〔2020〕12号';

describe('a reporting cycle that ends in a bulletin', () => {
  let admin: BrowserContext;
  let reporter: BrowserContext;
  let adminPage: Page;
  let reporterPage: Page;
  const username = `dz.reporter.${Date.now().toString(36)}`;
  const password = 'Reporter-e2e-2020';

  beforeAll(async () => {
    ({ context: admin, page: adminPage } = await stage.signedIn('admin', adminPassword));
    // The reporter account is set up through the API, as an administrator would script it: a reporter of the
    // lead unit of task 29, whose target is 引导农民工回足就业创业.
    const plans = (await (await adminPage.request.get(`${stage.baseUrl}/api/plans`)).json()) as { items: { id: string; docNumber: string | null }[] };
    const dazu = plans.items.find((plan) => plan.docNumber === dazuDocNumber);
    const detail = (await (await adminPage.request.get(`${stage.baseUrl}/api/plans/${dazu?.id}`)).json()) as {
      sections: { sections: { tasks: { number: string; targetIds: string[]; units: { unitId: string; isLead: boolean }[] }[] }[] }[];
    };
    const task = detail.sections.flatMap((section) => section.sections).flatMap((section) => section.tasks).find((candidate) => candidate.number === '29');
    expect(task?.targetIds.length).toBeGreaterThan(0);
    const unitId = task?.units.find((unit) => unit.isLead)?.unitId;
    expect(await createAccount(adminPage, stage.baseUrl, { username, displayName: '大足区人社局填报员', password, grants: [{ role: 'reporter', unitId }] })).toBe(201);
    ({ context: reporter, page: reporterPage } = await stage.signedIn(username, password));
  });

  afterAll(async () => {
    await reporter?.close();
    await admin?.close();
  });

  /** The reporter's row for Dazu task 29 (引导农民工回足就业创业) in 2020H1 on 我的任务, loaded afresh. */
  async function myTask() {
    await reporterPage.goto(`${stage.baseUrl}/plans/my`);
    await choose(reporterPage, 'my-tasks-plan', '大足区');
    await choose(reporterPage, 'my-tasks-period', '2020年上半年');
    const row = reporterPage.getByTestId('my-task-29').filter({ hasText: '2020H1' });
    await row.waitFor();
    return row;
  }

  /** The admin's review drawer for the reporter's report, from the queue loaded afresh. */
  async function openForReview() {
    await adminPage.goto(`${stage.baseUrl}/plans/review`);
    const row = adminPage.getByTestId('review-table').locator('tr.ant-table-row', { hasText: reporterUnit });
    await row.getByTestId('review-open').click();
    const drawer = adminPage.getByTestId('review-drawer');
    await drawer.getByTestId('review-actions').waitFor();
    return drawer;
  }

  /** The row of 引导农民工回足就业创业 in the targets table of the bulletin shown. */
  function targetRow() {
    return adminPage.getByTestId('bulletin-targets').locator('tr.ant-table-row', { hasText: '引导农民工回足就业创业' });
  }

  /** Clicks the target's figure and checks that the trace drawer lists the accepted report; leaves it open. */
  async function traceTheFigure() {
    await targetRow().getByTestId('trace-link').click();
    const drawer = adminPage.getByTestId('trace-drawer');
    const report = drawer.getByTestId('trace-table').locator('tr.ant-table-row', { hasText: reporterUnit });
    await report.waitFor();
    expect(await report.textContent()).toContain('2020H1');
    await report.locator('[data-testid="report-status"][data-status="accepted"]').waitFor();
    return { drawer, report };
  }


  it('offers the reporter its tasks but not the review queue or import', async () => {
    await reporterPage.goto(`${stage.baseUrl}/plans`);
    await reporterPage.getByTestId('nav-plans').waitFor();
    if (!(await reporterPage.getByTestId('nav-plans-list').isVisible())) await reporterPage.getByTestId('nav-plans').click();
    await reporterPage.getByTestId('nav-plans-my').waitFor();
    expect(await reporterPage.getByTestId('nav-plans-review').count()).toBe(0);
    expect(await reporterPage.getByTestId('nav-plans-import').count()).toBe(0);
  });
  it('lets the reporter acknowledge task 29, fill its 2020H1 report with a figure and an attachment, and submit it', async () => {
    const row = await myTask();
    await row.getByTestId('task-acknowledge').click();
    await row.getByText('已签收').waitFor();
    await row.getByTestId('task-report').click();
    const drawer = reporterPage.getByTestId('report-drawer');
    await drawer.getByTestId('report-form').waitFor();
    expect(await drawer.locator('.ant-drawer-title').textContent()).toContain('2020H1');
    await choose(reporterPage, 'report-progress-status', '按计划推进');
    await drawer.getByTestId('report-narrative-input').fill('开展返乡创业培训，落实创业担保贷款，引导农民工回足就业创业。');
    await drawer.locator('[data-testid="report-figure-migrant-workers-return"] input, input[data-testid="report-figure-migrant-workers-return"]').fill('6000');
    await drawer.getByTestId('report-save').click();
    await reporterPage.getByText('草稿已保存').waitFor();
    await drawer.locator('input[type=file]').setInputFiles({ name: '稳岗返还台账.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%e2e\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n') });
    await drawer.getByTestId('report-attachments').getByText('稳岗返还台账.pdf').waitFor();
    await drawer.getByTestId('report-submit').click();
    await drawer.locator('[data-testid="report-status"][data-status="submitted"]').waitFor();
    await closeDrawer(reporterPage, 'report-drawer');
    await row.locator('[data-testid="report-status"][data-status="submitted"]').waitFor();
  });

  it('requires a comment to return, then returns the report to the reporter', async () => {
    const drawer = await openForReview();
    expect(await drawer.getByTestId('report-narrative').textContent()).toContain('引导农民工回足就业创业');
    await drawer.getByTestId('review-return').click();
    await drawer.getByText('退回时请填写审核意见').waitFor();
    await drawer.getByTestId('review-comment').fill(returnComment);
    await drawer.getByTestId('review-return').click();
    await drawer.locator('[data-testid="report-status"][data-status="returned"]').waitFor();
    await closeDrawer(adminPage, 'review-drawer');
  });

  it('shows the reviewer’s comment to the reporter, who resubmits', async () => {
    const row = await myTask();
    await row.locator('[data-testid="report-status"][data-status="returned"]').waitFor();
    await row.getByTestId('task-report').click();
    const drawer = reporterPage.getByTestId('report-drawer');
    expect(await drawer.getByTestId('report-review-comment').textContent()).toContain(returnComment);
    await drawer.getByTestId('report-narrative-input').fill('引导农民工回足就业创业 6000 人，其中返乡创业 126 人，发放创业担保贷款 318 万元。');
    expect(await drawer.getByTestId('report-submit').textContent()).toContain('重新提交');
    await drawer.getByTestId('report-submit').click();
    await drawer.locator('[data-testid="report-status"][data-status="submitted"]').waitFor();
    await closeDrawer(reporterPage, 'report-drawer');
  });

  it('accepts the resubmitted report, whose figure then counts toward the target', async () => {
    const drawer = await openForReview();
    expect(await drawer.getByTestId('report-narrative').textContent()).toContain('返乡创业 126 人');
    await drawer.getByTestId('review-accept').click();
    await drawer.locator('[data-testid="report-status"][data-status="accepted"]').waitFor();
    expect(await drawer.getByTestId('review-actions').count()).toBe(0);
    expect(await drawer.getByTestId('report-history').textContent()).toContain(returnComment);
    await closeDrawer(adminPage, 'review-drawer');
    const row = await myTask();
    await row.locator('[data-testid="report-status"][data-status="accepted"]').waitFor();
    await openPlan(adminPage, dazuDocNumber);
    await adminPage.getByTestId('plan-tab-targets').click();
    const target = adminPage.getByTestId('targets-table').locator('tr.ant-table-row', { hasText: '引导农民工回足就业创业' });
    await target.getByText('完成 60%').waitFor();
    await adminPage.getByTestId('plan-tab-punctuality').click();
    await adminPage.getByTestId('punctuality-table').getByText(reporterUnit).waitFor();
  });

  it('previews the 2020H1 bulletin with the accepted figure, the reporter’s unit, and the report behind the figure', async () => {
    await openPlansMenu(adminPage, 'bulletins');
    await choose(adminPage, 'bulletins-plan', '大足区');
    await choose(adminPage, 'bulletins-period', '2020年上半年');
    expect(await adminPage.getByTestId('bulletin-settings-weights').textContent()).toContain('目标进度 50%');
    await adminPage.getByTestId('bulletins-preview').click();
    const preview = adminPage.getByTestId('bulletin-preview');
    expect(await preview.getByTestId('bulletin-title').textContent()).toBe(bulletinTitle);
    expect(await preview.getByTestId('bulletin-period').textContent()).toContain('2020年上半年');
    expect(await targetRow().getByTestId('bulletin-target-figure').textContent()).toBe('6000 人');
    expect(await targetRow().getByTestId('colour-tag').count()).toBe(1);
    const unitRow = preview.getByTestId('bulletin-punctuality').locator('tr.ant-table-row', { hasText: reporterUnit });
    await unitRow.waitFor();
    await unitRow.locator('[data-trace-key$=".late"]').waitFor();
    const { report } = await traceTheFigure();
    await report.getByTestId('trace-open-report').click();
    expect(await adminPage.getByTestId('trace-report-drawer').getByTestId('report-narrative').textContent()).toContain('返乡创业 126 人');
    await closeDrawer(adminPage, 'trace-report-drawer');
    await closeDrawer(adminPage, 'trace-drawer');
    // Nothing was saved by the preview.
    await adminPage.getByTestId('bulletins-table').getByText('本方案暂无通报').waitFor();
  });

  it('refuses ranking weights that do not add up to 100% with the server’s message, and uses the saved ones', async () => {
    await adminPage.getByTestId('bulletin-weights-edit').click();
    const modal = adminPage.getByTestId('bulletin-weights-modal');
    const weight = (part: string) => modal.locator(`[data-testid="bulletin-weight-${part}"] input, input[data-testid="bulletin-weight-${part}"]`);
    await weight('targetProgress').fill('60');
    await modal.getByTestId('bulletin-weights-sum').getByText('合计 110%').waitFor();
    await modal.locator('.ant-btn-primary').click();
    expect(await modal.getByTestId('bulletin-weights-error').textContent()).toContain('之和应为 100%，现为 110%');
    await weight('punctuality').fill('20');
    await modal.locator('.ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });
    // The modal closes on save; the settings line follows once the saved plan is read back.
    await adminPage.getByTestId('bulletin-settings-weights').getByText('目标进度 60%，报送及时率 20%，问题销号率 20%').waitFor();
    await adminPage.getByTestId('bulletins-preview').click();
    await adminPage.getByTestId('bulletin-preview').getByTestId('bulletin-weights').getByText('目标进度 60%').waitFor();
  });

  it('saves the bulletin as a draft and publishes it, after which it is final and its figures still trace', async () => {
    await adminPage.getByTestId('bulletins-doc-number').fill(bulletinDocNumber);
    await adminPage.getByTestId('bulletins-draft').click();
    await adminPage.getByTestId('bulletin-draft-notice').waitFor();
    expect(await adminPage.getByTestId('bulletin-doc-number').textContent()).toBe(bulletinDocNumber);
    await adminPage.locator('[data-testid="bulletin-status"][data-status="draft"]').waitFor();
    await adminPage.getByTestId('bulletin-publish').click();
    await adminPage.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    const locked = adminPage.getByTestId('bulletin-locked');
    await locked.waitFor();
    expect(await locked.textContent()).toContain('已发布，不可修改');
    await adminPage.locator('[data-testid="bulletin-status"][data-status="published"]').waitFor();
    expect(await adminPage.getByTestId('bulletin-publish').count()).toBe(0);
    await traceTheFigure();
    await closeDrawer(adminPage, 'trace-drawer');
  });

  it('downloads the published bulletin as a DOCX that cites the plan, and lists it as published', async () => {
    const [download] = await Promise.all([adminPage.waitForEvent('download'), adminPage.getByTestId('bulletin-download-docx').click()]);
    expect(download.suggestedFilename()).toBe(`${bulletinTitle}.docx`);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(zipEntryText(bytes, 'word/document.xml')).toContain(dazuTitle);
    const href = await adminPage.getByTestId('bulletin-download-docx').getAttribute('href');
    const response = await adminPage.request.get(`${stage.baseUrl}${href}`);
    expect(response.headers()['content-type']).toContain('wordprocessingml');
    expect(response.headers()['content-disposition']).toContain(encodeURIComponent(bulletinTitle));
    await adminPage.locator('.ant-breadcrumb a', { hasText: '通报' }).click();
    const row = adminPage.getByTestId('bulletins-table').locator('tr.ant-table-row', { hasText: bulletinTitle });
    await row.locator('[data-testid="bulletin-status"][data-status="published"]').waitFor();
    expect(await row.textContent()).toContain(bulletinDocNumber);
    expect(await row.getByTestId('bulletin-download-xlsx').count()).toBe(1);
  });
});
