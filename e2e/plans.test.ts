/**
 * Plans and supervision end to end: the plan list, the Dazu task tree with its lead units and unit filter,
 * Linxia's targets with milestones and progress, the problem ledger and plan import. A report's whole round,
 * ending in a bulletin, is in bulletins.test.ts.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { adminPassword, useStage } from './harness.ts';
import { choose, closeDrawer, createAccount, openPlan, openPlansMenu } from './helpers.ts';

const stage = useStage();

const dazuDocNumber = '大足府办发〔2020〕41号';

describe('plans and supervision', () => {
  let admin: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context: admin, page } = await stage.signedIn('admin', adminPassword));
  });

  afterAll(async () => {
    await admin?.close();
  });

  it('lists the seed plans under 督查督办', async () => {
    expect(await page.getByTestId('nav-plans').textContent()).toBe('督查督办');
    await openPlansMenu(page, 'list');
    const table = page.getByTestId('plans-table');
    await table.locator('tr.ant-table-row', { hasText: dazuDocNumber }).waitFor();
    expect(await table.locator('tr.ant-table-row').count()).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId('nav-plans-bulletins').textContent()).toBe('通报');
  });

  it('shows task 1 of the Dazu plan led by 区人力社保局, its co-units in order and the document’s note', async () => {
    await openPlan(page, dazuDocNumber);
    expect(await page.getByTestId('plan-title').textContent()).toContain('大足区');
    expect(await page.getByTestId('plan-lead-rule').textContent()).toContain('列第一的责任单位为牵头单位');
    const task = page.getByTestId('task-1');
    const lead = task.getByTestId('task-unit-lead');
    expect(await lead.count()).toBe(1);
    expect(await lead.textContent()).toBe('牵头区人力社保局');
    const coUnits = await task.getByTestId('task-unit').allTextContents();
    expect(coUnits.slice(0, 3)).toEqual(['责任区发展改革委', '责任区经济信息委', '责任区财政局']);
    expect(coUnits).toHaveLength(7);
    expect(await task.getByTestId('task-responsibility').textContent()).toContain('列第一责任单位的为牵头单位');
  });

  it('narrows the Dazu tasks to one unit', async () => {
    await choose(page, 'filter-unit', '区金融发展服务中心');
    await page.getByTestId('task-2').waitFor();
    expect(await page.getByTestId('task-1').count()).toBe(0);
    const cards = await page.locator('.ant-card[data-testid^="task-"]').all();
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(await card.textContent()).toContain('区金融发展服务中心');
    }
    await page.getByTestId('filter-unit').locator('.ant-select-clear').click();
    await page.getByTestId('task-1').waitFor();
  });

  it('shows the Linxia employment plan’s targets with 城镇新增就业 and its milestones', async () => {
    await openPlan(page, '临夏州关于保居民就业的工作方案');
    expect(await page.getByTestId('plan-lead-rule').textContent()).toContain('本方案未指定牵头单位');
    await page.getByTestId('plan-tab-targets').click();
    const row = page.getByTestId('targets-table').locator('tr.ant-table-row', { has: page.getByText('城镇新增就业', { exact: true }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('≥ 1.8 万人');
    const milestones = await row.getByTestId('target-milestones').textContent();
    expect(milestones).toContain('2020-06-30 前 50%');
    expect(milestones).toContain('2020-11-30 前 100%');
    await row.getByTestId('colour-tag').waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('target-chart').first().waitFor();
  });
});

describe('problem ledger and plan import', () => {
  let context: BrowserContext;
  let page: Page;
  let verifier: BrowserContext;
  let verifierPage: Page;
  const title = `临夏县园区企业缺工${Date.now().toString(36)}`;
  const coordinator = `lx.coordinator.${Date.now().toString(36)}`;
  const coordinatorPassword = 'Coordinator-e2e-2020';

  beforeAll(async () => {
    ({ context, page } = await stage.signedIn('admin', adminPassword));
    // 销号 needs a supervisor other than the one who resolved: a coordinator of the 临夏州 taskforce resolves.
    const units = (await (await page.request.get(`${stage.baseUrl}/api/units?region=622900&q=${encodeURIComponent('临夏州人力资源')}`)).json()) as { items: { id: string }[] };
    const account = { username: coordinator, displayName: '临夏州专班协调员', password: coordinatorPassword, grants: [{ role: 'coordinator', unitId: units.items[0]?.id }] };
    expect(await createAccount(page, stage.baseUrl, account)).toBe(201);
    ({ context: verifier, page: verifierPage } = await stage.signedIn(coordinator, coordinatorPassword));
  });

  afterAll(async () => {
    await verifier?.close();
    await context?.close();
  });

  /** Runs a workflow action of the open problem drawer with the text it asks for. */
  async function act(on: Page, action: string, text: string) {
    await on.getByTestId('problem-drawer').getByTestId(`problem-action-${action}`).click();
    await on.getByTestId('problem-action-text').fill(text);
    await on.getByTestId('problem-action-modal').locator('.ant-btn-primary').click();
    await on.getByTestId('problem-action-modal').waitFor({ state: 'hidden' });
  }

  /** Opens the problem from the board, loaded afresh. */
  async function openProblem(on: Page) {
    await on.goto(`${stage.baseUrl}/plans/problems`);
    await on.getByTestId('problem-card').filter({ hasText: title }).click();
    return on.getByTestId('problem-drawer');
  }

  it('logs a problem on the board, escalates it and puts it under supervision', async () => {
    await openPlansMenu(page, 'problems');
    await page.getByTestId('problem-log').click();
    const modal = page.getByTestId('problem-log-modal');
    await choose(page, 'problem-log-category', '用工');
    await page.getByTestId('problem-log-region').click();
    await page.keyboard.type('临夏县');
    await page.locator('.ant-select-item-option', { hasText: '622921' }).click();
    await modal.getByTestId('problem-log-title').fill(title);
    await modal.getByTestId('problem-log-description').fill('园区三家企业缺工约 300 人，招工困难。');
    await modal.locator('.ant-btn-primary').click();
    const drawer = page.getByTestId('problem-drawer');
    await drawer.locator('[data-testid="problem-status"][data-status="open"]').waitFor();
    await act(page, 'escalate', '涉及跨县调剂劳动力，县级无法协调。');
    await drawer.getByTestId('problem-history').getByText('提级办理').waitFor();
    await act(page, 'flag', '缺工影响重点项目复工，挂牌督办。');
    await drawer.getByTestId('problem-flagged').waitFor();
    await closeDrawer(page, 'problem-drawer');
    await page.getByTestId('problem-column-open').getByText(title).waitFor();
  });

  it('lets the prefecture taskforce resolve it with evidence', async () => {
    const drawer = await openProblem(verifierPage);
    await drawer.locator('input[type=file]').setInputFiles({ name: '招聘会签到表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%e2e\n%%EOF\n') });
    await drawer.getByTestId('problem-evidence').getByText('招聘会签到表.pdf').waitFor();
    await act(verifierPage, 'resolve', '组织专场招聘会两场，企业用工缺口已补齐。');
    await drawer.locator('[data-testid="problem-status"][data-status="resolved"]').waitFor();
    expect(await drawer.getByTestId('problem-action-close').count()).toBe(0);
  });

  it('lets another supervisor verify and close it (销号), and lists it with the filters', async () => {
    const drawer = await openProblem(page);
    await act(page, 'close', '经核验，企业用工已补齐，同意销号。');
    await drawer.locator('[data-testid="problem-status"][data-status="closed"]').waitFor();
    expect(await drawer.getByTestId('problem-history').textContent()).toContain('销号');
    await closeDrawer(page, 'problem-drawer');
    await page.getByTestId('problem-column-closed').getByText(title).waitFor();
    await page.getByTestId('problem-view').getByText('列表').click();
    await page.getByTestId('problems-table').getByText(title).waitFor();
    await choose(page, 'problem-filter-category', '融资');
    await page.getByTestId('problems-table').getByText(title).waitFor({ state: 'detached' });
  });

  it('imports a task-division table, mapping an unknown unit name to a new unit', async () => {
    await openPlansMenu(page, 'import');
    const csv = ['序号,重点任务,牵头单位,责任单位,完成时限', '一、稳定就业岗位,,,,', '1,落实援企稳岗政策。,区人力社保局,区人力社保局、区财政局,2020年12月底前', '2,开发公益性岗位托底安置就业困难人员。,区就业见习服务站,区就业见习服务站、区民政局,2020年9月底前'].join('\n');
    await page.getByTestId('import-form').locator('input[type=file]').setInputFiles({ name: '任务分工.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('import-region').click();
    await page.keyboard.type('大足区');
    await page.locator('.ant-select-item-option', { hasText: '500111' }).click();
    await page.getByTestId('import-title').fill('大足区稳就业补充任务（测试导入）');
    await page.getByTestId('import-start').fill('2020-06-01');
    await page.getByTestId('import-end').fill('2020-12-31');
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-tasks').getByTestId('import-unknown-name').filter({ hasText: '区就业见习服务站' }).first().waitFor();
    const row = page.locator('[data-testid="import-mapping-row"][data-name="区就业见习服务站"]');
    await row.getByTestId('import-map-create').click();
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-dry-run-result').waitFor();
    expect(await page.getByTestId('import-dry-run-result').textContent()).toContain('任务 2 项');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-open-plan').click();
    await page.getByTestId('plan-title').filter({ hasText: '测试导入' }).waitFor();
    expect(await page.getByTestId('task-2').getByTestId('task-unit-lead').textContent()).toBe('牵头区就业见习服务站');
  });
});
