/**
 * A bulletin as a workbook: one sheet per section, named by its heading, with the section's tables one under
 * another (a part's heading above its table), header rows in bold and numbers kept as numbers so that the
 * figures can be summed and charted. A first sheet names the bulletin.
 */
import ExcelJS from 'exceljs';
import type { BulletinContent } from '../../contracts/plan-bulletins.contract.ts';
import { chineseDate } from './bulletin-content.ts';
import { layoutBulletin, type LaidTable } from './bulletin-layout.ts';

/** Characters a sheet name may not hold, and its length limit. */
const forbiddenInSheetName = /[\\/?*[\]:]/g;
const sheetNameLength = 31;

function addTable(sheet: ExcelJS.Worksheet, table: LaidTable): void {
  const header = sheet.addRow(table.columns.map((column) => column.header));
  header.font = { bold: true };
  for (const cells of table.rows) sheet.addRow(cells.map((cell) => cell ?? null));
  table.columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = Math.max(sheetColumn.width ?? 0, Math.min(60, column.width * 2.5));
  });
}

/** The bulletin as an .xlsx file. */
export async function bulletinXlsx(content: BulletinContent): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = content.issuer;
  workbook.title = content.title;
  const cover = workbook.addWorksheet('通报');
  cover.getColumn(1).width = 14;
  cover.getColumn(2).width = 80;
  const facts: [string, string][] = [
    ['标题', content.title],
    ['文号', content.docNumber ?? ''],
    ['发文单位', content.issuer],
    ['成文日期', chineseDate(content.issuedOn)],
    ['报告期', `${content.label}（${content.periodStart} 至 ${content.periodEnd}）`],
    ['方案', content.plan.docNumber ? `${content.plan.title}（${content.plan.docNumber}）` : content.plan.title],
  ];
  for (const [label, value] of facts) cover.addRow([label, value]).getCell(1).font = { bold: true };

  for (const section of layoutBulletin(content)) {
    const sheet = workbook.addWorksheet(section.name.replace(forbiddenInSheetName, ' ').slice(0, sheetNameLength));
    sheet.addRow([section.heading]).font = { bold: true, size: 14 };
    for (const paragraph of section.paragraphs) sheet.addRow([paragraph]);
    for (const part of section.parts) {
      sheet.addRow([]);
      if (part.heading) sheet.addRow([part.heading]).font = { bold: true };
      for (const paragraph of part.paragraphs) sheet.addRow([paragraph]);
      if (part.table) addTable(sheet, part.table);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
