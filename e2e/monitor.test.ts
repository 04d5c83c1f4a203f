/**
 * Monitoring and early warning end to end: a prefecture coordinator of 临夏州 files the county employment
 * report of 临夏县 with a registered unemployment rate above every boundary of the Linxia rule, confirming the
 * outlier the form's rule flags against five months of history, and approves it; a level I (red) alert
 * appears on the board; the coordinator acknowledges it and closes it with the outcome, and the precision
 * counts it; the dashboard shows the rate at the prefecture and, drilled down, at the county, and exports
 * xlsx and PNG; a rule boundary is edited; a sheet import shows its errors by row and column, then commits.
 * The indicators, form and rule are the default monitor packs' when loaded, otherwise set up here.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { defaultPeriod, periodsEndingWith } from '../web/src/pages/monitor/periods.ts';
import { adminPassword, useStage } from './harness.ts';
import { choose, closeDrawer, createAccount, csrfHeaders, zipEntryText } from './helpers.ts';

const stage = useStage();

const formName = '县（市、区）就业情况月报';
const county = { code: '622921', name: '临夏县' };
const prefecture = { code: '622900', name: '临夏回族自治州' };
const period = defaultPeriod('month');

/** Opens a page of the 监测预警 menu, expanding the menu when it is closed. */
async function openMonitorMenu(page: Page, item: 'dashboard' | 'entry' | 'import' | 'alerts' | 'rules'): Promise<void> {
  const link = page.getByTestId(`nav-monitor-${item}`);
  if (!(await link.isVisible())) await page.getByTestId('nav-monitor').click();
  await link.click();
}

interface Listed {
  id: string;
  code: string;
}

/** The catalogue entries the test needs, created through the API unless the monitor packs brought them. */
async function ensureMonitorSetup(page: Page): Promise<void> {
  const base = stage.baseUrl;
  const headers = await csrfHeaders(page, base);
  const list = async (path: string) => ((await (await page.request.get(`${base}${path}`)).json()) as { items: Listed[] }).items;
  const post = async (path: string, data: unknown) => {
    const response = await page.request.post(`${base}${path}`, { headers, data });
    expect(response.status(), `${path}: ${await response.text()}`).toBe(201);
    return (await response.json()) as Listed;
  };

  const indicators = await list('/api/monitor/indicators?limit=500');
  const counted = { valueType: 'integer', frequency: 'month', entryLevel: 'county', regionAggregation: 'sum', timeAggregation: 'last', unit: '人' };
  if (!indicators.some((indicator) => indicator.code === 'registered_unemployed')) {
    await post('/api/monitor/indicators', { code: 'registered_unemployed', nameZh: '城镇登记失业人数', nameEn: 'Registered urban unemployed', ...counted });
  }
  if (!indicators.some((indicator) => indicator.code === 'urban_employed')) {
    await post('/api/monitor/indicators', { code: 'urban_employed', nameZh: '城镇从业人员', nameEn: 'Urban employed persons', ...counted });
  }
  let rate = indicators.find((indicator) => indicator.code === 'registered_unemployment_rate');
  rate ??= await post('/api/monitor/indicators', {
    code: 'registered_unemployment_rate',
    nameZh: '城镇登记失业率',
    nameEn: 'Registered urban unemployment rate',
    unit: '%',
    valueType: 'percent',
    frequency: 'month',
    entryLevel: 'county',
    regionAggregation: 'formula',
    formula: 'registered_unemployed / (urban_employed + registered_unemployed) * 100',
    timeAggregation: 'last',
    decimals: 2,
    dashboardPosition: 2,
  });

  const forms = await list('/api/monitor/forms?limit=200');
  if (!forms.some((form) => form.code === 'county_employment_monthly')) {
    await post('/api/monitor/forms', {
      code: 'county_employment_monthly',
      nameZh: formName,
      nameEn: 'County employment monthly report',
      reporterLevel: 'county',
      frequency: 'month',
      scopeRegionCode: prefecture.code,
      indicators: [{ code: 'registered_unemployed' }, { code: 'urban_employed' }],
      rules: [
        { kind: 'range', indicator: 'registered_unemployed', min: 0 },
        { kind: 'outlier', indicator: 'registered_unemployed', limit: 3.5 },
      ],
    });
  }

  const rules = await list('/api/monitor/warning-rules?limit=500');
  if (!rules.some((rule) => rule.code === 'linxia-unemployment-rate')) {
    const plan = (hours: number) => ({ unitKinds: [{ kind: 'government', level: 'own' }], acknowledgeHours: hours, respondHours: hours * 3, actions: ['核实数据'] });
    await post('/api/monitor/warning-rules', {
      code: 'linxia-unemployment-rate',
      indicatorId: rate.id,
      kind: 'threshold',
      scopeRegionCode: prefecture.code,
      watchLevel: 'county',
      nameZh: '登记失业率超控制目标（临夏州）',
      nameEn: 'Registered unemployment above the control target (Linxia)',
      direction: 'above',
      thresholds: { IV: 4.2, III: 4.5, II: 5.0, I: 5.5 },
      response: { IV: plan(72), III: plan(48), II: plan(24), I: plan(12) },
      source: '临夏州保居民就业工作方案 三、第2项“登记失业率控制在4.5%以内”',
      sourceKind: 'document',
    });
  }
}

describe('monitoring: data entry → alert → acknowledge → close, and the dashboard', () => {
  let admin: BrowserContext;
  let coordinator: BrowserContext;
  let page: Page;
  const username = `lx.monitor.${Date.now().toString(36)}`;
  const password = 'Monitor-e2e-2020';

  beforeAll(async () => {
    const signedIn = await stage.signedIn('admin', adminPassword);
    admin = signedIn.context;
    await ensureMonitorSetup(signedIn.page);
    const units = (await (await signedIn.page.request.get(`${stage.baseUrl}/api/units?region=${prefecture.code}&q=${encodeURIComponent('临夏州人力资源')}`)).json()) as { items: { id: string }[] };
    const account = { username, displayName: '临夏州就业监测专班', password, grants: [{ role: 'coordinator', unitId: units.items[0]?.id }] };
    expect(await createAccount(signedIn.page, stage.baseUrl, account)).toBe(201);
    // five months of ordinary history before the filed month, posted as the statistics office's API would
    const history = periodsEndingWith(period, 6).slice(0, 5);
    const values = history.flatMap((month, index) => [
      { indicator: 'registered_unemployed', regionCode: county.code, period: month, value: 100 + (index % 3) },
      { indicator: 'urban_employed', regionCode: county.code, period: month, value: 9900 },
    ]);
    const posted = await signedIn.page.request.post(`${stage.baseUrl}/api/monitor/values`, { headers: await csrfHeaders(signedIn.page, stage.baseUrl), data: { values } });
    expect(posted.status(), await posted.text()).toBe(200);
    ({ context: coordinator, page } = await stage.signedIn(username, password));
  });

  afterAll(async () => {
    await coordinator?.close();
    await admin?.close();
  });

  it('offers the monitor screens in the menu by the session’s abilities', async () => {
    expect(await page.getByTestId('nav-monitor').textContent()).toBe('监测预警');
    await page.getByTestId('nav-monitor').click();
    for (const item of ['dashboard', 'entry', 'import', 'alerts', 'rules']) await page.getByTestId(`nav-monitor-${item}`).waitFor();
  });

  it('files the county employment report of 临夏县, confirming an outlier, and approves it', async () => {
    await openMonitorMenu(page, 'entry');
    await choose(page, 'entry-form', formName);
    await page.getByTestId('entry-region').click();
    await page.locator('.ant-cascader-menu-item', { hasText: prefecture.name }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: county.name }).click();
    const cell = (code: string) => page.locator(`[data-testid="entry-${code}"] input, input[data-testid="entry-${code}"]`).first();
    await cell('urban_new_jobs').fill('120');
    await cell('registered_unemployed').fill('600');
    await cell('urban_employed').fill('9400');
    await page.getByTestId('entry-submit').click();
    // 600 is far from the county's last five months (about 100): the server asks for confirmation
    const confirm = page.locator('.ant-modal-confirm', { hasText: '数值偏离历史水平' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('registered_unemployed');
    await confirm.getByRole('button', { name: '核实无误，确认提交' }).click();
    await page.getByTestId('entry-status').filter({ hasText: '已报送' }).waitFor();
    const row = page.getByTestId('submissions-table').locator('tr.ant-table-row', { hasText: county.name });
    await row.waitFor();
    expect(await row.getByTestId('submission-status').textContent()).toBe('已报送');
    await row.getByTestId('submission-approve').click();
    await page.getByTestId('submission-decision').locator('.ant-btn-primary').click();
    await row.getByTestId('submission-status').filter({ hasText: '已审核' }).waitFor();
  });

  it('shows a level I (red) alert for 临夏县 on the board, acknowledged and closed with its outcome', async () => {
    await openMonitorMenu(page, 'alerts');
    const row = page.getByTestId('alerts-table').locator('tr.ant-table-row', { hasText: county.name }).filter({ hasText: '登记失业率' });
    await row.waitFor();
    expect(await row.getByTestId('alert-level').getAttribute('data-level')).toBe('1');
    expect(await row.getByTestId('alert-level').textContent()).toBe('I级（红色）');
    await row.getByTestId('alert-open').click();
    const drawer = page.getByTestId('alert-drawer');
    await drawer.locator('[data-testid="alert-status"][data-status="open"]').waitFor();
    expect(await drawer.getByTestId('alert-explanation').textContent()).toContain('6');

    await drawer.getByTestId('alert-action-acknowledge').click();
    await page.getByTestId('alert-action-text').fill('已与县人社局核实，数据无误。');
    await page.getByTestId('alert-action-modal').locator('.ant-btn-primary').click();
    await drawer.locator('[data-testid="alert-status"][data-status="acknowledged"]').waitFor();

    await drawer.getByTestId('alert-action-close').click();
    await page.getByTestId('alert-action-text').fill('园区两家企业停产导致失业人数上升，已组织专场招聘会，80 人实现再就业。');
    await page.getByTestId('alert-was-real-yes').click();
    await page.getByTestId('alert-action-modal').locator('.ant-btn-primary').click();
    await drawer.locator('[data-testid="alert-status"][data-status="closed"]').waitFor();
    const history = await drawer.getByTestId('alert-history').textContent();
    expect(history).toContain('签收');
    expect(history).toContain('办结');
    await closeDrawer(page, 'alert-drawer');
    // the board lists alerts still being dealt with by default: the closed one leaves it
    await row.waitFor({ state: 'detached' });

    await page.getByTestId('alerts-tab-precision').click();
    await page.getByTestId('precision-overall').getByText('100%').waitFor();
  });

  it('shows the rate on the dashboard at the prefecture and, drilled down, at the county', async () => {
    await page.goto(`${stage.baseUrl}/monitor?region=${prefecture.code}&period=${period}`);
    const card = page.getByTestId('kpi-registered_unemployment_rate');
    await card.getByTestId('kpi-value').filter({ hasText: '6.00' }).waitFor();
    // a cumulative target (1.8 万人) is judged at a month too: the year to date in 人 against the time schedule
    const jobs = page.getByTestId('kpi-urban_new_jobs');
    await jobs.getByTestId('kpi-year-to-date').waitFor();
    expect(await jobs.getByTestId('kpi-standing').getAttribute('data-standing')).toBe('behind');
    expect(await jobs.getByTestId('kpi-standing').textContent()).toBe('落后于时序进度');
    await page.getByTestId('children-table').getByText(county.name).waitFor();
    await page.getByTestId(`children-drill-${county.code}`).click();
    await page.getByTestId('monitor-trail-current').filter({ hasText: county.name }).waitFor();
    await page.locator(`[data-testid="dashboard-cards"][data-region="${county.code}"]`).waitFor();
    expect(await card.getByTestId('kpi-value').textContent()).toBe('6.00');
    await page.getByTestId(`monitor-trail-${prefecture.code}`).click();
    await page.locator(`[data-testid="dashboard-cards"][data-region="${prefecture.code}"]`).waitFor();
  });

  it('exports the dashboard as xlsx and its trend chart as PNG', async () => {
    const response = await page.request.get(`${stage.baseUrl}/api/monitor/dashboard.xlsx?region=${prefecture.code}&period=${period}`);
    expect(response.status()).toBe(200);
    expect(zipEntryText(await response.body(), 'xl/sharedStrings.xml')).toContain('城镇登记失业率');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trend-chart-png').click()]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
  });

  it('shows the Linxia rule with its document source and lets the coordinator move a boundary', async () => {
    await openMonitorMenu(page, 'rules');
    const row = page.getByTestId('rules-table').locator('tr.ant-table-row', { hasText: 'linxia-unemployment-rate' });
    await row.waitFor();
    expect(await row.getByTestId('rule-source-kind').textContent()).toBe('方案文件');
    await row.getByTestId('rule-edit').click();
    const threshold = page.locator('[data-testid="rule-threshold-IV"] input, input[data-testid="rule-threshold-IV"]').first();
    await threshold.fill('4');
    await page.getByTestId('rule-save').click();
    await page.getByTestId('rule-drawer').waitFor({ state: 'hidden' });
    await row.getByText('IV ≥ 4', { exact: true }).waitFor();
    await page.getByTestId('rules-tab-indicators').click();
    await page.getByTestId('indicators-search').locator('input').fill('城镇登记失业率');
    await page.keyboard.press('Enter');
    await page.getByTestId('indicators-table').getByText('registered_unemployment_rate', { exact: true }).waitFor();
  });

  it('imports a sheet: errors by row and column first, then a clean file committed', async () => {
    await openMonitorMenu(page, 'import');
    await choose(page, 'monitor-import-form', formName);
    const template = await page.request.get(`${stage.baseUrl}${await page.getByTestId('monitor-import-template').getAttribute('href')}`);
    expect(template.status()).toBe(200);
    const upload = (csv: string) =>
      page.locator('input[type=file]').setInputFiles({ name: '就业月报.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await upload(['region,urban_new_jobs,registered_unemployed,urban_employed', '622922,110,三百,9700'].join('\n'));
    const errors = page.getByTestId('monitor-import-errors');
    await errors.waitFor();
    const cells = errors.locator('tr.ant-table-row').first().locator('td');
    expect(await cells.nth(0).textContent()).toBe('2');
    expect(await cells.nth(1).textContent()).toMatch(/^C/);
    await page.getByTestId('monitor-import-discard').click();
    await page.locator('[data-testid="monitor-import-status"][data-status="discarded"]').waitFor();
    await page.getByRole('button', { name: '重新上传' }).click();
    await upload(['region,urban_new_jobs,registered_unemployed,urban_employed', '622922,110,300,9700'].join('\n'));
    await page.getByTestId('monitor-import-ready').waitFor();
    await page.getByTestId('monitor-import-commit').click();
    await page.getByTestId('monitor-import-done').waitFor();
  });
});
