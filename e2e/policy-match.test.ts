/**
 * 不来即享 in the browser at phone width: a person answers the policy questions without signing in and sees
 * amounts in 元; a registered person then applies online, uploads the evidence, submits, and follows the
 * application by its reference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { residentIdFor } from '../test/support/registry-ids.ts';
import { adminPassword, useStage } from './harness.ts';
import { closeDrawer, createAccount, csrfHeaders } from './helpers.ts';

const stage = useStage();

describe('public policy matching (375 × 812)', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await stage.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('asks the questions and shows every policy with its amount, without a sign-in', async () => {
    await page.goto(`${stage.baseUrl}/public/policies`);
    expect(await page.getByTestId('policy-match-title').textContent()).toContain('不来即享');
    await page.getByTestId('policy-match-applicant').getByText('我是个人').click();
    const groups = page.getByTestId('question-person.groups');
    await groups.waitFor();
    await groups.getByText('建档立卡贫困', { exact: true }).first().click();
    await page.getByTestId('question-transfer.organised').getByText('是', { exact: true }).click();
    await page.getByTestId('question-transfer.scope').locator('.ant-select').click();
    await page.locator('.ant-select-item-option', { hasText: '省外' }).first().click();
    for (const fact of ['transfer.on', 'hire.start_date']) {
      const input = page.getByTestId(`question-${fact}`).locator('input');
      await input.click();
      await input.fill('2020-05-01');
      await input.press('Enter');
    }
    await page.getByTestId('policy-match-submit').click();
    await page.getByTestId('policy-match-results').waitFor();
    expect(await page.getByTestId('amount-transfer-transport').textContent()).toBe('600.00 元');
    expect(await page.getByTestId('match-transfer-labour-award').textContent()).toContain('待补充');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('lets a registered person apply online, upload the evidence, submit and follow the application', async () => {
    const residentId = residentIdFor('622921', '1990-02-03', 41);
    // A caseworker of 临夏州 registers the person, as the township would.
    const username = `lx.registry.${Date.now().toString(36)}`;
    const password = 'Registry-e2e-2020';
    const admin = await stage.signedIn('admin', adminPassword);
    try {
      const units = (await (await admin.page.request.get(`${stage.baseUrl}/api/units?region=622900&q=${encodeURIComponent('临夏州人力资源')}`)).json()) as { items: { id: string }[] };
      expect(await createAccount(admin.page, stage.baseUrl, { username, displayName: '临夏州就业服务', password, grants: [{ role: 'caseworker', unitId: units.items[0]?.id }] })).toBe(201);
    } finally {
      await admin.context.close();
    }
    const caseworker = await stage.signedIn(username, password);
    try {
      const headers = await csrfHeaders(caseworker.page, stage.baseUrl);
      const created = await caseworker.page.request.post(`${stage.baseUrl}/api/registry/persons`, { headers, data: { residentId, name: '马秀兰' } });
      expect(created.status()).toBe(201);
      const personId = ((await created.json()) as { id: string }).id;
      const group = await caseworker.page.request.post(`${stage.baseUrl}/api/registry/persons/${personId}/groups`, { headers, data: { group: 'registered_poor', startDate: '2019-01-01' } });
      expect(group.status()).toBe(200);
      const spell = await caseworker.page.request.post(`${stage.baseUrl}/api/registry/persons/${personId}/employment`, {
        headers,
        data: { employerName: '昆明某建筑公司', employerRegionCode: '532600', startDate: '2020-05-01', organisedTransfer: true, transferAgency: '临夏县劳务公司' },
      });
      expect(spell.status()).toBe(200);
    } finally {
      await caseworker.context.close();
    }

    await page.getByTestId('apply-online-transfer-transport').click();
    const drawer = page.getByTestId('online-apply-drawer');
    await drawer.getByTestId('online-name').fill('马秀');
    await drawer.getByTestId('online-resident-id').fill(residentId);
    await drawer.getByTestId('online-phone').fill('13800001234');
    await drawer.getByTestId('online-apply-send').click();
    await drawer.getByText('身份证号码与姓名不匹配').waitFor();
    await drawer.getByTestId('online-name').fill('马秀兰');
    await drawer.getByTestId('online-apply-send').click();
    await drawer.getByTestId('online-application').waitFor();
    expect(await drawer.getByTestId('online-amount').textContent()).toBe('600.00 元');
    const reference = (await drawer.getByTestId('online-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^WB[2-9A-HJ-NP-Z]{10}$/);

    await drawer.getByTestId('online-apply-submit').click();
    await drawer.getByTestId('online-apply-error').getByText('缺少申请材料').waitFor();
    for (const item of ['transfer-record', 'poverty-registration']) {
      await drawer.getByTestId(`online-evidence-${item}`).locator('input[type=file]').setInputFiles({ name: `${item}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 申请材料\n%%EOF\n') });
      await drawer.locator(`[data-testid="online-evidence-${item}"][data-given="1"]`).waitFor();
    }
    await drawer.getByTestId('online-apply-submit').click();
    await drawer.getByTestId('online-apply-submitted').waitFor();
    expect(await drawer.getByTestId('online-status').getAttribute('data-status')).toBe('received');
    await closeDrawer(page, 'online-apply-drawer');

    const lookup = page.getByTestId('application-lookup');
    await lookup.getByTestId('lookup-reference').fill(reference.toLowerCase());
    await lookup.getByTestId('lookup-resident-id').fill(residentId);
    await lookup.getByTestId('lookup-submit').click();
    await lookup.locator('[data-testid="online-status"][data-status="received"]').waitFor();
    expect(await lookup.getByTestId('online-application').textContent()).toContain('马*兰');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('names the field of a bad credit code', async () => {
    await page.getByTestId('policy-match-applicant').getByText('我是企业（单位）').click();
    await page.getByTestId('policy-match-credit-code').fill('91622921000000000X');
    await page.getByTestId('policy-match-submit').click();
    expect(await page.getByTestId('policy-match-error').textContent()).toContain('统一社会信用代码');
  });
});
