import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkPlanPack, walkTasks } from '../plan-pack.ts';
import { planPack } from '../plan-pack.schema.ts';
import { decodeText, parseCsv, readTableSheets } from './table-cells.ts';
import { readTaskTable, type TableImportOptions } from './task-table.ts';

const options: TableImportOptions = {
  fileName: 'table.xlsx',
  regionCode: '622900',
  title: '临夏州稳就业重点任务分工',
  start: '2020-06-01',
  end: '2020-12-31',
  issuer: '临夏回族自治州人民政府',
};

async function workbook(rows: (string | number | Date | null)[][], merges: string[] = []): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('任务分工');
  for (const row of rows) sheet.addRow(row);
  for (const range of merges) sheet.mergeCells(range);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** GBK bytes for a text, by inverting the GBK decoder (Node has no GBK encoder). */
function encodeGbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      const char = new TextDecoder('gbk').decode(Uint8Array.from([lead, trail]));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return Uint8Array.from([...text].flatMap((char) => (char.charCodeAt(0) < 0x80 ? [char.charCodeAt(0)] : (table.get(char) ?? [0x3f]))));
}

function tasksOf(result: ReturnType<typeof readTaskTable>) {
  const [plan] = result.pack.plans;
  return plan ? [...walkTasks(plan.sections)].map(({ task }) => task) : [];
}

describe('readTaskTable from Excel', () => {
  it('reads sections, named leads, co-units and deadlines, reporting rows it cannot read by their Excel row', async () => {
    const bytes = await workbook(
      [
        ['临夏州稳就业重点任务分工表'],
        ['序号', '工作任务', '牵头单位', '责任单位', '完成时限'],
        ['一、稳定就业岗位', '一、稳定就业岗位', '一、稳定就业岗位', '一、稳定就业岗位', '一、稳定就业岗位'],
        ['（一）', '支持企业稳岗', null, null, null],
        [1, '落实失业保险稳岗返还政策。', '州人社局', '州财政局、州税务局', '2020年6月底前'],
        [2, '开展以工代训。', '州人社局、州财政局', '各县(市)', new Date(Date.UTC(2020, 8, 30))],
        ['二、', '拓宽就业渠道', null, null, null],
        [3, '扩大招聘规模。', null, '州国资委、州人社局', '尽快'],
        [null, '这一行没有序号，但写了很长的一段任务内容，包括具体的措施和要求，并且以句号结尾。', null, '州人社局', null],
        [4, '支持返乡创业。', null, null, '长期坚持'],
        ['注：列第一位者为牵头单位的，以牵头单位列为准。'],
      ],
      ['A3:E3'],
    );
    const result = readTaskTable(await readTableSheets('table.xlsx', bytes), options);
    expect(result.rowProblems.map(({ row, column }) => [row, column])).toEqual([
      [8, '完成时限'],
      [9, '序号'],
    ]);
    expect(result.leadRule).toBe('first-listed');
    const [plan] = result.pack.plans;
    expect(plan?.sections.map((section) => [section.number, section.title])).toEqual([
      ['一', '稳定就业岗位'],
      ['二', '拓宽就业渠道'],
    ]);
    expect(plan?.sections[0]?.sections?.[0]).toMatchObject({ number: '(一)', title: '支持企业稳岗' });
    const tasks = tasksOf(result);
    expect(tasks.map((task) => task.number)).toEqual(['1', '2', '4']);
    expect(tasks[0]).toMatchObject({ lead: '州人社局', units: ['州人社局', '州财政局', '州税务局'], due: '2020-06-30', clause: '第5行' });
    expect(tasks[1]).toMatchObject({ lead: '州人社局', units: ['州人社局', '州财政局', '各县(市)'], due: '2020-09-30' });
    expect(tasks[2]).toMatchObject({ units: [], lead: null });
    expect(result.unitNames).toEqual(['州人社局', '州财政局', '州税务局', '各县(市)']);
    expect(result.pack.units.find((unit) => unit.name === '各县(市)')).toMatchObject({ collective: 'governments-below' });
    expect(planPack.safeParse(result.pack).success).toBe(true);
    expect(checkPlanPack(result.pack)).toEqual([]);
  });

  it('reads a two-row header with 牵头单位 and 配合单位 under a merged 责任单位', async () => {
    const bytes = await workbook(
      [
        ['序号', '重点任务', '具体措施', '责任单位', null, '完成时限'],
        [null, null, null, '牵头单位', '配合单位', null],
        [1, '稳岗返还', '对不裁员或少裁员的参保企业返还失业保险费。', '州人社局', '州财政局', '2020年12月31日'],
      ],
      ['A1:A2', 'B1:B2', 'C1:C2', 'D1:E1', 'F1:F2'],
    );
    const result = readTaskTable(await readTableSheets('table.xlsx', bytes), options);
    expect(result.rowProblems).toEqual([]);
    expect(result.leadRule).toBe('named');
    expect(tasksOf(result)[0]).toMatchObject({
      number: '1',
      title: '稳岗返还',
      text: '对不裁员或少裁员的参保企业返还失业保险费。',
      lead: '州人社局',
      units: ['州人社局', '州财政局'],
      responsibilityText: '牵头单位：州人社局；配合单位：州财政局',
      due: '2020-12-31',
    });
  });

  it('reads a workbook written in Traditional characters like its Simplified form', async () => {
    const bytes = await workbook([
      ['序號', '工作任務', '責任單位'],
      [1, '落實穩崗返還政策。', '區人力社保局、區財政局'],
    ]);
    const result = readTaskTable(await readTableSheets('table.xlsx', bytes), { ...options, leadRule: 'first-listed' });
    expect(result.rowProblems).toEqual([]);
    expect(tasksOf(result)[0]).toMatchObject({ text: '落实稳岗返还政策。', lead: '区人力社保局', units: ['区人力社保局', '区财政局'] });
  });

  it('reports a table without a header row', async () => {
    const bytes = await workbook([['一些说明'], ['1', '稳就业']]);
    const result = readTaskTable(await readTableSheets('table.xlsx', bytes), options);
    expect(result.rowProblems).toEqual([{ row: 1, column: '表头', message: expect.stringContaining('未找到表头') }]);
    expect(tasksOf(result)).toEqual([]);
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(readTableSheets('table.xlsx', new TextEncoder().encode('序号,任务'))).rejects.toMatchObject({ code: 'unprocessable', field: 'file' });
    await expect(readTableSheets('table.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).rejects.toMatchObject({ field: 'file' });
  });
});

const dazuCsv = [
  '序号,工作任务',
  '一、稳定就业,',
  '1,"阶段性降低失业保险费率、工伤保险费率政策。（责任单位：区人力社保局、区财政局、区税务局。备注：列第一责任单位的为牵头单位，下同。）"',
  '2,"加强就业形势监测。（责任单位：各镇街人民政府〔办事处〕、区人力社保局）"',
  '二、做好重点群体就业,',
  '1,"促进高校毕业生就业。（责任单位：区教委、区人力社保局）"',
].join('\r\n');

describe('readTaskTable from CSV', () => {
  it('takes the units from the note in the task text and applies the first-listed remark', async () => {
    const result = readTaskTable(await readTableSheets('dazu.csv', new TextEncoder().encode(`\ufeff${dazuCsv}`)), options);
    expect(result.rowProblems).toEqual([]);
    expect(result.leadRule).toBe('first-listed');
    const tasks = tasksOf(result);
    // Numbering restarts in every section, so numbers carry their section.
    expect(tasks.map((task) => task.number)).toEqual(['一1', '一2', '二1']);
    expect(tasks[0]).toMatchObject({ text: '阶段性降低失业保险费率、工伤保险费率政策。', lead: '区人力社保局', units: ['区人力社保局', '区财政局', '区税务局'] });
    expect(tasks[0]?.responsibilityText).toContain('备注');
    expect(tasks[1]).toMatchObject({ lead: '各镇街人民政府〔办事处〕' });
    expect(result.pack.units.filter((unit) => unit.collective).map((unit) => unit.name)).toEqual(['各镇街人民政府〔办事处〕']);
    expect(checkPlanPack(result.pack)).toEqual([]);
  });

  it('carries 以下各项工作任务均需各县市负责实施 to the later tasks', async () => {
    const csv = [
      '序号,任务',
      '1,"扩大有效投资。(责任单位：州发展改革委、州人社局，各县市，以下各项工作任务均需各县市负责实施，不再逐条列出)"',
      '2,"稳定外贸。(责任单位：州商务局)"',
    ].join('\n');
    const tasks = tasksOf(readTaskTable(await readTableSheets('linxia.csv', new TextEncoder().encode(csv)), options));
    expect(tasks.map((task) => task.units)).toEqual([
      ['州发展改革委', '州人社局', '各县市'],
      ['州商务局', '各县市'],
    ]);
    expect(tasks.every((task) => task.lead === null)).toBe(true);
  });

  it('reads a GBK-encoded CSV as Chinese Excel saves it', async () => {
    const csv = '序号,重点任务,责任单位,完成时限\r\n1,落实稳岗返还政策,"州人社局、州财政局",2020年6月底前\r\n';
    const bytes = encodeGbk(csv);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const result = readTaskTable(await readTableSheets('gbk.csv', bytes), options);
    expect(result.rowProblems).toEqual([]);
    expect(tasksOf(result)[0]).toMatchObject({ text: '落实稳岗返还政策', units: ['州人社局', '州财政局'], due: '2020-06-30', lead: null });
  });

  it('reads a Traditional CSV', async () => {
    const csv = '序號,工作任務\n1,"做好就業服務。（責任單位：區人力社保局、區財政局）"\n';
    const tasks = tasksOf(readTaskTable(await readTableSheets('tw.csv', new TextEncoder().encode(csv)), options));
    expect(tasks[0]).toMatchObject({ text: '做好就业服务。', units: ['区人力社保局', '区财政局'] });
  });

  it('reports a number used twice within a section', async () => {
    const csv = '序号,任务\n一、稳就业,\n1,甲。（责任单位：州人社局）\n1,乙。（责任单位：州财政局）\n';
    const result = readTaskTable(await readTableSheets('dup.csv', new TextEncoder().encode(csv)), options);
    expect(result.rowProblems).toEqual([{ row: 4, column: '序号', message: expect.stringContaining('重复') }]);
  });
});

describe('CSV decoding', () => {
  it('parses quoted fields with separators, quotes and line breaks', () => {
    expect(parseCsv('a,"b,c","d ""e""\nf"\r\n1,2,3')).toEqual([
      ['a', 'b,c', 'd "e"\nf'],
      ['1', '2', '3'],
    ]);
  });

  it('detects tab-separated text', () => {
    expect(parseCsv('序号\t任务\n1\t稳岗')).toEqual([
      ['序号', '任务'],
      ['1', '稳岗'],
    ]);
  });

  it('decodes UTF-8 with a BOM, UTF-16 with a BOM, and GB18030', () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('序号')]))).toBe('序号');
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x8f, 0x5e, 0xf7, 0x53]))).toBe('序号');
    expect(decodeText(encodeGbk('责任单位'))).toBe('责任单位');
  });
});
