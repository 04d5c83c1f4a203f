/**
 * Checking posted values before they are saved: the indicator exists and stores values, the region exists
 * and is of the indicator's entry level (or the subject exists and is of its kind), the period is of the
 * indicator's frequency, the category is allowed and the figure is a number of the indicator's type. Each
 * refusal names the row and field (`values[3].period`).
 */
import type { Kysely } from 'kysely';
import { unprocessable, type AppError } from '../kernel/errors.ts';
import { formatPeriod, parsePeriod } from '../kernel/periods.ts';
import { isRegionCode, regionLevel } from '../kernel/region-code.ts';
import type { Database } from '../store/tables.ts';
import { isDecimalText } from './decimal.ts';
import type { ValueRow } from './values.types.ts';

/** A value as posted, the indicator named by code. */
export interface PostedValue {
  indicator: string;
  regionCode?: string | undefined;
  subjectId?: string | undefined;
  period: string;
  breakdown: string;
  value: number | string;
}

/** What checking needs of an indicator. */
export interface CheckedIndicator {
  id: string;
  code: string;
  nameZh: string;
  valueType: string;
  frequency: string;
  entryLevel: string;
  subjectKind: string | null;
  regionAggregation: string;
  breakdownCategories: string[];
}

/** What checking needs of a subject. */
export interface CheckedSubject {
  id: string;
  kind: string;
  regionCode: string;
  unitId: string | null;
  active: boolean;
}

/** A checked value: the row to save with the indicator and subject it was checked against. */
export interface CheckedValue {
  row: ValueRow;
  indicator: CheckedIndicator;
  subject: CheckedSubject | null;
  /** The field prefix of the posted row, for later refusals (`values[3]`). */
  field: string;
}

const levelNames: Record<string, { zh: string; en: string }> = {
  province: { zh: '省级', en: 'province' },
  prefecture: { zh: '市（州）级', en: 'prefecture' },
  county: { zh: '县级', en: 'county' },
  township: { zh: '乡镇级', en: 'township' },
  village: { zh: '村级', en: 'village' },
  subject: { zh: '监测对象', en: 'subject' },
};

/** Loads indicators by code. */
export async function indicatorsByCode(db: Kysely<Database>, codes: string[]): Promise<Map<string, CheckedIndicator>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('monitor_indicator')
    .select(['id', 'code', 'name_zh', 'value_type', 'frequency', 'entry_level', 'subject_kind', 'region_aggregation', 'breakdown_categories'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(
    rows.map((row) => [
      row.code,
      {
        id: row.id,
        code: row.code,
        nameZh: row.name_zh,
        valueType: row.value_type,
        frequency: row.frequency,
        entryLevel: row.entry_level,
        subjectKind: row.subject_kind,
        regionAggregation: row.region_aggregation,
        breakdownCategories: row.breakdown_categories,
      },
    ]),
  );
}

/** Checks one figure against an indicator's value type; returns the decimal text to store or an error. */
export function checkFigure(value: number | string, indicator: CheckedIndicator, field: string): number | string | AppError {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const plain = typeof value === 'number' ? Number.isFinite(value) : isDecimalText(text);
  if (!plain) {
    return unprocessable(field, { zh: `“${text}”不是数字：${indicator.nameZh}须填数字。`, en: `"${text}" is not a number: ${indicator.code} takes a number.` });
  }
  if (indicator.valueType === 'integer' && !Number.isInteger(Number(text))) {
    return unprocessable(field, { zh: `${indicator.nameZh}须为整数，不能是 ${text}。`, en: `${indicator.code} must be a whole number, not ${text}.` });
  }
  return typeof value === 'number' ? value : text;
}

/**
 * Checks posted values. Throws the first refusal, naming `prefix[index].field`; subjects the actor may not
 * see are refused as if they did not exist.
 */
export async function checkValues(
  db: Kysely<Database>,
  posted: PostedValue[],
  prefix: string,
  subjectVisible: (subject: CheckedSubject) => boolean,
): Promise<CheckedValue[]> {
  const indicators = await indicatorsByCode(db, posted.map((value) => value.indicator));
  const regionCodes = [...new Set(posted.flatMap((value) => (value.regionCode ? [value.regionCode] : [])))];
  const regions = new Set<string>();
  for (let start = 0; start < regionCodes.length; start += 1000) {
    const rows = await db.selectFrom('region').select('code').where('code', 'in', regionCodes.slice(start, start + 1000)).execute();
    for (const row of rows) regions.add(row.code);
  }
  const subjectIds = [...new Set(posted.flatMap((value) => (value.subjectId ? [value.subjectId] : [])))];
  const subjects = new Map<string, CheckedSubject>();
  if (subjectIds.length > 0) {
    const rows = await db.selectFrom('monitor_subject').select(['id', 'kind', 'region_code', 'unit_id', 'active']).where('id', 'in', subjectIds).execute();
    for (const row of rows) subjects.set(row.id, { id: row.id, kind: row.kind, regionCode: row.region_code, unitId: row.unit_id, active: row.active });
  }
  const seen = new Map<string, number>();
  return posted.map((value, index) => {
    const field = `${prefix}[${index}]`;
    const indicator = indicators.get(value.indicator);
    if (!indicator) throw unprocessable(`${field}.indicator`, { zh: `指标 ${value.indicator} 不存在。`, en: `${value.indicator} is not an indicator.` });
    if (indicator.regionAggregation === 'formula') {
      throw unprocessable(`${field}.indicator`, { zh: `${indicator.nameZh}由公式计算，不能填报。`, en: `${indicator.code} is computed by its formula and cannot be entered.` });
    }
    let subject: CheckedSubject | null = null;
    let regionCode: string;
    if (indicator.entryLevel === 'subject') {
      const found = value.subjectId ? subjects.get(value.subjectId) : undefined;
      if (!value.subjectId) throw unprocessable(`${field}.subjectId`, { zh: `${indicator.nameZh}按监测对象填报，须指明对象。`, en: `${indicator.code} is entered per subject: name the subject.` });
      if (!found || !subjectVisible(found)) throw unprocessable(`${field}.subjectId`, { zh: '监测对象不存在，或您无权查看。', en: 'The subject does not exist, or you may not see it.' });
      if (found.kind !== indicator.subjectKind) {
        throw unprocessable(`${field}.subjectId`, { zh: `${indicator.nameZh}不适用于此类监测对象。`, en: `${indicator.code} is not entered for subjects of this kind.` });
      }
      if (value.regionCode !== undefined && value.regionCode !== found.regionCode) {
        throw unprocessable(`${field}.regionCode`, { zh: '区划与监测对象所在区划不一致。', en: "The region is not the subject's region." });
      }
      subject = found;
      regionCode = found.regionCode;
    } else {
      if (value.subjectId !== undefined) throw unprocessable(`${field}.subjectId`, { zh: `${indicator.nameZh}按区划填报，不能指明监测对象。`, en: `${indicator.code} is entered per region, not per subject.` });
      if (!value.regionCode || !isRegionCode(value.regionCode) || !regions.has(value.regionCode)) {
        throw unprocessable(`${field}.regionCode`, { zh: `行政区划 ${value.regionCode ?? ''} 不存在。`, en: `The region ${value.regionCode ?? ''} does not exist.` });
      }
      if (regionLevel(value.regionCode) !== indicator.entryLevel) {
        const level = levelNames[indicator.entryLevel]!;
        throw unprocessable(`${field}.regionCode`, {
          zh: `${indicator.nameZh}只能按${level.zh}区划填报，${value.regionCode} 不是${level.zh}区划（上级数据由下级汇总）。`,
          en: `${indicator.code} is entered for ${level.en} regions only; ${value.regionCode} is not one (higher levels are rolled up).`,
        });
      }
      regionCode = value.regionCode;
    }
    const period = parsePeriod(value.period);
    if (!period) throw unprocessable(`${field}.period`, { zh: `“${value.period}”不是期别。`, en: `"${value.period}" is not a period.` });
    if (period.kind !== indicator.frequency) {
      throw unprocessable(`${field}.period`, {
        zh: `${indicator.nameZh}按${indicator.frequency}填报，期别 ${value.period} 不符。`,
        en: `${indicator.code} is entered per ${indicator.frequency}; ${value.period} is not one.`,
      });
    }
    if (value.breakdown !== '' && !indicator.breakdownCategories.includes(value.breakdown)) {
      throw unprocessable(`${field}.breakdown`, {
        zh: `分类“${value.breakdown}”不在${indicator.nameZh}的分类中（${indicator.breakdownCategories.join('、') || '无分类'}）。`,
        en: `"${value.breakdown}" is not a category of ${indicator.code} (${indicator.breakdownCategories.join(', ') || 'none'}).`,
      });
    }
    const figure = checkFigure(value.value, indicator, `${field}.value`);
    if (typeof figure !== 'number' && typeof figure !== 'string') throw figure;
    const row: ValueRow = { indicatorId: indicator.id, regionCode, subjectId: subject?.id ?? null, period: formatPeriod(period), breakdown: value.breakdown, value: figure };
    const identity = [row.indicatorId, row.regionCode, row.subjectId, row.period, row.breakdown].join('|');
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      throw unprocessable(field, { zh: `与第 ${earlier + 1} 行重复。`, en: `Repeats row ${earlier + 1}.` });
    }
    seen.set(identity, index);
    return { row, indicator, subject, field };
  });
}
