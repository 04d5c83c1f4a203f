/**
 * Reading one row of an import file into the values staged for it, or the problems of each of its cells.
 * Pure: region existence, jurisdiction and references to other records are checked once the file is
 * staged, in SQL (see import.stage.ts).
 */
import {
  employmentIntents,
  enterpriseKinds,
  personGroups,
  type EmploymentIntent,
  type EnterpriseKind,
  type PersonGroup,
} from '../../contracts/registry-constants.ts';
import { parseCreditCode } from '../../kernel/credit-code.ts';
import { yuanToFen } from '../../kernel/money.ts';
import { isIsoDate } from '../../kernel/periods.ts';
import { isRegionCode } from '../../kernel/region-code.ts';
import { parseResidentId } from '../../kernel/resident-id.ts';
import { smeSizeClass } from '../sme-size.ts';
import type { CellProblem, HeaderMap } from './columns.ts';

/** A row read: its staged values, or the problems of its cells. */
export type RowResult<T> = { ok: true; value: T } | { ok: false; problems: CellProblem[] };

/** A person as staged. */
export interface StagedPerson {
  residentId: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  hukouRegionCode: string;
  currentRegionCode: string | null;
  phone: string | null;
  intent: EmploymentIntent | null;
  groups: PersonGroup[];
  groupStart: string | null;
}

/** An enterprise as staged. */
export interface StagedEnterprise {
  creditCode: string;
  name: string;
  kind: EnterpriseKind;
  industry: string;
  regionCode: string;
  establishedOn: string | null;
  employees: number | null;
  revenueFen: number | null;
  assetsFen: number | null;
  sizeClass: string | null;
  keyEnterprise: boolean;
  monitoredSample: boolean;
}

/** An employment spell as staged. */
export interface StagedEmployment {
  residentId: string;
  creditCode: string | null;
  employerName: string;
  employerRegionCode: string | null;
  startDate: string;
  endDate: string | null;
  organisedTransfer: boolean;
  transferAgency: string | null;
}

/** Reads the cells of one row by column key, collecting problems. */
class RowReader {
  readonly problems: CellProblem[] = [];

  constructor(
    private readonly header: HeaderMap,
    private readonly cells: readonly string[],
  ) {}

  /** The trimmed text of a column, '' when the column or the cell is absent. */
  text(key: string): string {
    const position = this.header.index.get(key);
    return position === undefined ? '' : (this.cells[position] ?? '').trim();
  }

  refuse(key: string, zh: string, en: string): null {
    const column = this.header.label.get(key) ?? key;
    this.problems.push({ column, zh, en });
    return null;
  }

  required(key: string, maxLength: number): string | null {
    const value = this.text(key);
    if (value === '') return this.refuse(key, '必填，不能为空。', 'Required; it is empty.');
    if (value.length > maxLength) return this.refuse(key, `不能超过 ${maxLength} 个字符。`, `At most ${maxLength} characters.`);
    return value;
  }

  optional(key: string, maxLength: number): string | null {
    const value = this.text(key);
    if (value === '') return null;
    if (value.length > maxLength) return this.refuse(key, `不能超过 ${maxLength} 个字符。`, `At most ${maxLength} characters.`);
    return value;
  }

  region(key: string): string | null {
    const value = this.text(key);
    if (value === '') return null;
    return isRegionCode(value) ? value : this.refuse(key, `“${value}”不是行政区划代码（6、9 或 12 位数字）。`, `"${value}" is not a region code (6, 9 or 12 digits).`);
  }

  date(key: string): string | null {
    const value = this.text(key);
    if (value === '') return null;
    const date = readDate(value);
    return date ?? this.refuse(key, `“${value}”不是日期，请写作 2020-06-30。`, `"${value}" is not a date; write it as 2020-06-30.`);
  }

  flag(key: string): boolean {
    const value = this.text(key);
    if (value === '' || /^(否|n|no|false|0)$/i.test(value)) return false;
    if (/^(是|y|yes|true|1)$/i.test(value)) return true;
    this.refuse(key, `“${value}”应填“是”或“否”。`, `"${value}" should be 是 (yes) or 否 (no).`);
    return false;
  }

  count(key: string): number | null {
    const value = this.text(key);
    if (value === '') return null;
    if (/^\d{1,9}$/.test(value)) return Number(value);
    return this.refuse(key, `“${value}”应为非负整数。`, `"${value}" should be a whole number, zero or more.`);
  }

  yuan(key: string): number | null {
    const value = this.text(key).replace(/,/g, '');
    if (value === '') return null;
    try {
      const fen = yuanToFen(value);
      if (fen >= 0) return fen;
    } catch {
      // refused below
    }
    return this.refuse(key, `“${value}”应为以元为单位的金额（最多两位小数）。`, `"${value}" should be an amount in yuan (at most two decimals).`);
  }
}

const excelEpoch = Date.UTC(1899, 11, 30);

/** A date written 2020-06-30, 2020/6/30, 2020.6.30, 20200630, 2020年6月30日, or as an Excel day number. */
export function readDate(text: string): string | null {
  const value = text.trim();
  if (/^\d{5}(\.0+)?$/.test(value)) {
    const date = new Date(excelEpoch + Number.parseInt(value, 10) * 86_400_000).toISOString().slice(0, 10);
    return isIsoDate(date) ? date : null;
  }
  const match = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$/.exec(value);
  if (!match) return null;
  const date = `${match[1]}-${(match[2] ?? match[4] ?? '').padStart(2, '0')}-${(match[3] ?? match[5] ?? '').padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
}

const exactNames = new WeakMap<object, Map<string, string>>();

/** Looks a value up by code or by Chinese name (or a name it starts or ends with) in a bilingual list. */
function lookup<Code extends string>(list: Record<Code, { zh: string }>, value: string): Code | null {
  let exact = exactNames.get(list);
  if (!exact) {
    exact = new Map((Object.entries(list) as [Code, { zh: string }][]).flatMap(([code, names]) => [[code, code], [names.zh, code]] as [string, Code][]));
    exactNames.set(list, exact);
  }
  const found = exact.get(value);
  if (found !== undefined) return found as Code;
  for (const [code, names] of Object.entries(list) as [Code, { zh: string }][]) {
    if (names.zh.startsWith(value) || value.startsWith(names.zh)) return code;
  }
  return null;
}

/** Reads one row of a persons file; `today` bounds birth dates. */
export function readPersonRow(header: HeaderMap, cells: readonly string[], today: string): RowResult<StagedPerson> {
  const reader = new RowReader(header, cells);
  const idText = reader.required('residentId', 30);
  const parsed = idText === null ? null : parseResidentId(idText, today);
  if (parsed && !parsed.ok) reader.refuse('residentId', parsed.message.zh, parsed.message.en);
  const name = reader.required('name', 50);
  const hukou = reader.region('hukouRegion');
  const current = reader.region('currentRegion');
  const phone = reader.optional('phone', 30);
  const intentText = reader.text('intent');
  const intent = intentText === '' ? null : lookup(employmentIntents, intentText);
  if (intentText !== '' && intent === null) {
    reader.refuse('intent', `未知的就业意向“${intentText}”，可填：${Object.values(employmentIntents).map((entry) => entry.zh).join('、')}。`, `Unknown employment intent "${intentText}".`);
  }
  const groups: PersonGroup[] = [];
  for (const part of reader.text('groups').split(/[、,，;；|/]/)) {
    const name = part.trim();
    if (name === '') continue;
    const code = lookup(personGroups, name);
    if (code === null) reader.refuse('groups', `未知的人员类别“${name}”，可填：${Object.values(personGroups).map((entry) => entry.zh).join('、')}。`, `Unknown group "${name}".`);
    else if (!groups.includes(code)) groups.push(code);
  }
  const groupStart = reader.date('groupStart');
  if (reader.problems.length > 0 || !parsed?.ok || name === null) return { ok: false, problems: reader.problems };
  return {
    ok: true,
    value: {
      residentId: parsed.value.id,
      name,
      sex: parsed.value.sex,
      birthDate: parsed.value.birthDate,
      hukouRegionCode: hukou ?? parsed.value.regionCode,
      currentRegionCode: current,
      phone,
      intent,
      groups,
      groupStart,
    },
  };
}

/** Reads one row of an enterprises file. */
export function readEnterpriseRow(header: HeaderMap, cells: readonly string[]): RowResult<StagedEnterprise> {
  const reader = new RowReader(header, cells);
  const codeText = reader.required('creditCode', 30);
  const parsed = codeText === null ? null : parseCreditCode(codeText);
  if (parsed && !parsed.ok) reader.refuse('creditCode', parsed.message.zh, parsed.message.en);
  const name = reader.required('name', 200);
  const kindText = reader.text('kind');
  const kind = kindText === '' ? 'enterprise' : lookup(enterpriseKinds, kindText);
  if (kind === null) reader.refuse('kind', `未知的主体类型“${kindText}”，可填：企业、个体工商户、农民专业合作社、家庭农场。`, `Unknown kind "${kindText}".`);
  const industryText = reader.text('industry').toUpperCase();
  const industry = /^[A-T](\d{2}|\d{4})?$/.test(industryText) ? industryText : null;
  if (industry === null) reader.refuse('industry', `“${industryText}”不是国民经济行业代码（门类字母，可带两位大类或四位小类，如 C13、F52）。`, `"${industryText}" is not a GB/T 4754 code (a section letter, optionally with a 2- or 4-digit code, e.g. C13, F52).`);
  const region = reader.region('region');
  if (region === null && reader.text('region') === '') reader.refuse('region', '必填，不能为空。', 'Required; it is empty.');
  const establishedOn = reader.date('established');
  const employees = reader.count('employees');
  const revenueFen = reader.yuan('revenue');
  const assetsFen = reader.yuan('assets');
  const keyEnterprise = reader.flag('keyEnterprise');
  const monitoredSample = reader.flag('monitoredSample');
  if (reader.problems.length > 0 || !parsed?.ok || name === null || kind === null || industry === null || region === null) {
    return { ok: false, problems: reader.problems };
  }
  const size = smeSizeClass({ industry, employees, revenueFen, assetsFen });
  return {
    ok: true,
    value: {
      creditCode: parsed.value.code,
      name,
      kind,
      industry,
      regionCode: region,
      establishedOn,
      employees,
      revenueFen,
      assetsFen,
      sizeClass: size.ok ? size.sizeClass : null,
      keyEnterprise,
      monitoredSample,
    },
  };
}

/** Reads one row of an employment file; `today` bounds birth dates in the identity number. */
export function readEmploymentRow(header: HeaderMap, cells: readonly string[], today: string): RowResult<StagedEmployment> {
  const reader = new RowReader(header, cells);
  const idText = reader.required('residentId', 30);
  const parsed = idText === null ? null : parseResidentId(idText, today);
  if (parsed && !parsed.ok) reader.refuse('residentId', parsed.message.zh, parsed.message.en);
  const employerName = reader.required('employer', 200);
  const codeText = reader.text('creditCode');
  const code = codeText === '' ? null : parseCreditCode(codeText);
  if (code && !code.ok) reader.refuse('creditCode', code.message.zh, code.message.en);
  const employerRegionCode = reader.region('employerRegion');
  const startDate = reader.date('start');
  if (startDate === null && reader.text('start') === '') reader.refuse('start', '必填，不能为空。', 'Required; it is empty.');
  const endDate = reader.date('end');
  if (startDate && endDate && endDate < startDate) reader.refuse('end', '结束日期早于开始日期。', 'The end date is before the start date.');
  const organisedTransfer = reader.flag('organised');
  const transferAgency = reader.optional('agency', 200);
  if (reader.problems.length > 0 || !parsed?.ok || employerName === null || startDate === null) return { ok: false, problems: reader.problems };
  return {
    ok: true,
    value: {
      residentId: parsed.value.id,
      creditCode: code?.ok ? code.value.code : null,
      employerName,
      employerRegionCode,
      startDate,
      endDate,
      organisedTransfer,
      transferAgency,
    },
  };
}
