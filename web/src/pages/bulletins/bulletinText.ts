/** How a bulletin writes numbers and dates, the way its DOCX does: 一、 headings, 2020年7月20日, figures without noise. */

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The Chinese numeral of a section's position, 1–10 (一 … 十); beyond that the digits. */
export function chineseNumeral(position: number): string {
  return numerals[position - 1] ?? String(position);
}

/** `2020-07-20` → `2020年7月20日`. */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return date;
  return `${year}年${month}月${day}日`;
}

/** A figure as a bulletin writes it: no binary noise (0.1 + 0.2), no trailing zeros. */
export function formatFigure(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** A percentage 0–100 as `62.5%`. */
export function formatPercent(value: number): string {
  return `${formatFigure(value)}%`;
}

/** The comparator signs of targets. */
export const comparatorSigns = { '>=': '≥', '<=': '≤', '=': '=' } as const;
