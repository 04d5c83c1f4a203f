/**
 * Forms (报表): the indicators a kind of reporter files each period, with validation rules as data. A form's
 * indicators must be entered at its reporter level and frequency, and its rules may use only its own codes,
 * so a rule can always be evaluated from what the form collects.
 */
import type { Kysely } from 'kysely';
import type { CreateFormInput, FormRule, FormView } from '../contracts/monitor.contract.ts';
import { jurisdictionOrAbove, regionWithin, type Actor } from '../kernel/actor.ts';
import { conflict, forbidden, notFound, unprocessable, type LocalizedText } from '../kernel/errors.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import { isUniqueViolation } from '../store/errors.ts';
import type { Database } from '../store/tables.ts';
import { FormulaError, formulaCodes, parseEquation } from './formula.ts';
import { canManageMonitor, canReadForm, valueEntryRoles } from './monitor.policy.ts';
import { indicatorsByCode } from './values.check.ts';

const formWord: LocalizedText = { zh: '报表', en: 'Form' };

/** A form with its indicators, as the services use it. */
export interface FormRecord {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  reporterLevel: string;
  subjectKind: string | null;
  frequency: string;
  scopeRegionCode: string;
  dueDays: number;
  graceDays: number;
  rules: FormRule[];
  source: string | null;
  active: boolean;
  indicators: { id: string; code: string; nameZh: string; nameEn: string; unit: string; required: boolean; breakdownCategories: string[] }[];
}

/** Loads a form with its indicators in order, or null. */
export async function loadForm(db: Kysely<Database>, id: string): Promise<FormRecord | null> {
  const form = await db.selectFrom('monitor_form').selectAll().where('id', '=', id).executeTakeFirst();
  if (!form) return null;
  const indicators = await db
    .selectFrom('monitor_form_indicator as f')
    .innerJoin('monitor_indicator as i', 'i.id', 'f.indicator_id')
    .select(['i.id', 'i.code', 'i.name_zh', 'i.name_en', 'i.unit', 'f.required', 'i.breakdown_categories'])
    .where('f.form_id', '=', id)
    .orderBy('f.position')
    .execute();
  return {
    id: form.id,
    code: form.code,
    nameZh: form.name_zh,
    nameEn: form.name_en,
    reporterLevel: form.reporter_level,
    subjectKind: form.subject_kind,
    frequency: form.frequency,
    scopeRegionCode: form.scope_region_code,
    dueDays: form.due_days,
    graceDays: form.grace_days,
    rules: form.rules as FormRule[],
    source: form.source,
    active: form.active,
    indicators: indicators.map((row) => ({ id: row.id, code: row.code, nameZh: row.name_zh, nameEn: row.name_en, unit: row.unit, required: row.required, breakdownCategories: row.breakdown_categories })),
  };
}

/** May the actor file this form somewhere: an entry role reaching into the scope, or an enterprise account for subject forms? */
function canFileSomewhere(actor: Actor, form: FormRecord): boolean {
  return actor.grants.some(
    (grant) =>
      (valueEntryRoles.includes(grant.role) || (form.reporterLevel === 'subject' && grant.role === 'enterprise')) &&
      (regionWithin(grant.regionCode, form.scopeRegionCode) || regionWithin(form.scopeRegionCode, grant.regionCode)),
  );
}

/** The form as the API shows it. */
export function presentForm(form: FormRecord, actor: Actor): FormView {
  const { active, ...rest } = form;
  return {
    ...rest,
    reporterLevel: form.reporterLevel as FormView['reporterLevel'],
    subjectKind: form.subjectKind as FormView['subjectKind'],
    frequency: form.frequency as FormView['frequency'],
    active,
    abilities: { manage: canManageMonitor(actor, form.scopeRegionCode), file: canFileSomewhere(actor, form) },
  };
}

function checkRules(rules: FormRule[], codes: Set<string>): void {
  rules.forEach((rule, index) => {
    const field = `rules[${index}]`;
    const unknown = (code: string) => {
      throw unprocessable(field, { zh: `规则使用的指标 ${code} 不在本表中。`, en: `The rule uses ${code}, which is not on this form.` });
    };
    if (rule.kind === 'equation') {
      let equation;
      try {
        equation = parseEquation(rule.expression);
      } catch (error) {
        if (error instanceof FormulaError) throw unprocessable(`${field}.expression`, { zh: `等式有误：${error.zh}`, en: `The equation is wrong: ${error.message}` });
        throw error;
      }
      for (const code of [...formulaCodes(equation.left), ...formulaCodes(equation.right)]) if (!codes.has(code)) unknown(code);
    }
    if (rule.kind === 'range') {
      if (!codes.has(rule.indicator)) unknown(rule.indicator);
      if (rule.min !== null && rule.max !== null && rule.min > rule.max) throw unprocessable(`${field}.min`, { zh: '下限不能大于上限。', en: 'The minimum cannot exceed the maximum.' });
    }
    if (rule.kind === 'outlier' && rule.indicator !== null && !codes.has(rule.indicator)) unknown(rule.indicator);
  });
}

/** Creates a form inside a region the actor manages. */
export async function createForm(context: WriteContext, actor: Actor, input: CreateFormInput): Promise<FormView> {
  if (!canManageMonitor(actor, input.scopeRegionCode)) throw forbidden();
  if (!(await context.db.selectFrom('region').select('code').where('code', '=', input.scopeRegionCode).executeTakeFirst())) {
    throw unprocessable('scopeRegionCode', { zh: `行政区划 ${input.scopeRegionCode} 不存在。`, en: `The region ${input.scopeRegionCode} does not exist.` });
  }
  if ((input.reporterLevel === 'subject') !== (input.subjectKind !== null)) {
    throw unprocessable('subjectKind', { zh: '由监测对象填报的报表须注明对象类别，其他报表不得注明。', en: 'A form filed by subjects needs a subject kind; others must not have one.' });
  }
  const indicators = await indicatorsByCode(context.db, input.indicators.map((indicator) => indicator.code));
  const seen = new Set<string>();
  input.indicators.forEach((entry, index) => {
    const field = `indicators[${index}].code`;
    const indicator = indicators.get(entry.code);
    if (!indicator) throw unprocessable(field, { zh: `指标 ${entry.code} 不存在。`, en: `${entry.code} is not an indicator.` });
    if (seen.has(entry.code)) throw unprocessable(field, { zh: `指标 ${entry.code} 重复。`, en: `${entry.code} is listed twice.` });
    seen.add(entry.code);
    if (indicator.regionAggregation === 'formula') throw unprocessable(field, { zh: `${entry.code} 由公式计算，不能填报。`, en: `${entry.code} is computed and cannot be filed.` });
    if (indicator.frequency !== input.frequency || indicator.entryLevel !== input.reporterLevel || indicator.subjectKind !== input.subjectKind) {
      throw unprocessable(field, {
        zh: `${entry.code} 的填报层级或频度与本表不一致。`,
        en: `${entry.code} is entered at another level or frequency than this form.`,
      });
    }
  });
  checkRules(input.rules, seen);
  let id: string;
  try {
    const inserted = await context.db
      .insertInto('monitor_form')
      .values({
        code: input.code,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        reporter_level: input.reporterLevel,
        subject_kind: input.subjectKind,
        frequency: input.frequency,
        scope_region_code: input.scopeRegionCode,
        due_days: input.dueDays,
        grace_days: input.graceDays,
        rules: JSON.stringify(input.rules),
        source: input.source,
        created_at: context.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = inserted.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('code', { zh: `报表代码 ${input.code} 已存在。`, en: `The form code ${input.code} is taken.` });
    throw error;
  }
  await context.db
    .insertInto('monitor_form_indicator')
    .values(input.indicators.map((entry, index) => ({ form_id: id, indicator_id: indicators.get(entry.code)!.id, position: index + 1, required: entry.required })))
    .execute();
  const view = presentForm((await loadForm(context.db, id))!, actor);
  await recordAudit(context, { action: 'monitor.form.create', entityType: 'monitor_form', entityId: id, regionCode: input.scopeRegionCode, after: view });
  return view;
}

/** Forms the actor may read (scoped inside the reach or above it), by code. */
export async function listForms(db: Kysely<Database>, actor: Actor, filter: { regionCode?: string | undefined; limit: number; offset: number }) {
  const { prefixes, ancestors } = jurisdictionOrAbove(actor);
  let query = db.selectFrom('monitor_form');
  if (!prefixes.includes('')) {
    query = query.where((eb) =>
      eb.or([...prefixes.map((prefix) => eb('scope_region_code', 'like', `${prefix}%`)), ...(ancestors.length > 0 ? [eb('scope_region_code', 'in', ancestors)] : [])]),
    );
  }
  if (filter.regionCode) query = query.where('scope_region_code', '=', filter.regionCode);
  const [{ total } = { total: 0 }] = await query.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await query.select('id').orderBy('code').limit(filter.limit).offset(filter.offset).execute();
  const items: FormView[] = [];
  for (const row of rows) items.push(presentForm((await loadForm(db, row.id))!, actor));
  return { items, total: Number(total) };
}

/** One form the actor may read; 404 otherwise. */
export async function getForm(db: Kysely<Database>, actor: Actor, id: string): Promise<FormView> {
  const form = await loadForm(db, id);
  if (!form || !canReadForm(actor, form.scopeRegionCode)) throw notFound(formWord);
  return presentForm(form, actor);
}
