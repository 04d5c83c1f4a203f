/**
 * Batch and proactive runs: a pack version evaluated on a date over the persons or enterprises of a region,
 * chunk by chunk in registry-id order. Each chunk's items and the run's cursor are written in one transaction
 * on the run row locked with SKIP LOCKED, so a run stopped anywhere continues on any server from its cursor and
 * never twice at once; the same registry, date and rule version give the same items (checked by their hash).
 */
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../kernel/actor.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import type { Database } from '../../store/tables.ts';
import { currentPacks, packVersion } from '../matching/current-packs.ts';
import { evaluateSubjects, nextSubjects, type Beneficiary } from '../matching/subject-evaluation.ts';
import { canApproveRun, canReadRun, canStartRun } from '../matching/benefits-match.policy.ts';

const words = { run: { zh: '测算批次', en: 'Run' } };

/** How a run is started. */
export interface StartRunInput {
  /** batch: entitlements for a period, to approve and pay; proactive: to find the newly eligible */
  kind: 'batch' | 'proactive';
  packId: string;
  beneficiary: Beneficiary;
  /** the region subtree whose registry is evaluated */
  regionCode: string;
  /** the evaluation date (the period's end) */
  asOf: string;
}

/** Starts a run of the current version of a pack; returns its id. The work is done by `advanceRun`. */
export async function startRun(context: WriteContext, actor: Actor, input: StartRunInput): Promise<string> {
  if (!canStartRun(actor, input.kind, input.regionCode)) throw forbidden();
  const entry = (await currentPacks(context.db)).find((candidate) => candidate.packId === input.packId);
  if (!entry) throw unprocessable('packId', { zh: `没有政策包「${input.packId}」`, en: `no policy pack "${input.packId}"` });
  const region = await context.db.selectFrom('region').select('code').where('code', '=', input.regionCode).executeTakeFirst();
  if (!region) throw unprocessable('regionCode', { zh: `没有行政区划 ${input.regionCode}`, en: `no region ${input.regionCode}` });
  const row = await context.db
    .insertInto('benefit_run')
    .values({
      kind: input.kind,
      pack_id: entry.packId,
      pack_version_id: entry.versionId,
      beneficiary: input.beneficiary,
      region_code: input.regionCode,
      as_of: input.asOf,
      status: 'running',
      created_by: context.actor.id,
      created_at: context.now,
      updated_at: context.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(context, { action: 'benefits.run.start', entityType: 'benefit_run', entityId: row.id, regionCode: input.regionCode, after: { ...input, packVersionId: entry.versionId } });
  return row.id;
}

/** Hashes a run's items in (subject, policy) order, in SQL so that a million items never come to the server. */
async function itemsHash(db: Kysely<Database>, runId: string): Promise<string> {
  const result = await sql<{ hash: string | null }>`
    select encode(sha256(convert_to(coalesce(string_agg(subject_id::text || '|' || policy_id || '|' || status || '|' || amount_fen::text, E'\n' order by subject_id, policy_id), ''), 'UTF8')), 'hex') as hash
    from benefit_run_item where run_id = ${runId}`.execute(db);
  return result.rows[0]?.hash ?? '';
}

/**
 * Evaluates the next chunk of a running run and saves it with the cursor; true when the run is complete or
 * not runnable here (stopped, or another server holds it at this moment).
 */
export async function advanceRun(db: Kysely<Database>, runId: string, chunkSize = 2000, now: () => Date = () => new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const run = await trx.selectFrom('benefit_run').selectAll().where('id', '=', runId).where('status', '=', 'running').forUpdate().skipLocked().executeTakeFirst();
    if (!run) return true;
    const entry = await packVersion(trx, run.pack_version_id);
    const subjects = await nextSubjects(trx, { beneficiary: run.beneficiary, regionCode: run.region_code, cursor: run.cursor }, chunkSize);
    const evaluated = await evaluateSubjects(trx, entry.pack, run.beneficiary as Beneficiary, subjects, run.as_of);
    const items = evaluated.flatMap((subject) =>
      [...subject.decisions].flatMap(([policy, decision]) =>
        decision.status === 'not_eligible'
          ? []
          : [{ run_id: runId, subject_id: subject.id, policy_id: policy, county_code: subject.county, region_code: subject.region, status: decision.status, amount_fen: decision.status === 'undetermined' ? 0 : decision.amount }],
      ),
    );
    for (let start = 0; start < items.length; start += 5000) await trx.insertInto('benefit_run_item').values(items.slice(start, start + 5000)).execute();
    const last = subjects[subjects.length - 1];
    const complete = subjects.length < chunkSize;
    await trx
      .updateTable('benefit_run')
      .set({
        cursor: last ? last.id : run.cursor,
        subjects_done: sql<number>`subjects_done + ${subjects.length}`,
        updated_at: now(),
        ...(complete && { status: 'completed', finished_at: now(), items_hash: await itemsHash(trx, runId) }),
      })
      .where('id', '=', runId)
      .execute();
    return complete;
  });
}

/** Works a run until it is complete or stopped, or until `maxChunks` chunks are done; true when complete. */
export async function workRun(db: Kysely<Database>, runId: string, options: { chunkSize?: number; maxChunks?: number } = {}): Promise<boolean> {
  for (let chunk = 0; chunk < (options.maxChunks ?? Number.POSITIVE_INFINITY); chunk++) {
    if (await advanceRun(db, runId, options.chunkSize)) break;
  }
  const row = await db.selectFrom('benefit_run').select('status').where('id', '=', runId).executeTakeFirstOrThrow();
  return row.status === 'completed';
}

async function loadRun(db: Kysely<Database>, actor: Actor, runId: string) {
  const run = await db.selectFrom('benefit_run').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run || !canReadRun(actor, run.region_code)) throw notFound(words.run);
  return run;
}

/** Stops a running run: its cursor stays, and `resumeRun` continues from it. */
export async function stopRun(context: WriteContext, actor: Actor, runId: string): Promise<void> {
  const run = await loadRun(context.db, actor, runId);
  if (!canStartRun(actor, run.kind as 'batch', run.region_code)) throw forbidden();
  if (run.status !== 'running') throw conflict('status', { zh: '只有运行中的测算可以停止', en: 'only a running run can be stopped' });
  await context.db.updateTable('benefit_run').set({ status: 'stopped', updated_at: context.now }).where('id', '=', runId).execute();
  await recordAudit(context, { action: 'benefits.run.stop', entityType: 'benefit_run', entityId: runId, regionCode: run.region_code, before: { status: run.status, cursor: run.cursor } });
}

/** Marks a stopped run running again; the work continues from its cursor on whichever server picks it up. */
export async function resumeRun(context: WriteContext, actor: Actor, runId: string): Promise<void> {
  const run = await loadRun(context.db, actor, runId);
  if (!canStartRun(actor, run.kind as 'batch', run.region_code)) throw forbidden();
  if (run.status !== 'stopped') throw conflict('status', { zh: '只有已停止的测算可以继续', en: 'only a stopped run can be resumed' });
  await context.db.updateTable('benefit_run').set({ status: 'running', updated_at: context.now }).where('id', '=', runId).execute();
  await recordAudit(context, { action: 'benefits.run.resume', entityType: 'benefit_run', entityId: runId, regionCode: run.region_code, after: { cursor: run.cursor } });
}

/** Approves a completed batch run (a coordinator of its region): its eligible items may then be paid. */
export async function approveRun(context: WriteContext, actor: Actor, runId: string): Promise<void> {
  const run = await loadRun(context.db, actor, runId);
  if (!canApproveRun(actor, run.region_code)) throw forbidden();
  if (run.kind !== 'batch' || run.status !== 'completed') throw conflict('status', { zh: '只有已完成的批量测算可以审批', en: 'only a completed batch run can be approved' });
  await context.db.updateTable('benefit_run').set({ status: 'approved', approved_by: context.actor.id, approved_at: context.now, updated_at: context.now }).where('id', '=', runId).execute();
  await recordAudit(context, { action: 'benefits.run.approve', entityType: 'benefit_run', entityId: runId, regionCode: run.region_code, before: { status: run.status }, after: { status: 'approved', itemsHash: run.items_hash } });
}

/** Totals of a run by policy and county. */
export async function runTotals(db: Kysely<Database>, runId: string) {
  const rows = await db
    .selectFrom('benefit_run_item')
    .select((eb) => [
      'policy_id',
      'county_code',
      eb.fn.count<number>(sql`case when status = 'eligible' then 1 end`).as('eligible'),
      sql<number>`coalesce(sum(case when status = 'eligible' then amount_fen end), 0)::bigint`.as('amount'),
      eb.fn.count<number>(sql`case when status = 'suppressed' then 1 end`).as('suppressed'),
      eb.fn.count<number>(sql`case when status = 'undetermined' then 1 end`).as('undetermined'),
    ])
    .where('run_id', '=', runId)
    .groupBy(['policy_id', 'county_code'])
    .orderBy('policy_id')
    .orderBy('county_code')
    .execute();
  return rows.map((row) => ({ policy: row.policy_id, county: row.county_code, eligible: Number(row.eligible), amountFen: Number(row.amount), suppressed: Number(row.suppressed), undetermined: Number(row.undetermined) }));
}

/** A run as shown to a reader of its region, with totals and abilities. */
export async function getRun(db: Kysely<Database>, actor: Actor, runId: string) {
  const run = await loadRun(db, actor, runId);
  return {
    id: run.id,
    kind: run.kind as 'batch' | 'proactive',
    packId: run.pack_id,
    packVersionId: run.pack_version_id,
    beneficiary: run.beneficiary as Beneficiary,
    regionCode: run.region_code,
    asOf: run.as_of,
    status: run.status as 'running' | 'stopped' | 'completed' | 'approved' | 'paid',
    subjectsDone: run.subjects_done,
    itemsHash: run.items_hash,
    createdAt: run.created_at.toISOString(),
    finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null,
    approvedAt: run.approved_at ? new Date(run.approved_at).toISOString() : null,
    paymentBatchId: run.payment_batch_id,
    totals: await runTotals(db, runId),
    abilities: {
      approve: run.kind === 'batch' && run.status === 'completed' && canApproveRun(actor, run.region_code),
      resume: run.status === 'stopped' && canStartRun(actor, run.kind as 'batch', run.region_code),
      pay: run.status === 'approved' && canApproveRun(actor, run.region_code),
    },
  };
}

/** Advances the oldest running run by one chunk (any server may call it: runs are claimed with SKIP LOCKED); true when work is left. */
export async function advanceRunningRuns(db: Kysely<Database>): Promise<boolean> {
  const run = await db.selectFrom('benefit_run').select('id').where('status', '=', 'running').orderBy('updated_at').limit(1).executeTakeFirst();
  if (!run) return false;
  await advanceRun(db, run.id);
  return true;
}
