/**
 * Filing a form and deciding on it. Filing creates or updates the submission for (form, region or subject,
 * period), checks the form's rules, and saves the figures with their roll-ups in the same transaction. A
 * period is due `due_days` after it ends; after due + `grace_days` only a coordinator may still file, and
 * anything filed after the due date is marked late. Approval locks the figures until a coordinator returns
 * the submission with a comment.
 */
import { sql, type Kysely } from 'kysely';
import type { FileFormInput, SubmissionView } from '../contracts/monitor.contract.ts';
import { jurisdictionPrefixes, regionWithin, type Actor } from '../kernel/actor.ts';
import { conflict, forbidden, notFound, outliersUnconfirmed, unprocessable, type LocalizedText } from '../kernel/errors.ts';
import { chinaDate, formatPeriod, parsePeriod, periodEnd, periodLabel, periodStart, previousPeriod, type Period } from '../kernel/periods.ts';
import { regionLevel, regionPrefix } from '../kernel/region-code.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import type { Database } from '../store/tables.ts';
import { checkFormRules } from './form-rules.ts';
import { loadForm, type FormRecord } from './forms.service.ts';
import { canDecideSubmission, canEnterRegionValues, canEnterSubjectValues, canReadForm, canReadMonitorRegion, canReadSubject } from './monitor.policy.ts';
import { checkValues } from './values.check.ts';
import { saveValueRows, valueKey } from './values.save.ts';

const submissionWord: LocalizedText = { zh: '报送记录', en: 'Submission' };
const formWord: LocalizedText = { zh: '报表', en: 'Form' };
const millisecondsPerDay = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * millisecondsPerDay).toISOString().slice(0, 10);
}

/** The dates a period's figures are due by and may be filed until by reporters (after that, coordinators only). */
export function filingDates(period: Period, dueDays: number, graceDays: number): { due: string; closes: string } {
  const due = addDays(periodEnd(period), dueDays);
  return { due, closes: addDays(due, graceDays) };
}

interface Target {
  regionCode: string;
  subjectId: string | null;
  subjectName: string | null;
}

async function resolveTarget(db: Kysely<Database>, actor: Actor, form: FormRecord, input: FileFormInput): Promise<Target> {
  if (form.reporterLevel === 'subject') {
    if (!input.subjectId) throw unprocessable('subjectId', { zh: '此表由监测对象填报，须指明对象。', en: 'This form is filed per subject: name the subject.' });
    const subject = await db.selectFrom('monitor_subject').select(['id', 'kind', 'name', 'region_code', 'unit_id']).where('id', '=', input.subjectId).executeTakeFirst();
    const scoped = subject ? { regionCode: subject.region_code, unitId: subject.unit_id } : null;
    if (!subject || !scoped || !canReadSubject(actor, scoped)) throw unprocessable('subjectId', { zh: '监测对象不存在，或您无权查看。', en: 'The subject does not exist, or you may not see it.' });
    if (subject.kind !== form.subjectKind || !regionWithin(subject.region_code, form.scopeRegionCode)) {
      throw unprocessable('subjectId', { zh: '此对象不在本表的填报范围内。', en: 'This subject does not file this form.' });
    }
    if (!canEnterSubjectValues(actor, scoped)) throw forbidden();
    return { regionCode: subject.region_code, subjectId: subject.id, subjectName: subject.name };
  }
  if (!input.regionCode) throw unprocessable('regionCode', { zh: '须指明填报的区划。', en: 'Name the region filed for.' });
  if (input.subjectId) throw unprocessable('subjectId', { zh: '此表按区划填报，不能指明监测对象。', en: 'This form is filed per region, not per subject.' });
  if (regionLevel(input.regionCode) !== form.reporterLevel || !regionWithin(input.regionCode, form.scopeRegionCode)) {
    throw unprocessable('regionCode', { zh: `${input.regionCode} 不在本表的填报范围内。`, en: `${input.regionCode} does not file this form.` });
  }
  if (!(await db.selectFrom('region').select('code').where('code', '=', input.regionCode).executeTakeFirst())) {
    throw unprocessable('regionCode', { zh: `行政区划 ${input.regionCode} 不存在。`, en: `The region ${input.regionCode} does not exist.` });
  }
  if (!canEnterRegionValues(actor, input.regionCode)) throw forbidden();
  return { regionCode: input.regionCode, subjectId: null, subjectName: null };
}

function lockedError(period: string): Error {
  const parsed = parsePeriod(period);
  return unprocessable('period', {
    zh: `${parsed ? periodLabel(parsed, 'zh') : period}的报表已审核锁定，不能修改；请先由专班退回。`,
    en: `The ${period} submission is approved and locked; a coordinator must return it first.`,
  });
}

/** Figures stored before for the target and form, by code (totals), for the rules to see the whole form. */
async function storedTotals(db: Kysely<Database>, form: FormRecord, target: Target, periods: string[]) {
  if (periods.length === 0) return [];
  return db
    .selectFrom('monitor_value')
    .select(['indicator_id', 'period', sql<string>`value::text`.as('value')])
    .where('indicator_id', 'in', form.indicators.map((indicator) => indicator.id))
    .where('region_code', '=', target.regionCode)
    .where((eb) => (target.subjectId ? eb('subject_id', '=', target.subjectId) : eb('subject_id', 'is', null)))
    .where('breakdown', '=', '')
    .where('period', 'in', periods)
    .execute();
}

/** Files a form's figures for a region or subject and period: rules checked, submission upserted, figures saved. */
export async function fileForm(context: WriteContext, actor: Actor, formId: string, input: FileFormInput) {
  const form = await loadForm(context.db, formId);
  if (!form || !canReadForm(actor, form.scopeRegionCode)) throw notFound(formWord);
  if (!form.active) throw unprocessable('formId', { zh: '此表已停用。', en: 'This form is no longer in use.' });
  const target = await resolveTarget(context.db, actor, form, input);
  const period = parsePeriod(input.period)!;
  if (period.kind !== form.frequency) throw unprocessable('period', { zh: `此表按${form.frequency}填报，期别 ${input.period} 不符。`, en: `This form is filed per ${form.frequency}; ${input.period} is not one.` });
  const today = chinaDate(context.now);
  if (periodStart(period) > today) throw unprocessable('period', { zh: `期别 ${input.period} 尚未开始。`, en: `The period ${input.period} has not started.` });
  const { due, closes } = filingDates(period, form.dueDays, form.graceDays);
  const coordinator = canDecideSubmission(actor, target.regionCode);
  if (today > closes && !coordinator) {
    throw forbidden({ zh: `${input.period} 的报送已于 ${closes} 截止，逾期数据须由专班填报。`, en: `Filing for ${input.period} closed on ${closes}; late figures are entered by a coordinator.` });
  }
  const periodText = formatPeriod(period);
  const existing = await context.db
    .selectFrom('monitor_submission')
    .selectAll()
    .where('form_id', '=', form.id)
    .where('region_code', '=', target.regionCode)
    .where((eb) => (target.subjectId ? eb('subject_id', '=', target.subjectId) : eb('subject_id', 'is', null)))
    .where('period', '=', periodText)
    .executeTakeFirst();
  if (existing?.status === 'approved') throw lockedError(periodText);

  const codes = new Map(form.indicators.map((indicator) => [indicator.code, indicator]));
  input.values.forEach((value, index) => {
    if (!codes.has(value.indicator)) throw unprocessable(`values[${index}].indicator`, { zh: `${value.indicator} 不在本表中。`, en: `${value.indicator} is not on this form.` });
  });
  const checked = await checkValues(
    context.db,
    input.values.map((value) => ({ ...value, period: periodText, ...(target.subjectId ? { subjectId: target.subjectId } : { regionCode: target.regionCode }) })),
    'values',
    () => true,
  );

  // the rules see the whole form: figures saved before, overridden by those filed now
  const outlierRules = form.rules.filter((rule) => rule.kind === 'outlier');
  const window = Math.max(0, ...outlierRules.map((rule) => rule.window));
  const pastPeriods: string[] = [];
  for (let current = previousPeriod(period); pastPeriods.length < window; current = previousPeriod(current)) pastPeriods.unshift(formatPeriod(current));
  const stored = await storedTotals(context.db, form, target, [periodText, ...pastPeriods]);
  const codeOf = new Map(form.indicators.map((indicator) => [indicator.id, indicator.code]));
  const values = new Map<string, number>();
  const history = new Map<string, number[]>();
  for (const row of stored.sort((a, b) => a.period.localeCompare(b.period))) {
    const code = codeOf.get(row.indicator_id)!;
    if (row.period === periodText) values.set(code, Number(row.value));
    else history.set(code, [...(history.get(code) ?? []), Number(row.value)]);
  }
  for (const { row, indicator } of checked) if (row.breakdown === '') values.set(indicator.code, Number(row.value));
  const filedCodes = new Set(checked.filter(({ row }) => row.breakdown === '').map(({ indicator }) => indicator.code));
  const { errors, outliers } = checkFormRules({ rules: form.rules, values, indicators: form.indicators, history });
  const fieldOf = (code: string | null) => {
    const index = input.values.findIndex((value) => value.indicator === code && value.breakdown === '');
    return index >= 0 ? `values[${index}].value` : 'values';
  };
  const firstError = errors[0];
  if (firstError) throw unprocessable(fieldOf(firstError.code), { zh: firstError.zh, en: firstError.en });
  const flagged = outliers.filter((issue) => issue.code !== null && filedCodes.has(issue.code));
  if (flagged.length > 0 && !input.confirmOutliers) {
    throw outliersUnconfirmed(
      flagged.map((issue) => fieldOf(issue.code)),
      { zh: `${flagged.map((issue) => issue.zh).join('')}（确认无误请勾选“确认异常值”后重新提交）`, en: `${flagged.map((issue) => issue.en).join(' ')} (tick "confirm outliers" and file again if they are right)` },
    );
  }

  const late = today > due;
  let submissionId: string;
  if (existing) {
    await context.db
      .updateTable('monitor_submission')
      .set({ status: 'submitted', late: existing.late || late, submitted_by: context.actor.id, submitted_at: context.now, decided_by: null, decided_at: null })
      .where('id', '=', existing.id)
      .execute();
    submissionId = existing.id;
  } else {
    const inserted = await context.db
      .insertInto('monitor_submission')
      .values({ form_id: form.id, region_code: target.regionCode, subject_id: target.subjectId, period: periodText, status: 'submitted', late, submitted_by: context.actor.id, submitted_at: context.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    submissionId = inserted.id;
  }
  const confirmed = new Set(
    checked.filter(({ indicator, row }) => row.breakdown === '' && flagged.some((issue) => issue.code === indicator.code)).map(({ row }) => valueKey(row)),
  );
  const result = await saveValueRows(context, checked.map(({ row }) => row), { source: 'form', submissionId, confirmedOutliers: confirmed });
  const submission = await getSubmission(context.db, actor, submissionId);
  await recordAudit(context, {
    action: 'monitor.submission.file',
    entityType: 'monitor_submission',
    entityId: submissionId,
    regionCode: target.regionCode,
    before: existing ? { status: existing.status, late: existing.late } : undefined,
    after: { form: form.code, period: periodText, status: 'submitted', late: submission.late, values: result.saved, confirmedOutliers: flagged.map((issue) => issue.code) },
  });
  return { submission, saved: result.saved, confirmedOutliers: flagged.map((issue) => issue.code!), affected: result.affected };
}

async function loadSubmission(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('monitor_submission as m')
    .innerJoin('monitor_form as f', 'f.id', 'm.form_id')
    .innerJoin('region as r', 'r.code', 'm.region_code')
    .leftJoin('monitor_subject as s', 's.id', 'm.subject_id')
    .selectAll('m')
    .select(['f.code as form_code', 'f.name_zh as form_name', 'r.name as region_name', 's.name as subject_name', 's.unit_id as subject_unit_id'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

type SubmissionRow = NonNullable<Awaited<ReturnType<typeof loadSubmission>>>;

function presentSubmission(row: SubmissionRow, actor: Actor): SubmissionView {
  const decide = canDecideSubmission(actor, row.region_code);
  return {
    id: row.id,
    formId: row.form_id,
    formCode: row.form_code,
    formName: row.form_name,
    regionCode: row.region_code,
    regionName: row.region_name,
    subjectId: row.subject_id,
    subjectName: row.subject_name,
    period: row.period,
    status: row.status as SubmissionView['status'],
    late: row.late,
    submittedAt: new Date(row.submitted_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    comment: row.comment,
    abilities: { approve: decide && row.status === 'submitted', return: decide && row.status !== 'returned' },
  };
}

function visible(actor: Actor, row: SubmissionRow): boolean {
  return canReadMonitorRegion(actor, row.region_code) || (row.subject_unit_id !== null && actor.grants.some((grant) => grant.unitId === row.subject_unit_id));
}

/** One submission the actor may read; 404 otherwise. */
export async function getSubmission(db: Kysely<Database>, actor: Actor, id: string): Promise<SubmissionView> {
  const row = await loadSubmission(db, id);
  if (!row || !visible(actor, row)) throw notFound(submissionWord);
  return presentSubmission(row, actor);
}

async function decide(context: WriteContext, actor: Actor, id: string, status: 'approved' | 'returned', comment: string | null): Promise<SubmissionView> {
  const row = await loadSubmission(context.db, id);
  if (!row || !visible(actor, row)) throw notFound(submissionWord);
  if (!canDecideSubmission(actor, row.region_code)) throw forbidden();
  const allowed = status === 'approved' ? row.status === 'submitted' : row.status !== 'returned';
  if (!allowed) {
    throw conflict('status', {
      zh: status === 'approved' ? '只有已报送的报表才能审核通过。' : '此报表已退回。',
      en: status === 'approved' ? 'Only a submitted form can be approved.' : 'This submission is already returned.',
    });
  }
  await context.db
    .updateTable('monitor_submission')
    .set({ status, decided_by: context.actor.id, decided_at: context.now, comment })
    .where('id', '=', id)
    .execute();
  const after = presentSubmission((await loadSubmission(context.db, id))!, actor);
  await recordAudit(context, {
    action: status === 'approved' ? 'monitor.submission.approve' : 'monitor.submission.return',
    entityType: 'monitor_submission',
    entityId: id,
    regionCode: row.region_code,
    before: { status: row.status },
    after: { status, comment },
  });
  return after;
}

/** Approves a submitted form, locking its figures until it is returned. */
export async function approveSubmission(context: WriteContext, actor: Actor, id: string, input: { comment?: string | undefined }): Promise<SubmissionView> {
  return decide(context, actor, id, 'approved', input.comment?.trim() || null);
}

/** Returns a submitted or approved form for correction, with a comment saying what must change; unlocks its figures. */
export async function returnSubmission(context: WriteContext, actor: Actor, id: string, input: { comment: string }): Promise<SubmissionView> {
  const comment = input.comment.trim();
  if (comment.length < 2) throw unprocessable('comment', { zh: '退回须说明原因。', en: 'Say why the submission is returned.' });
  return decide(context, actor, id, 'returned', comment);
}

/** Filters for listing submissions. */
export interface SubmissionFilter {
  formId?: string | undefined;
  period?: string | undefined;
  status?: string | undefined;
  regionCode?: string | undefined;
  limit: number;
  offset: number;
}

/** Submissions inside the actor's jurisdiction (and those of the actor's own subjects), newest first. */
export async function listSubmissions(db: Kysely<Database>, actor: Actor, filter: SubmissionFilter) {
  const prefixes = jurisdictionPrefixes(actor);
  const unitIds = actor.grants.map((grant) => grant.unitId);
  let query = db.selectFrom('monitor_submission as m').leftJoin('monitor_subject as s', 's.id', 'm.subject_id');
  if (!prefixes.includes('')) {
    query = query.where((eb) => eb.or([...prefixes.map((prefix) => eb('m.region_code', 'like', `${prefix}%`)), ...(unitIds.length > 0 ? [eb('s.unit_id', 'in', unitIds)] : [])]));
  }
  if (filter.formId) query = query.where('m.form_id', '=', filter.formId);
  if (filter.period) query = query.where('m.period', '=', filter.period);
  if (filter.status) query = query.where('m.status', '=', filter.status);
  if (filter.regionCode) query = query.where('m.region_code', 'like', `${regionPrefix(filter.regionCode)}%`);
  const [{ total } = { total: 0 }] = await query.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const ids = await query.select('m.id').orderBy('m.submitted_at', 'desc').orderBy('m.id').limit(filter.limit).offset(filter.offset).execute();
  const items: SubmissionView[] = [];
  for (const { id } of ids) items.push(presentSubmission((await loadSubmission(db, id))!, actor));
  return { items, total: Number(total) };
}
