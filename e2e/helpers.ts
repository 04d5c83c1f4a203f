/**
 * What the browser tests share: signing in through the form, moving through the 督查督办 menu, picking from
 * antd selects and closing drawers, setting accounts up through the API as an administrator would script it,
 * and reading an entry of a downloaded zip (DOCX and xlsx are zips).
 */
import { inflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/** Signs in through the form at `baseUrl`; changes the password first if the server demands it. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-org').or(page.getByTestId('force-password-change')).first().waitFor();
  if (await page.getByTestId('force-password-change').isVisible()) {
    await page.getByTestId('password-current').fill(password);
    await page.getByTestId('password-new').fill(`${password}-new`);
    await page.getByTestId('password-confirm').fill(`${password}-new`);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('nav-org').waitFor();
  }
}

/** The pages of the 督查督办 menu. */
export type PlansMenuItem = 'list' | 'my' | 'review' | 'problems' | 'import' | 'bulletins';

/** Opens a page of the 督查督办 menu, expanding the menu when it is closed. */
export async function openPlansMenu(page: Page, item: PlansMenuItem): Promise<void> {
  const link = page.getByTestId(`nav-plans-${item}`);
  if (!(await link.isVisible())) await page.getByTestId('nav-plans').click();
  await link.click();
}

/** Picks an option of an antd select by typing part of its label. */
export async function choose(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-item-option', { hasText: text }).first().click();
}

/** Closes the drawer with this test id by its close button. */
export async function closeDrawer(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).locator('.ant-drawer-close').first().click();
  await page.getByTestId(testId).waitFor({ state: 'hidden' });
}

/** Opens the plan whose row in the plan list contains `text`. */
export async function openPlan(page: Page, text: string): Promise<void> {
  await openPlansMenu(page, 'list');
  await page.getByTestId('plans-table').locator('tr.ant-table-row', { hasText: text }).getByTestId('plan-open').click();
  await page.getByTestId('plan-title').waitFor();
}

/** The CSRF header for API calls made with the signed-in page's cookies. */
export async function csrfHeaders(page: Page, baseUrl: string): Promise<Record<string, string>> {
  const session = (await (await page.request.get(`${baseUrl}/api/session`)).json()) as { csrfToken: string };
  return { 'x-csrf-token': session.csrfToken };
}

/** A new account, created by the administrator signed in on `page`; returns the HTTP status. */
export async function createAccount(
  page: Page,
  baseUrl: string,
  account: { username: string; displayName: string; password: string; grants: { role: string; unitId: string | undefined }[] },
): Promise<number> {
  const response = await page.request.post(`${baseUrl}/api/users`, { headers: await csrfHeaders(page, baseUrl), data: account });
  return response.status();
}

/** The text of one entry of a zip archive (found through its central directory), or null when it has none. */
export function zipEntryText(zip: Buffer, name: string): string | null {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return null;
  let at = zip.readUInt32LE(end + 16);
  for (let entry = 0, count = zip.readUInt16LE(end + 10); entry < count; entry += 1) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  return null;
}
