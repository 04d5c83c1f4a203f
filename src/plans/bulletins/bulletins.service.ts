/**
 * Bulletins (通报): previewing one (computed live, nothing saved), drawing up a draft, publishing it as an
 * immutable snapshot, and each plan's ranking weights. Every write takes the transaction from its caller and
 * records its audit entry in it.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BulletinContent, BulletinInput, BulletinSettingsView, RankingWeights } from '../../contracts/plan-bulletins.contract.ts';
import { regionWithin, type Actor } from '../../kernel/actor.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../kernel/errors.ts';
import { chinaDate } from '../../kernel/periods.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import { isUniqueViolation } from '../../store/errors.ts';
import type { Database } from '../../store/tables.ts';
import { canReadPlan } from '../plans.policy.ts';
import { periodsOfPlan, requirePeriod } from '../reports/reports.repo.ts';
import { composeBulletin, isEmptyPeriod } from './bulletin-content.ts';
import { gatherFacts } from './bulletin-facts.ts';
import { canManageBulletins } from './bulletins.policy.ts';
import { checkWeights, defaultRankingWeights } from './ranking.ts';

/** The words refusals use for what was not found. */
export const bulletinWords = { plan: { zh: '方案', en: 'Plan' }, bulletin: { zh: '通报', en: 'Bulletin' } };

const refusedManage = {
  zh: '只有方案所在地区的专班（协调员）或管理员可以生成、发布通报或设置排名权重。',
  en: 'Only a coordinator or administrator whose jurisdiction holds the plan’s region may draw up or publish its bulletins or set their weights.',
};

/** JSON with object keys sorted at every level, so that the same content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, entry]) => entry !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The SHA-256 of a bulletin's content in canonical JSON, as hex. */
export function contentSha256(content: BulletinContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** The plan a bulletin is for, with its issuing unit; "not found" to those who may not read it. */
export async function loadBulletinPlan(db: Kysely<Database>, actor: Actor, planId: string) {
  const plan = await db
    .selectFrom('plan')
    .leftJoin('unit', 'unit.id', 'plan.issuer_unit_id')
    .select(['plan.id', 'plan.title', 'plan.doc_number', 'plan.region_code', 'plan.schedule', 'plan.start_date', 'plan.end_date', 'plan.issuer_unit_id', 'unit.name as issuer_name'])
    .where('plan.id', '=', planId)
    .executeTakeFirst();
  if (!plan || !canReadPlan(actor, plan.region_code)) throw notFound(bulletinWords.plan);
  return plan;
}

type BulletinPlanRow = Awaited<ReturnType<typeof loadBulletinPlan>>;

/** The weights a plan's bulletins use unless one is given others: the plan's own, else the defaults. */
async function planWeights(db: Kysely<Database>, planId: string): Promise<RankingWeights | null> {
  const row = await db.selectFrom('bulletin_setting').select('weights').where('plan_id', '=', planId).executeTakeFirst();
  return row ? (row.weights as RankingWeights) : null;
}

/** The unit a bulletin is issued by: the plan's issuer, else the unit of the actor's managing role over the plan. */
async function issuerOf(db: Kysely<Database>, actor: Actor, plan: BulletinPlanRow): Promise<{ unitId: string | null; name: string }> {
  if (plan.issuer_unit_id && plan.issuer_name) return { unitId: plan.issuer_unit_id, name: plan.issuer_name };
  const grant = actor.grants.find((candidate) => (candidate.role === 'coordinator' || candidate.role === 'admin') && regionWithin(plan.region_code, candidate.regionCode));
  const unit = grant ? await db.selectFrom('unit').select(['id', 'name']).where('id', '=', grant.unitId).executeTakeFirst() : undefined;
  return unit ? { unitId: unit.id, name: unit.name } : { unitId: null, name: '' };
}

/** Computes a bulletin's content for the plan and period, once the actor is known to manage the plan. */
async function computeContent(db: Kysely<Database>, actor: Actor, plan: BulletinPlanRow, input: BulletinInput, now: Date) {
  if (!canManageBulletins(actor, plan.region_code)) throw forbidden(refusedManage);
  const period = requirePeriod(periodsOfPlan(plan), input.period);
  const weights = checkWeights(input.weights ?? (await planWeights(db, plan.id)) ?? defaultRankingWeights);
  const issuer = await issuerOf(db, actor, plan);
  const facts = await gatherFacts(db, { id: plan.id, title: plan.title, docNumber: plan.doc_number, regionCode: plan.region_code }, {
    period,
    weights,
    docNumber: input.docNumber ?? null,
    issuer: issuer.name,
    now,
  });
  return { facts, content: composeBulletin(facts), weights, issuerUnitId: issuer.unitId };
}

/** A bulletin's content computed live from today's reports, figures, colours and problems; nothing is saved. */
export async function previewBulletin(db: Kysely<Database>, actor: Actor, planId: string, input: BulletinInput, now: Date): Promise<BulletinContent> {
  const plan = await loadBulletinPlan(db, actor, planId);
  return (await computeContent(db, actor, plan, input, now)).content;
}

/**
 * Draws up a draft bulletin for a plan and period, keeping its content as computed now. Refuses a period with
 * nothing to report on — no report due and no figure given — naming `period`.
 */
export async function draftBulletin(context: WriteContext, actor: Actor, planId: string, input: BulletinInput): Promise<string> {
  const plan = await loadBulletinPlan(context.db, actor, planId);
  const { facts, content, weights, issuerUnitId } = await computeContent(context.db, actor, plan, input, context.now);
  if (isEmptyPeriod(facts)) {
    throw unprocessable('period', {
      zh: `${content.label}没有到期的报告，也没有报送的目标数据，无可通报的内容；请在报送截止日（${content.due}）之后再生成。`,
      en: `Nothing is due for ${input.period} and no figures were given for it, so there is nothing to report; draw it up after the due date (${content.due}).`,
    });
  }
  const row = await context.db
    .insertInto('bulletin')
    .values({
      plan_id: plan.id,
      period: content.period,
      title: content.title,
      doc_number: content.docNumber,
      issuer_unit_id: issuerUnitId,
      weights: JSON.stringify(weights),
      content: JSON.stringify(content),
      content_sha256: contentSha256(content),
      created_at: context.now,
      created_by: context.actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(context, {
    action: 'plans.bulletin.draft',
    entityType: 'bulletin',
    entityId: row.id,
    regionCode: plan.region_code,
    after: { planId: plan.id, period: content.period, title: content.title, docNumber: content.docNumber, weights },
  });
  return row.id;
}

/** A bulletin row with its plan's region, locked for the rest of the transaction when `lock` is set. */
async function loadBulletin(db: Kysely<Database>, id: string, lock = false) {
  let query = db
    .selectFrom('bulletin')
    .innerJoin('plan', 'plan.id', 'bulletin.plan_id')
    .selectAll('bulletin')
    .select('plan.region_code as plan_region_code')
    .where('bulletin.id', '=', id);
  if (lock) query = query.forUpdate(['bulletin']);
  return query.executeTakeFirst();
}

/**
 * Publishes a draft: it is dated today and becomes final. Refuses a bulletin already published, and a second
 * published bulletin for the same plan and period (409).
 */
export async function publishBulletin(context: WriteContext, actor: Actor, bulletinId: string): Promise<void> {
  const bulletin = await loadBulletin(context.db, bulletinId, true);
  // Whoever reads the plan may know its bulletins exist, so a reader who may not publish is told so (403).
  if (!bulletin || !canReadPlan(actor, bulletin.plan_region_code)) throw notFound(bulletinWords.bulletin);
  const region = bulletin.plan_region_code;
  if (!canManageBulletins(actor, region)) throw forbidden(refusedManage);
  if (bulletin.status === 'published') {
    throw conflict('status', {
      zh: '该通报已发布，不能再次发布或修改；如需更正，请重新生成通报。',
      en: 'This bulletin is already published and cannot be published again or changed; draw up a new one to correct it.',
    });
  }
  const content = { ...(bulletin.content as BulletinContent), issuedOn: chinaDate(context.now) };
  try {
    await context.db
      .updateTable('bulletin')
      .set({ status: 'published', content: JSON.stringify(content), content_sha256: contentSha256(content), published_at: context.now, published_by: context.actor.id })
      .where('id', '=', bulletinId)
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw conflict('period', {
      zh: `本方案${content.label}的通报已经发布过，同一报告期只能发布一份通报。`,
      en: `A bulletin for ${bulletin.period} of this plan has already been published; a period has one published bulletin.`,
    });
  }
  await recordAudit(context, {
    action: 'plans.bulletin.publish',
    entityType: 'bulletin',
    entityId: bulletinId,
    regionCode: region,
    before: { status: bulletin.status, contentSha256: bulletin.content_sha256 },
    after: { status: 'published', issuedOn: content.issuedOn, contentSha256: contentSha256(content) },
  });
}

/** The ranking weights a plan's bulletins use, and whether the actor may change them. */
export async function getBulletinSettings(db: Kysely<Database>, actor: Actor, planId: string): Promise<BulletinSettingsView> {
  const plan = await loadBulletinPlan(db, actor, planId);
  const own = await planWeights(db, plan.id);
  return { planId: plan.id, weights: own ?? { ...defaultRankingWeights }, defaultWeights: own === null, abilities: { update: canManageBulletins(actor, plan.region_code) } };
}

/** Sets the ranking weights a plan's bulletins use; they must add up to 100%. */
export async function setBulletinWeights(context: WriteContext, actor: Actor, planId: string, weights: RankingWeights): Promise<void> {
  const plan = await loadBulletinPlan(context.db, actor, planId);
  if (!canManageBulletins(actor, plan.region_code)) throw forbidden(refusedManage);
  checkWeights(weights);
  const before = await planWeights(context.db, plan.id);
  await context.db
    .insertInto('bulletin_setting')
    .values({ plan_id: plan.id, weights: JSON.stringify(weights), updated_at: context.now, updated_by: context.actor.id })
    .onConflict((conflicting) => conflicting.column('plan_id').doUpdateSet({ weights: JSON.stringify(weights), updated_at: context.now, updated_by: context.actor.id }))
    .execute();
  await recordAudit(context, { action: 'plans.bulletin.weights', entityType: 'plan', entityId: plan.id, regionCode: plan.region_code, before, after: weights });
}
