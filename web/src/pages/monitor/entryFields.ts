/**
 * The cells of a data-entry form: one per indicator total and one per category of a broken-down indicator;
 * turning filled cells into the values to file, and a refusal's `values[i].value` back into the cell it names.
 */
import { outliersUnconfirmedCode } from '../../../../src/contracts/monitor-constants.ts';
import type { FormView } from './types.ts';

/** One cell of the entry table. */
export interface EntryCell {
  /** The antd form field name: `<code>` for the total, `<code>::<category>` for a category. */
  name: string;
  indicator: string;
  /** `''` for the total. */
  breakdown: string;
}

/** The cells of a form, indicator by indicator, the total first. */
export function entryCells(form: Pick<FormView, 'indicators'>): EntryCell[] {
  return form.indicators.flatMap((indicator) => [
    { name: indicator.code, indicator: indicator.code, breakdown: '' },
    ...indicator.breakdownCategories.map((category) => ({ name: `${indicator.code}::${category}`, indicator: indicator.code, breakdown: category })),
  ]);
}

/** The values to file from what was typed (blank cells are left out), with the cell each came from, in order. */
export function filledValues(cells: readonly EntryCell[], typed: Record<string, unknown>): { cells: EntryCell[]; values: { indicator: string; breakdown: string; value: string }[] } {
  const used = cells.filter((cell) => {
    const value = typed[cell.name];
    return value !== undefined && value !== null && String(value).trim() !== '';
  });
  return { cells: used, values: used.map((cell) => ({ indicator: cell.indicator, breakdown: cell.breakdown, value: String(typed[cell.name]).trim() })) };
}

/** The cell a server refusal names (`values[3].value`, `values.3.indicator`), among the cells sent; null otherwise. */
export function cellOfField(field: string | undefined, sent: readonly EntryCell[]): EntryCell | null {
  const match = field ? /^values(?:\[(\d+)\]|\.(\d+))/.exec(field) : null;
  if (!match) return null;
  return sent[Number(match[1] ?? match[2])] ?? null;
}

/**
 * What a refusal of a filing says about the cells sent: the cells it names, and whether it asks for the
 * outliers among them to be confirmed (its code says so; a broken range or equation is refused otherwise).
 */
export function readRefusal(refusal: { code: string; field?: string | undefined; fields?: readonly string[] }, sent: readonly EntryCell[]): { cells: EntryCell[]; confirmOutliers: boolean } {
  const named = refusal.fields && refusal.fields.length > 0 ? refusal.fields : refusal.field ? [refusal.field] : [];
  const cells = named.map((field) => cellOfField(field, sent)).filter((cell): cell is EntryCell => cell !== null);
  return { cells: [...new Set(cells)], confirmOutliers: refusal.code === outliersUnconfirmedCode };
}

/** Stored values keyed by cell name, for prefilling the table. */
export function cellValues(values: readonly { indicator: string; breakdown: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(values.map((value) => [value.breakdown ? `${value.indicator}::${value.breakdown}` : value.indicator, value.value]));
}
