/**
 * What the import reads from the database: a form with the indicators entered through it, the reporters
 * (regions or subjects) inside a set of region prefixes, existing values, and the lookup of a chunk of
 * reporter codes. Jurisdiction is applied in SQL with `like prefix || '%'`.
 */
import { sql, type Kysely } from 'kysely';
import { formRule, type FormRule } from '../../contracts/monitor.contract.ts';
import { notFound } from '../../kernel/errors.ts';
import type { PeriodKind } from '../../kernel/periods.ts';
import { regionLevels, regionPrefix, type RegionLevel } from '../../kernel/region-code.ts';
import { regionWithin } from '../../kernel/actor.ts';
import type { Database } from '../../store/tables.ts';
import type { LayoutIndicator } from './import.layout.ts';
import type { ReporterRefusal, ReporterTarget } from './import.rows.ts';

/** A form as the import needs it. */
export interface ImportForm {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  /** A region level, or `subject`. */
  reporterLevel: RegionLevel | 'subject';
  subjectKind: string | null;
  frequency: PeriodKind;
  scopeRegionCode: string;
  /** The form's validation rules (those that no longer read as a rule are left out). */
  rules: FormRule[];
  /** The indicators entered through the form, in order; formula indicators store nothing and are left out. */
  indicators: LayoutIndicator[];
  /** Which of them are required. */
  required: Set<string>;
}

/** Loads a form and its entered indicators; 404 when it does not exist. */
export async function loadImportForm(db: Kysely<Database>, formId: string): Promise<ImportForm> {
  const form = await db.selectFrom('monitor_form').selectAll().where('id', '=', formId).executeTakeFirst();
  if (!form) throw notFound({ zh: '填报表', en: 'Form' });
  const rows = await db
    .selectFrom('monitor_form_indicator as fi')
    .innerJoin('monitor_indicator as i', 'i.id', 'fi.indicator_id')
    .select(['i.id', 'i.code', 'i.name_zh', 'i.name_en', 'i.unit', 'i.value_type', 'i.breakdown_categories', 'i.region_aggregation', 'fi.required'])
    .where('fi.form_id', '=', formId)
    .orderBy('fi.position')
    .execute();
  const entered = rows.filter((row) => row.region_aggregation !== 'formula');
  return {
    id: form.id,
    code: form.code,
    nameZh: form.name_zh,
    nameEn: form.name_en,
    reporterLevel: form.reporter_level as ImportForm['reporterLevel'],
    subjectKind: form.subject_kind,
    frequency: form.frequency as PeriodKind,
    scopeRegionCode: form.scope_region_code,
    rules: (Array.isArray(form.rules) ? form.rules : []).flatMap((rule) => {
      const parsed = formRule.safeParse(rule);
      return parsed.success ? [parsed.data] : [];
    }),
    indicators: entered.map((row) => ({
      id: row.id,
      code: row.code,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      unit: row.unit,
      valueType: row.value_type as LayoutIndicator['valueType'],
      categories: row.breakdown_categories,
    })),
    required: new Set(entered.filter((row) => row.required).map((row) => row.code)),
  };
}

/** Loads a form by its code (the command line names forms by code); 404 when there is none. */
export async function loadImportFormByCode(db: Kysely<Database>, code: string): Promise<ImportForm> {
  const form = await db.selectFrom('monitor_form').select('id').where('code', '=', code).executeTakeFirst();
  if (!form) throw notFound({ zh: `填报表 ${code}`, en: `Form ${code}` });
  return loadImportForm(db, form.id);
}

/**
 * The prefixes of `reach` narrowed to the form's scope: a prefix inside the scope stays, one above it
 * becomes the scope's, one beside it goes.
 */
export function prefixesInScope(reach: readonly string[], scopeRegionCode: string): string[] {
  const scope = regionPrefix(scopeRegionCode);
  const narrowed = reach.flatMap((prefix) => (prefix.startsWith(scope) ? [prefix] : scope.startsWith(prefix) ? [scope] : []));
  return [...new Set(narrowed)];
}

/** A reporter row of a template: code, name and (for values) the region and subject. */
export interface Reporter {
  code: string;
  name: string;
  regionCode: string;
  subjectId: string | null;
}

/** Every region of the form's level, or active subject of its kind, inside the prefixes, ordered by code. */
export async function listReporters(db: Kysely<Database>, form: ImportForm, prefixes: readonly string[], limit: number): Promise<Reporter[]> {
  if (prefixes.length === 0) return [];
  if (form.reporterLevel === 'subject') {
    const rows = await db
      .selectFrom('monitor_subject')
      .select(['id', 'code', 'name', 'region_code'])
      .where('kind', '=', form.subjectKind ?? '')
      .where('active', '=', true)
      .where((eb) => eb.or(prefixes.map((prefix) => eb('region_code', 'like', `${prefix}%`))))
      .orderBy('code')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ code: row.code, name: row.name, regionCode: row.region_code, subjectId: row.id }));
  }
  const rows = await db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('level', '=', regionLevels.indexOf(form.reporterLevel))
    .where((eb) => eb.or(prefixes.map((prefix) => eb('code', 'like', `${prefix}%`))))
    .orderBy('code')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ code: row.code, name: row.name, regionCode: row.code, subjectId: null }));
}

/** The stored values of the form's indicators for one period and these reporters: key `code|indicator|category`. */
export async function existingValues(db: Kysely<Database>, form: ImportForm, period: string, reporters: readonly Reporter[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const codeOf = new Map(reporters.map((reporter) => [reporter.subjectId ?? reporter.regionCode, reporter.code]));
  const indicatorIds = form.indicators.map((indicator) => indicator.id);
  if (indicatorIds.length === 0) return found;
  for (let start = 0; start < reporters.length; start += 5000) {
    const part = reporters.slice(start, start + 5000);
    const query = db.selectFrom('monitor_value').select(['indicator_id', 'region_code', 'subject_id', 'breakdown', 'value']).where('period', '=', period).where('indicator_id', 'in', indicatorIds);
    const rows =
      form.reporterLevel === 'subject'
        ? await query.where('subject_id', 'in', part.map((reporter) => reporter.subjectId ?? '')).execute()
        : await query.where('subject_id', 'is', null).where('region_code', 'in', part.map((reporter) => reporter.regionCode)).execute();
    for (const row of rows) {
      const code = codeOf.get(row.subject_id ?? row.region_code);
      if (code !== undefined) found.set(`${code}|${row.indicator_id}|${row.breakdown}`, row.value);
    }
  }
  return found;
}

/** Looks up a chunk of reporter codes and decides, for each, where its values go or why they cannot. */
export async function resolveReporters(db: Kysely<Database>, form: ImportForm, reach: readonly string[], codes: readonly string[]): Promise<Map<string, ReporterTarget | ReporterRefusal>> {
  const result = new Map<string, ReporterTarget | ReporterRefusal>();
  const unique = [...new Set(codes)].filter((code) => code.length <= 40);
  const within = (regionCode: string): ReporterTarget | ReporterRefusal | null => {
    if (!regionWithin(regionCode, form.scopeRegionCode)) {
      return { code: 'outside_scope', zh: `不在本表的填报范围（${form.scopeRegionCode}）内`, en: `Outside the form's scope (${form.scopeRegionCode})` };
    }
    if (!reach.some((prefix) => regionCode.startsWith(prefix))) {
      return { code: 'outside_jurisdiction', zh: '不在您的管辖范围内，不能为其填报', en: 'Outside your jurisdiction: you may not enter figures for it' };
    }
    return null;
  };
  if (form.reporterLevel === 'subject') {
    const rows = unique.length === 0 ? [] : await db.selectFrom('monitor_subject').select(['id', 'code', 'region_code', 'active']).where('kind', '=', form.subjectKind ?? '').where('code', 'in', unique).execute();
    const byCode = new Map(rows.map((row) => [row.code, row]));
    for (const code of codes) {
      const subject = byCode.get(code);
      if (!subject || !subject.active) {
        result.set(code, { code: 'unknown_subject', zh: `没有代码为“${code}”的监测对象（${form.subjectKind}）`, en: `No monitored subject (${form.subjectKind}) has the code "${code}"` });
        continue;
      }
      result.set(code, within(subject.region_code) ?? { regionCode: subject.region_code, subjectId: subject.id });
    }
    return result;
  }
  const valid = unique.filter((code) => /^(\d{6}|\d{9}|\d{12})$/.test(code));
  const rows = valid.length === 0 ? [] : await db.selectFrom('region').select(['code', 'level']).where('code', 'in', valid).execute();
  const levels = new Map(rows.map((row) => [row.code, row.level]));
  const wanted = regionLevels.indexOf(form.reporterLevel);
  for (const code of codes) {
    const level = levels.get(code);
    if (level === undefined) {
      result.set(code, { code: 'unknown_region', zh: `没有代码为“${code}”的行政区划`, en: `No region has the code "${code}"` });
    } else if (level !== wanted) {
      result.set(code, { code: 'wrong_level', zh: `“${code}”不是${levelNames[form.reporterLevel][0]}级地区，本表按${levelNames[form.reporterLevel][0]}填报`, en: `"${code}" is not a ${levelNames[form.reporterLevel][1]}; the form is filed by ${levelNames[form.reporterLevel][1]}` });
    } else {
      result.set(code, within(code) ?? { regionCode: code, subjectId: null });
    }
  }
  return result;
}

const levelNames: Record<ImportForm['reporterLevel'], [string, string]> = {
  country: ['全国', 'country'],
  province: ['省', 'province'],
  prefecture: ['市（州）', 'prefecture'],
  county: ['县（市、区）', 'county'],
  township: ['乡镇（街道）', 'township'],
  village: ['村（社区）', 'village'],
  subject: ['监测对象', 'subject'],
};

/** The number of staged values of an import. */
export async function countStaged(db: Kysely<Database>, importId: string): Promise<number> {
  const row = await db.selectFrom('monitor_import_row').select(sql<string>`count(*)`.as('n')).where('import_id', '=', importId).executeTakeFirstOrThrow();
  return Number(row.n);
}
