import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSourceRows, type SourceRow } from './import.readers.ts';

/** A long Chinese name unique to the row, so any character garbled at a chunk boundary shows. */
function longName(row: number): string {
  return `临夏回族自治州临夏县土桥镇农业产业化龙头企业联合体第${row}号生产经营单位（含东乡族自治县积石山保安族东乡族撒拉族自治县分支机构）`;
}

async function readAll(bytes: Uint8Array): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of readSourceRows('xlsx', bytes)) rows.push(row);
  return rows;
}

describe('readSourceRows (xlsx)', () => {
  it('keeps Chinese text whole where the zip stream cuts a character between two chunks', async () => {
    const count = 4000;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('数据');
    sheet.addRow(['subject', 'name', 'mi_headcount']);
    for (let row = 2; row <= count + 1; row += 1) sheet.addRow([`E${row}`, longName(row), row]);
    const hidden = book.addWorksheet('meta', { state: 'hidden' });
    hidden.addRow(['键', '说明：隐藏的元数据表']);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    // the names alone are far larger than one inflated chunk
    expect(count * Buffer.byteLength(longName(2))).toBeGreaterThan(10 * 65_536);

    const rows = await readAll(bytes);
    const data = rows.filter((row) => row.sheet === '数据');
    expect(data).toHaveLength(count + 1);
    const garbled = data.slice(1).filter(({ row }) => row.cells[1] !== longName(row.row));
    expect(garbled.map(({ row }) => row.row)).toEqual([]);
    expect(data[1]?.row.cells).toEqual(['E2', longName(2), 2]);
    expect(rows.filter((row) => row.sheet === 'meta')).toEqual([{ sheet: 'meta', hidden: true, row: { row: 1, cells: ['键', '说明：隐藏的元数据表'] } }]);
  });
});
