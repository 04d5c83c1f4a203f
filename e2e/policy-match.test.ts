/** 不来即享 in the browser at phone width: a person answers the policy questions without signing in and sees amounts in 元. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useStage } from './harness.ts';

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

  it('names the field of a bad credit code', async () => {
    await page.getByTestId('policy-match-applicant').getByText('我是企业（单位）').click();
    await page.getByTestId('policy-match-credit-code').fill('91622921000000000X');
    await page.getByTestId('policy-match-submit').click();
    expect(await page.getByTestId('policy-match-error').textContent()).toContain('统一社会信用代码');
  });
});
