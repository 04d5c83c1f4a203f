/**
 * Reading bulletins: a plan's list (drafts only for those who may see them, filtered in SQL), one bulletin
 * with its content, its DOCX and xlsx files, and the reports behind any of its figures.
 */
import type { Kysely } from 'kysely';
import type { BulletinContent, BulletinDetail, BulletinStatus, BulletinSummary, FigureTrace, RankingWeights } from '../../contracts/plan-bulletins.contract.ts';
import type { Actor } from '../../kernel/actor.ts';
import { notFound } from '../../kernel/errors.ts';
import type { Database } from '../../store/tables.ts';
import { bulletinDocx } from './bulletin.docx.ts';
import { bulletinXlsx } from './bulletin.xlsx.ts';
import { bulletinAbilities, canReadBulletin, canReadDrafts } from './bulletins.policy.ts';
import { bulletinWords, loadBulletinPlan } from './bulletins.service.ts';

/** The file formats a bulletin is exported in. */
export const bulletinFormats = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** One of the export formats. */
export type BulletinFormat = keyof typeof bulletinFormats;

function withPeople(db: Kysely<Database>) {
  return db
    .selectFrom('bulletin')
    .innerJoin('plan', 'plan.id', 'bulletin.plan_id')
    .leftJoin('app_user as creator', 'creator.id', 'bulletin.created_by')
    .leftJoin('app_user as publisher', 'publisher.id', 'bulletin.published_by')
    .selectAll('bulletin')
    .select(['plan.region_code as plan_region_code', 'creator.display_name as creator_name', 'publisher.display_name as publisher_name']);
}

type BulletinRow = Awaited<ReturnType<ReturnType<typeof withPeople>['executeTakeFirstOrThrow']>>;

function presentSummary(row: BulletinRow): BulletinSummary {
  const content = row.content as BulletinContent;
  return {
    id: row.id,
    planId: row.plan_id,
    period: row.period,
    label: content.label,
    status: row.status as BulletinStatus,
    title: row.title,
    docNumber: row.doc_number,
    issuer: content.issuer,
    createdAt: row.created_at.toISOString(),
    createdBy: row.creator_name,
    publishedAt: row.published_at?.toISOString() ?? null,
    publishedBy: row.publisher_name,
  };
}

/** A bulletin the actor may read, or "not found". */
async function readable(db: Kysely<Database>, actor: Actor, id: string): Promise<BulletinRow> {
  const row = await withPeople(db).where('bulletin.id', '=', id).executeTakeFirst();
  if (!row || !canReadBulletin(actor, { status: row.status, planRegionCode: row.plan_region_code })) throw notFound(bulletinWords.bulletin);
  return row;
}

/** A plan's bulletins, newest first: published ones for every reader of the plan, drafts for those who may see them. */
export async function listBulletins(db: Kysely<Database>, actor: Actor, planId: string): Promise<BulletinSummary[]> {
  const plan = await loadBulletinPlan(db, actor, planId);
  let query = withPeople(db).where('bulletin.plan_id', '=', plan.id);
  if (!canReadDrafts(actor, plan.region_code)) query = query.where('bulletin.status', '=', 'published');
  const rows = await query.orderBy('bulletin.created_at', 'desc').orderBy('bulletin.id').execute();
  return rows.map(presentSummary);
}

/** One bulletin with its content and what the actor may do with it. */
export async function getBulletin(db: Kysely<Database>, actor: Actor, id: string): Promise<BulletinDetail> {
  const row = await readable(db, actor, id);
  return {
    ...presentSummary(row),
    weights: row.weights as RankingWeights,
    content: row.content as BulletinContent,
    contentSha256: row.content_sha256,
    abilities: bulletinAbilities(actor, { status: row.status, planRegionCode: row.plan_region_code }),
  };
}

/** A bulletin as a file: its name (the title, with 草稿 for a draft), content type and bytes. */
export async function bulletinFile(db: Kysely<Database>, actor: Actor, id: string, format: BulletinFormat) {
  const row = await readable(db, actor, id);
  const content = row.content as BulletinContent;
  const body = format === 'docx' ? await bulletinDocx(content) : await bulletinXlsx(content);
  const draft = row.status === 'draft' ? '（草稿）' : '';
  return { fileName: `${content.title}${draft}.${format}`, contentType: bulletinFormats[format], body };
}

/** The reports a figure of the bulletin came from; "not found" for a key the bulletin does not have. */
export async function traceFigure(db: Kysely<Database>, actor: Actor, id: string, figureKey: string): Promise<FigureTrace> {
  const row = await readable(db, actor, id);
  const reportIds = Object.hasOwn((row.content as BulletinContent).trace, figureKey) ? ((row.content as BulletinContent).trace[figureKey] ?? []) : null;
  if (reportIds === null) throw notFound({ zh: `通报中的数据项 ${figureKey}`, en: `Figure ${figureKey} of the bulletin` });
  const reports =
    reportIds.length === 0
      ? []
      : await db
          .selectFrom('task_report')
          .innerJoin('plan_task', 'plan_task.id', 'task_report.task_id')
          .innerJoin('unit', 'unit.id', 'task_report.unit_id')
          .select(['task_report.id', 'task_report.task_id', 'plan_task.number', 'task_report.unit_id', 'unit.name', 'task_report.period', 'task_report.status', 'task_report.first_submitted_at'])
          .where('task_report.id', 'in', reportIds)
          .orderBy('plan_task.position')
          .orderBy('unit.name')
          .execute();
  return {
    bulletinId: row.id,
    figureKey,
    reports: reports.map((report) => ({
      id: report.id,
      taskId: report.task_id,
      taskNumber: report.number,
      unitId: report.unit_id,
      unitName: report.name,
      period: report.period,
      status: report.status,
      firstSubmittedAt: report.first_submitted_at?.toISOString() ?? null,
    })),
  };
}
