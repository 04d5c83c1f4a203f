/** The staff shell end to end: sign-in, language memory, creating a unit, finding it in the audit log, phone widths. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { adminPassword, useStage } from './harness.ts';
import { signIn } from './helpers.ts';

const stage = useStage();

/** Clicks a language and waits until the server has stored it for the user. */
async function switchLanguage(page: Page, locale: 'en' | 'zh'): Promise<void> {
  const saved = page.waitForResponse((response) => response.url().endsWith('/api/session/preferences'));
  await page.getByTestId(`language-${locale}`).click();
  expect((await saved).status()).toBe(204);
}

/** True when the page is no wider than the viewport. */
function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('staff shell', () => {
  let context: BrowserContext;
  let page: Page;
  let unitId = '';
  const unitName = `临夏州稳岗测试局${Date.now().toString(36)}`;

  beforeAll(async () => {
    context = await stage.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('shows the server message for a wrong password', async () => {
    await page.goto(`${stage.baseUrl}/login`);
    await page.getByTestId('login-username').fill('nobody');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect((await error.textContent())?.trim()).not.toBe('');
  });

  it('signs in as admin and shows the menu in Chinese', async () => {
    await signIn(page, stage.baseUrl, 'admin', adminPassword);
    expect(await page.getByTestId('nav-org').textContent()).toBe('地区与单位');
    expect(await page.getByTestId('nav-plans').textContent()).toBe('督查督办');
  });

  it('switches to English and remembers it for the user across a reload', async () => {
    await switchLanguage(page, 'en');
    expect(await page.getByTestId('nav-org').textContent()).toBe('Regions & units');
    // Forget the browser's copy so only the server's per-user preference can bring English back.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByTestId('nav-org').filter({ hasText: 'Regions & units' }).waitFor();
    await switchLanguage(page, 'zh');
    await page.getByTestId('nav-org').filter({ hasText: '地区与单位' }).waitFor();
  });

  it('creates a unit under 临夏州 from the region tree', async () => {
    await page.getByTestId('nav-org').click();
    await page.getByTestId('region-620000').click();
    await page.getByTestId('region-622900').click();
    await page.getByText(/临夏.*的单位/).waitFor();
    await page.getByTestId('unit-create').click();
    await page.getByTestId('unit-form-name').fill(unitName);
    await page.getByTestId('unit-form-kind').click();
    await page.locator('.ant-select-item-option', { hasText: '政府部门' }).click();
    expect(await page.getByTestId('unit-form-region').textContent()).toContain('622900');
    await page.getByTestId('unit-form-aliases').locator('input').fill('测试别名');
    await page.keyboard.press('Enter');
    // Enter adds the alias as a tag (it must not submit the form): wait for the tag before submitting.
    await page.getByTestId('unit-form-aliases').getByText('测试别名').waitFor();
    const created = page.waitForResponse((response) => response.url().endsWith('/api/units') && response.request().method() === 'POST', { timeout: 60_000 });
    await page.getByTestId('unit-form-submit').click();
    const response = await created;
    expect(response.status()).toBe(201);
    const unit = (await response.json()) as { id: string; regionCode: string; aliases: string[] };
    expect(unit.regionCode).toBe('622900');
    expect(unit.aliases).toEqual(['测试别名']);
    unitId = unit.id;
    await page.getByTestId('unit-aliases').getByText('测试别名').waitFor();
    await page.keyboard.press('Escape');
    // 临夏州 holds many units once the seed plans are loaded: find the new one by name, as a user would.
    const search = page.locator('input[data-testid="unit-search"], [data-testid="unit-search"] input').first();
    await search.fill(unitName);
    await search.press('Enter');
    await page.getByTestId('units-table').getByText(unitName).waitFor();
  });

  it('finds the org.unit.create entry for the new unit in the audit log', async () => {
    expect(unitId).not.toBe('');
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-filter-action').fill('org.unit.create');
    await page.getByTestId('audit-filter-entityId').fill(unitId);
    await page.getByTestId('audit-filter-apply').click();
    const table = page.getByTestId('audit-table');
    const row = table.locator('tr.ant-table-row', { hasText: unitId });
    await row.waitFor();
    expect(await row.textContent()).toContain('org.unit.create');
    await row.locator('.ant-table-row-expand-icon').click();
    await table.getByTestId('audit-diff').getByText(unitName).first().waitFor();
  });
});

describe('phone width (375 × 812)', () => {
  let context: BrowserContext;

  beforeAll(async () => {
    context = await stage.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  });

  afterAll(async () => {
    await context?.close();
  });

  it('lays out the sign-in page without horizontal overflow', async () => {
    const page = await context.newPage();
    await page.goto(`${stage.baseUrl}/login`);
    await page.getByTestId('login-submit').waitFor();
    expect(await fitsWidth(page)).toBe(true);
  });

  it('lays out /public without horizontal overflow', async () => {
    const page = await context.newPage();
    await page.goto(`${stage.baseUrl}/public`);
    await page.getByTestId('public-title').waitFor();
    expect(await page.getByTestId('public-title').textContent()).toBe('稳保 公共服务');
    expect(await fitsWidth(page)).toBe(true);
  });
});
