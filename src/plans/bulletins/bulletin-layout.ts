/**
 * A bulletin laid out for reading, IO-free: each section as a numbered heading (一、), its paragraphs and its
 * tables under second-level headings ((一)), every table with its column headers and rows of text or
 * numbers. The DOCX and the xlsx exports both render this one layout, so they always say the same thing.
 */
import type { BulletinContent, BulletinSection } from '../../contracts/plan-bulletins.contract.ts';
import { problemCategoryLabels } from '../../contracts/plan-problems-constants.ts';
import { colourValues } from '../../contracts/plan-progress-constants.ts';
import { pickLanguage } from '../../kernel/errors.ts';
import { colourNames, formatFigure, problemStatusNames } from './bulletin-content.ts';

/** A cell: text, a number (kept a number in the spreadsheet), or nothing. */
export type Cell = string | number | null;

/** A column of a table. */
export interface Column {
  header: string;
  /** Relative width in the document. */
  width: number;
}

/** A table with its column headers. */
export interface LaidTable {
  columns: Column[];
  rows: Cell[][];
}

/** A second-level part of a section: (一) heading, paragraphs, a table. */
export interface LaidPart {
  heading: string | null;
  paragraphs: string[];
  table: LaidTable | null;
}

/** A section as laid out: 一、 heading, what it says, its parts. */
export interface LaidSection {
  /** The heading with its number: 一、目标任务完成情况. */
  heading: string;
  /** The heading without its number, for a sheet name. */
  name: string;
  paragraphs: string[];
  parts: LaidPart[];
}

const chineseNumerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The Chinese numeral of 1–10 (一 … 十). */
export function chineseNumeral(position: number): string {
  return chineseNumerals[position - 1] ?? String(position);
}

const comparatorSigns = { '>=': '≥', '<=': '≤', '=': '=' } as const;

function columns(...spec: [string, number][]): Column[] {
  return spec.map(([header, width]) => ({ header, width }));
}

function part(heading: string | null, table: LaidTable | null, paragraphs: string[] = []): LaidPart {
  return { heading, paragraphs, table };
}

/**
 * The Chinese side of a task's reason, kept in the content in both languages; null for a bulletin drawn up
 * when reasons were in English only, which an official document does not print.
 */
export function chineseReason(reason: string): string | null {
  const isBilingual = pickLanguage(reason, 'en') !== reason;
  return isBilingual ? pickLanguage(reason, 'zh') : null;
}

function layoutSection(section: BulletinSection): LaidPart[] {
  switch (section.kind) {
    case 'targets':
      return [
        part(null, {
          columns: columns(['序号', 3], ['指标', 10], ['地区', 7], ['要求', 3], ['目标值', 5], ['单位', 4], ['完成时限', 7], ['完成值', 5], ['完成进度(%)', 5], ['时序进度(%)', 5], ['滞后(百分点)', 5], ['状态', 4]),
          rows: section.rows.map((row, index) => [
            index + 1,
            row.indicator,
            row.regionName,
            comparatorSigns[row.comparator],
            row.value,
            row.unit,
            row.deadline,
            row.figure,
            row.progress,
            row.schedule,
            row.slip,
            colourNames[row.colour],
          ]),
        }),
      ];
    case 'punctuality':
      return [
        part(null, {
          columns: columns(['序号', 3], ['单位', 16], ['应报(份)', 4], ['按时报送', 4], ['逾期报送', 4], ['未报送', 4], ['完整率(%)', 5]),
          rows: [
            ...section.rows.map((row, index) => [index + 1, row.unitName, row.assigned, row.onTime, row.late, row.missing, row.completeness]),
            ['合计', null, section.totals.assigned, section.totals.onTime, section.totals.late, section.totals.missing, section.totals.completeness],
          ],
        }),
      ];
    case 'colours':
      return [
        part('（一）任务颜色分布', { columns: columns(['颜色', 6], ['任务数', 6]), rows: colourValues.map((colour) => [colourNames[colour], section.counts[colour] ?? 0]) }),
        section.listed.length === 0
          ? part('（二）红色、黄色任务', null, ['本期无红色、黄色任务。'])
          : part('（二）红色、黄色任务', {
              columns: columns(['序号', 3], ['任务编号', 5], ['任务', 14], ['颜色', 4], ['牵头单位', 9], ['预警原因', 16]),
              rows: section.listed.map((row, index) => [index + 1, row.number, row.title, colourNames[row.colour], row.leadUnits, chineseReason(row.reason)]),
            }),
      ];
    case 'problems':
      return [
        section.byCategory.length === 0
          ? part('（一）分类统计', null, ['本期无登记问题。'])
          : part('（一）分类统计', {
              columns: columns(['类别', 6], ['未销号', 5], ['其中超期', 5], ['已销号', 5]),
              rows: section.byCategory.map((row) => [row.label, row.open, row.overdue, row.closed]),
            }),
        section.flagged.length === 0
          ? part('（二）挂牌督办问题', null, ['本期无挂牌督办问题。'])
          : part('（二）挂牌督办问题', {
              columns: columns(['序号', 3], ['编号', 7], ['问题', 14], ['类别', 4], ['地区', 6], ['责任单位', 9], ['办结时限', 7], ['状态', 5]),
              rows: section.flagged.map((row, index) => [
                index + 1,
                row.number,
                row.title,
                problemCategoryLabels[row.category].zh,
                row.regionName,
                row.ownerUnit,
                row.deadline,
                `${problemStatusNames[row.status]}${row.overdue ? '（超期）' : ''}`,
              ]),
            }),
      ];
    case 'ranking':
      return [
        section.rows.length === 0
          ? part(null, null)
          : part(null, {
              columns: columns(['排名', 3], ['地区', 10], [`目标进度(${section.weights.targetProgress}%)`, 6], [`报送及时(${section.weights.punctuality}%)`, 6], [`问题销号(${section.weights.problemCloseOut}%)`, 6], ['综合得分', 5]),
              rows: section.rows.map((row) => [row.rank, row.regionName, row.targetProgress, row.punctuality, row.problemCloseOut, row.composite]),
            }),
      ];
  }
}

/** The sections of a bulletin in reading order, numbered 一、二、…. */
export function layoutBulletin(content: BulletinContent): LaidSection[] {
  return content.sections.map((section, index) => ({
    heading: `${chineseNumeral(index + 1)}、${section.heading}`,
    name: section.heading,
    paragraphs: [section.summary],
    parts: layoutSection(section),
  }));
}

/** A cell as the document prints it: numbers without binary noise, nothing as a dash. */
export function cellText(cell: Cell): string {
  if (cell === null) return '—';
  return typeof cell === 'number' ? formatFigure(cell) : cell;
}
