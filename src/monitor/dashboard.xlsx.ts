/** The dashboard's figures as an .xlsx file: one row per key indicator, the same numbers the screen shows. */
import ExcelJS from 'exceljs';
import type { DashboardResult } from '../contracts/monitor.contract.ts';

const standings = {
  zh: { met: '达标', behind: '未达标', onSchedule: '达到时序进度', behindSchedule: '落后于时序进度', unknown: '无法对照' },
  en: { met: 'On target', behind: 'Off target', onSchedule: 'On schedule', behindSchedule: 'Behind schedule', unknown: 'Not compared' },
};

/** The verdict in words: a cumulative target is on or behind schedule, any other met or not. */
function standingText(target: DashboardResult['items'][number]['target'], language: 'zh' | 'en'): string | null {
  if (!target) return null;
  if (target.standing === 'unknown') return target.notComparedBecause?.[language] ?? standings[language].unknown;
  if (!target.cumulative) return standings[language][target.standing];
  return standings[language][target.standing === 'met' ? 'onSchedule' : 'behindSchedule'];
}

const headings = {
  zh: ['指标', '单位', '本期', '上期', '上期值', '环比(%)', '上年同期', '上年同期值', '同比(%)', '目标', '目标期限', '时序进度(%)', '缺失', '本年累计', '应完成', '对照'],
  en: ['Indicator', 'Unit', 'This period', 'Previous period', 'Previous', 'Change on previous (%)', 'Year ago period', 'Year ago', 'Change on year ago (%)', 'Target', 'Target deadline', 'Time schedule (%)', 'Missing', 'Year to date', 'Due', 'Standing'],
};

function change(value: number | null, base: number | null): number | null {
  if (value === null || base === null || base === 0) return null;
  return Math.round(((value - base) / Math.abs(base)) * 10_000) / 100;
}

/** Renders the dashboard as a workbook in the requested language. */
export async function dashboardXlsx(dashboard: DashboardResult, language: 'zh' | 'en'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet(language === 'zh' ? '监测指标' : 'Indicators');
  sheet.addRow([`${dashboard.regionName} ${dashboard.period}`]);
  sheet.getRow(1).font = { bold: true, size: 14 };
  const header = sheet.addRow(headings[language]);
  header.font = { bold: true };
  for (const item of dashboard.items) {
    const format = item.decimals > 0 ? `0.${'0'.repeat(item.decimals)}` : '0';
    const row = sheet.addRow([
      language === 'zh' ? item.nameZh : item.nameEn,
      item.unit,
      item.value,
      item.previousPeriod,
      item.previous,
      change(item.value, item.previous),
      item.yearAgoPeriod,
      item.yearAgo,
      change(item.value, item.yearAgo),
      item.target ? `${item.target.comparator} ${item.target.value}${item.target.unit}` : null,
      item.target?.deadline ?? null,
      item.target ? Math.round(item.target.expectedShare * 10_000) / 100 : null,
      item.missing.join(', ') || null,
      item.yearToDate,
      item.target?.due ?? null,
      standingText(item.target, language),
    ]);
    for (const column of [3, 5, 8, 14, 15]) row.getCell(column).numFmt = format;
  }
  sheet.columns.forEach((column, index) => {
    column.width = index === 0 ? 28 : 14;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
