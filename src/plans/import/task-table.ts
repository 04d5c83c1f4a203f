/**
 * Reading a task-division table (任务分工表) into a draft plan pack: find the header row (序号 and a task
 * column; 牵头单位/责任单位/配合单位/完成时限 optional), turn numbered headings (一、 （一）) into sections and
 * the other rows into tasks, read their units from the unit columns or, when there are none, from the note
 * at the end of the task's text, and report every row that cannot be read with its Excel row number.
 * Pure apart from hashing: the rows come from `table-cells.ts`, unit names are resolved later.
 */
import { createHash } from 'node:crypto';
import { bilingual } from '../../kernel/errors.ts';
import type { PackSection, PackTask, PlanPack } from '../plan-pack.schema.ts';
import { parseDueDate } from './due-date.ts';
import { detectLeadRuleHint, isCollectiveName, parseResponsibility, parseResponsibilityCell, type LeadRule, type Responsibility } from './responsibility.ts';
import { toSimplified } from './simplified.ts';
import type { TableRow, TableSheet } from './table-cells.ts';

/** What the importer says about the plan the table belongs to. */
export interface TableImportOptions {
  /** The uploaded file's name, recorded as the plan's source. */
  fileName: string;
  regionCode: string;
  title: string;
  docNumber?: string | null | undefined;
  /** The plan's lead rule; unset: `first-listed` when the table says so, `named` when it names leads, else `none`. */
  leadRule?: LeadRule | undefined;
  start: string;
  end: string;
  /** The issuing body's name, as it will appear in the pack's units directory. */
  issuer: string;
}

/** A row that cannot be read, with the column concerned (its header as printed) and why (bilingual). */
export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/** A table read into a draft pack. */
export interface TableImport {
  pack: PlanPack;
  rowProblems: RowProblem[];
  /** Every unit name the tasks use, in order of first appearance. */
  unitNames: string[];
  /** The lead rule applied. */
  leadRule: LeadRule;
}

type Role = 'number' | 'title' | 'text' | 'lead' | 'units' | 'cooperating' | 'due';

const rolePatterns: [Role, RegExp][] = [
  ['number', /^(序号|编号|序)$/],
  ['lead', /牵头(单位|部门)/],
  ['cooperating', /(配合|协办|参与|协同)(单位|部门)/],
  ['units', /责任(单位|部门|主体)|承办单位|落实单位|主责单位/],
  ['due', /完成(时限|时间|期限)|时间(节点|要求)|时限|期限/],
];
const taskColumn = /任务|措施|事项|工作内容|内容/;
const chineseNumeral = '[一二三四五六七八九十百零〇]+';
const topHeading = new RegExp(`^(${chineseNumeral})\\s*[、.．]\\s*(.*)$`, 's');
const bareTopNumber = new RegExp(`^(${chineseNumeral})$`);
const subHeading = new RegExp(`^[（(](${chineseNumeral})[）)]\\s*(.*)$`, 's');
const noteRow = /^(注|备注|说明)\s*[:：\s]/;

interface Header {
  row: number;
  /** Where data rows begin (index into the sheet's rows). */
  dataStart: number;
  columns: Map<Role, number[]>;
  labels: string[];
}

function label(cell: string): string {
  return toSimplified(cell).replace(/[\s*＊:：]/g, '');
}

function rolesOf(labels: string[]): Map<Role, number[]> {
  const columns = new Map<Role, number[]>();
  const free: number[] = [];
  for (const [index, text] of labels.entries()) {
    if (text.length > 20) continue;
    const role = rolePatterns.find(([, pattern]) => pattern.test(text))?.[0];
    if (role) columns.set(role, [...(columns.get(role) ?? []), index]);
    else if (taskColumn.test(text)) free.push(index);
  }
  const textIndex = free.find((index) => /措施|内容|具体/.test(labels[index] ?? '')) ?? free.at(-1);
  if (textIndex !== undefined) columns.set('text', [textIndex]);
  const titleIndex = free.find((index) => index !== textIndex);
  if (titleIndex !== undefined) columns.set('title', [titleIndex]);
  return columns;
}

/** The header: the first row holding 序号 and a task column; a second row of 牵头单位/配合单位 is merged in. */
function findHeader(rows: TableRow[]): Header | null {
  for (const [index, row] of rows.slice(0, 30).entries()) {
    const labels = row.cells.map(label);
    const columns = rolesOf(labels);
    if (!columns.has('number') || !columns.has('text')) continue;
    const next = rows[index + 1];
    const nextLabels = next?.cells.map(label) ?? [];
    const subRoles = nextLabels.map((text) => (text.length > 12 ? undefined : rolePatterns.find(([role, pattern]) => role !== 'number' && pattern.test(text))?.[0]));
    const isSubHeader = next !== undefined && subRoles.some(Boolean) && nextLabels.every((text, column) => text.length <= 12 || subRoles[column]);
    if (!isSubHeader) return { row: row.row, dataStart: index + 1, columns, labels };
    const merged = labels.map((text, column) => (subRoles[column] ? (nextLabels[column] ?? text) : text));
    return { row: row.row, dataStart: index + 2, columns: rolesOf(merged), labels: merged };
  }
  return null;
}

interface DraftTask {
  row: number;
  sectionPath: string;
  number: string;
  task: Omit<PackTask, 'number' | 'lead' | 'clause'>;
  explicitLead: string | null;
}

/** Reads the units of one row: from its unit columns when they hold anything, else from the task's note. */
function readUnits(cellsOf: (role: Role) => string[], text: string): { reading: Responsibility; fromColumns: boolean; text: string } {
  const leadCells = cellsOf('lead').filter(Boolean);
  const unitCells = cellsOf('units').filter(Boolean);
  const otherCells = cellsOf('cooperating').filter(Boolean);
  if (leadCells.length + unitCells.length + otherCells.length === 0) {
    const reading = parseResponsibility(text, { leadRule: 'named' });
    return { reading, fromColumns: false, text: reading.remainder || text };
  }
  const leads = leadCells.map((cell) => parseResponsibilityCell(cell, { leadRule: 'named' }));
  const rest = [...unitCells, ...otherCells].map((cell) => parseResponsibilityCell(cell, { leadRule: 'named' }));
  const all = [...leads, ...rest];
  const leadNames = [...leads.flatMap((reading) => reading.units), ...rest.flatMap((reading) => (reading.lead ? [reading.lead] : []))];
  const units = [...new Set([...leadNames, ...all.flatMap((reading) => reading.units)])];
  const notation = [
    ...leadCells.map((cell) => `牵头单位：${cell}`),
    ...unitCells.map((cell) => `责任单位：${cell}`),
    ...otherCells.map((cell) => `配合单位：${cell}`),
  ].join('；');
  const reading: Responsibility = {
    lead: leadNames[0] ?? null,
    units,
    collectives: units.filter(isCollectiveName),
    notation,
    remainder: text,
    leadRuleHint: all.some((one) => one.leadRuleHint) ? 'first-listed' : null,
    notes: all.flatMap((one) => one.notes),
    carriedForward: all.flatMap((one) => one.carriedForward),
    problems: all.flatMap((one) => one.problems),
  };
  return { reading, fromColumns: true, text };
}

/** Where the rows read so far have put us: the current section and subsection. */
class SectionCursor {
  private top: PackSection | null = null;
  private topNumbered = false;
  private sub: PackSection | null = null;

  constructor(private readonly sections: PackSection[]) {}

  openTop(number: string, title: string, numbered: boolean): void {
    this.top = { number, title, tasks: [], sections: [] };
    this.topNumbered = numbered;
    this.sub = null;
    this.sections.push(this.top);
  }

  openSub(number: string, title: string): void {
    if (!this.top) return this.openTop(number, title, false);
    this.sub = { number, title, tasks: [] };
    this.top.sections?.push(this.sub);
  }

  /** A heading without a number groups tasks under the current numbered section, or stands alone. */
  openUnnumbered(title: string): void {
    if (this.top && this.topNumbered) this.openSub('—', title);
    else this.openTop('—', title, false);
  }

  /** The numbers of the current section and subsection (`四(一)`), to tell apart tasks numbered per section. */
  path(): string {
    return [this.top?.number, this.sub?.number].filter((number) => number && number !== '—').join('');
  }

  add(task: PackTask): void {
    if (!this.top) this.openTop('—', '任务', false);
    (this.sub ?? this.top)?.tasks?.push(task);
  }
}

const problem = (row: number, column: string, zh: string, en: string): RowProblem => ({ row, column, message: bilingual(zh, en) });

/** What reading the rows under a header gave. */
interface RowsRead {
  sections: PackSection[];
  drafts: DraftTask[];
  rowProblems: RowProblem[];
  /** A note stated the first-listed rule. */
  hinted: boolean;
}

/** Reads the rows under the header: headings open sections, the rest are tasks or problems. */
function readRows(sheet: TableSheet, header: Header, options: TableImportOptions): RowsRead {
  const read: RowsRead = { sections: [], drafts: [], rowProblems: [], hinted: false };
  const cursor = new SectionCursor(read.sections);
  const columnName = (role: Role) => header.labels[header.columns.get(role)?.[0] ?? -1] ?? role;
  let carried: string[] = [];
  for (const row of sheet.rows.slice(header.dataStart)) {
    const cellsOf = (role: Role) => (header.columns.get(role) ?? []).map((column) => toSimplified(row.cells[column] ?? ''));
    const [number = ''] = cellsOf('number');
    const [title = ''] = cellsOf('title');
    const [text = ''] = cellsOf('text');
    const first = row.cells.find((cell) => cell !== '') ?? '';
    // A remark under the table (注：列第一位者为牵头单位) fills one cell or one merged row.
    if (first === '' || (noteRow.test(first) && new Set(row.cells.filter(Boolean)).size === 1)) continue;
    const heading = text || title;
    const topMatch = topHeading.exec(number) ?? bareTopNumber.exec(number) ?? (number === '' ? topHeading.exec(heading) : null);
    const subMatch = subHeading.exec(number) ?? (number === '' ? subHeading.exec(heading) : null);
    const unitsGiven = [...cellsOf('lead'), ...cellsOf('units'), ...cellsOf('cooperating')].some(Boolean);
    const unnumberedHeading =
      number === '' && heading !== '' && !unitsGiven && heading.length <= 40 && !/[。；;]/.test(heading) && parseResponsibility(heading).units.length === 0;
    if (topMatch) {
      cursor.openTop(topMatch[1] ?? '', topMatch[2] || (number ? heading : '') || (topMatch[1] ?? ''), true);
      continue;
    }
    if (subMatch) {
      cursor.openSub(`(${subMatch[1]})`, subMatch[2] || (number ? heading : '') || `(${subMatch[1]})`);
      continue;
    }
    if (unnumberedHeading) {
      cursor.openUnnumbered(heading);
      continue;
    }
    if (number === '') {
      read.rowProblems.push(problem(row.row, columnName('number'), '缺少序号：任务行须有序号，标题行须以“一、”或“（一）”开头', 'No number: a task row needs a 序号; a heading starts with 一、 or （一）'));
      continue;
    }
    if (text === '' && title === '') {
      read.rowProblems.push(problem(row.row, columnName('text'), '任务内容为空', 'The task text is empty'));
      continue;
    }
    const units = readUnits(cellsOf, text || title);
    for (const message of units.reading.problems) read.rowProblems.push({ row: row.row, column: columnName(units.fromColumns ? 'units' : 'text'), message });
    // A remark such as 以下各项工作任务均需各县市负责实施 makes those units responsible for every later task.
    const names = [...new Set([...units.reading.units, ...carried])];
    carried = [...new Set([...carried, ...units.reading.carriedForward])];
    read.hinted ||= units.reading.leadRuleHint !== null;
    const [dueText = ''] = cellsOf('due');
    const due = parseDueDate(dueText, Number(options.start.slice(0, 4)));
    const taskNumber = number.replace(/[、.．\s]+$/, '').replace(/（/g, '(').replace(/）/g, ')');
    const checks: [boolean, Role, string, string][] = [
      [!due.understood, 'due', `看不懂完成时限“${dueText}”，请写成如“2020年6月底前”或“2020-06-30”`, `Cannot read the deadline "${dueText}"; write it as 2020年6月底前 or 2020-06-30`],
      [taskNumber.length > 30, 'number', '序号过长（最多 30 字）', 'The number is too long (30 characters at most)'],
      [units.text.length > 4000, 'text', '任务内容过长（最多 4000 字）', 'The task text is too long (4000 characters at most)'],
      [text !== '' && title.length > 200, 'title', '任务名称过长（最多 200 字）', 'The task title is too long (200 characters at most)'],
      [names.length > 60, 'units', '责任单位过多（最多 60 个）', 'Too many units (60 at most)'],
    ];
    const failed = checks.filter(([bad]) => bad);
    for (const [, role, zh, en] of failed) read.rowProblems.push(problem(row.row, columnName(role), zh, en));
    if (failed.length > 0 || units.reading.problems.length > 0) continue;
    const task: DraftTask['task'] = {
      ...(text !== '' && title !== '' ? { title } : {}),
      text: units.text,
      units: names,
      ...(units.reading.notation ? { responsibilityText: units.reading.notation.slice(0, 1000) } : {}),
      ...(due.date ? { due: due.date } : {}),
    };
    read.drafts.push({ row: row.row, sectionPath: cursor.path(), number: taskNumber, task, explicitLead: units.reading.lead });
    cursor.add(task as PackTask);
  }
  if (read.drafts.length === 0 && read.rowProblems.length === 0) {
    read.rowProblems.push(problem(header.row, columnName('text'), '表中没有任务行', 'The table holds no task rows'));
  }
  return read;
}

/** Gives every task its final number (with its section's when numbers restart per section), lead and clause. */
function completeTasks(drafts: DraftTask[], leadRule: LeadRule, numberColumn: string): RowProblem[] {
  const problems: RowProblem[] = [];
  const rawNumbers = drafts.map((draft) => draft.number);
  const composite = new Set(rawNumbers).size < rawNumbers.length;
  const seen = new Set<string>();
  for (const draft of drafts) {
    const number = composite ? `${draft.sectionPath}${draft.number}` : draft.number;
    if (seen.has(number)) problems.push(problem(draft.row, numberColumn, `序号“${number}”重复`, `The number "${number}" is used twice`));
    seen.add(number);
    const lead = leadRule === 'none' ? null : (draft.explicitLead ?? (leadRule === 'first-listed' ? (draft.task.units[0] ?? null) : null));
    // The section holds this same object: completing it completes the task in place.
    Object.assign(draft.task, { number, lead, clause: `第${draft.row}行` });
  }
  return problems;
}

/** Reads the first sheet that has a header row into a draft pack, with every row problem found. */
export function readTaskTable(sheets: TableSheet[], options: TableImportOptions): TableImport {
  const sheet = sheets.find((candidate) => findHeader(candidate.rows) !== null);
  const header = sheet ? findHeader(sheet.rows) : null;
  const read: RowsRead =
    sheet && header
      ? readRows(sheet, header, options)
      : {
          sections: [],
          drafts: [],
          hinted: false,
          rowProblems: [
            problem(1, '表头', '未找到表头：应有一行同时含“序号”列和任务列（任务、工作任务、重点任务、主要任务）', 'No header row: one row must hold a 序号 column and a task column (任务, 工作任务, 重点任务, 主要任务)'),
          ],
        };
  const hinted = read.hinted || detectLeadRuleHint(sheets.flatMap((candidate) => candidate.rows.flatMap((row) => row.cells)).join('\n')) !== null;
  const leadRule: LeadRule = options.leadRule ?? (hinted ? 'first-listed' : read.drafts.some((draft) => draft.explicitLead) ? 'named' : 'none');
  const numberColumn = header?.labels[header.columns.get('number')?.[0] ?? 0] ?? '序号';
  const rowProblems = [...read.rowProblems, ...completeTasks(read.drafts, leadRule, numberColumn)].sort((a, b) => a.row - b.row);
  const unitNames = [...new Set(read.drafts.flatMap((draft) => draft.task.units))];
  const units: PlanPack['units'] = unitNames.map((name) =>
    isCollectiveName(name) ? { name, region: options.regionCode, collective: 'governments-below' as const } : { name, region: options.regionCode },
  );
  if (!unitNames.includes(options.issuer)) units.push({ name: options.issuer, region: options.regionCode, kind: 'government' });
  // The same table imported under the same title and start gets the same key, so it cannot be imported twice.
  const key = `import-${options.regionCode}-${createHash('sha256').update(`${options.title}\n${options.docNumber ?? ''}\n${options.start}`).digest('hex').slice(0, 10)}`;
  const pack: PlanPack = {
    format: 'wenbao-plan-pack/1',
    units,
    plans: [
      {
        key,
        title: options.title,
        docNumber: options.docNumber ?? null,
        issuer: options.issuer,
        region: options.regionCode,
        issuedOn: null,
        start: options.start,
        end: options.end,
        schedule: { kind: 'none' },
        leadRule,
        sources: [{ document: options.fileName, title: options.title }],
        sections: read.sections.length > 0 ? read.sections : [{ number: '—', title: '任务', tasks: [] }],
        targets: [],
      },
    ],
  };
  return { pack, rowProblems, unitNames, leadRule };
}
