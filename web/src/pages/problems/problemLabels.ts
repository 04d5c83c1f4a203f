/** How the problem ledger's codes are shown: category labels from the server's list, colours per state and severity. */
import { problemCategoryLabels } from '../../../../src/contracts/plan-problems-constants.ts';
import type { ProblemCategory, ProblemSeverity, ProblemStatus } from '../../../../src/contracts/plan-problems-constants.ts';
import { currentLocale } from '../../i18n/index.ts';

export { ownerLevels, problemCategories, problemSeverities, problemStatuses } from '../../../../src/contracts/plan-problems-constants.ts';

/** A category's label in the interface language. */
export function categoryLabel(category: ProblemCategory): string {
  const label = problemCategoryLabels[category];
  return currentLocale() === 'en' ? label.en : label.zh;
}

/** The antd tag colour of each state. */
export const statusColour: Record<ProblemStatus, string> = { open: 'red', in_progress: 'processing', resolved: 'gold', closed: 'success', reopened: 'magenta' };

/** The antd tag colour of each severity. */
export const severityColour: Record<ProblemSeverity, string> = { low: 'default', medium: 'blue', high: 'orange', critical: 'red' };

/** Yuan as typed into a form → fen as the server stores it. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** Fen as `2,500 万元` (Chinese, from ten thousand yuan) or `25,000,000 yuan` (English). */
export function formatFen(fen: number): string {
  const yuan = fen / 100;
  if (currentLocale() === 'en') return `${yuan.toLocaleString('en', { maximumFractionDigits: 2 })} yuan`;
  if (yuan >= 10_000) return `${(yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
  return `${yuan.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
}
