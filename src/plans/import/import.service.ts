/**
 * Importing a plan without code. An uploaded task-division table (xlsx, csv) or plan pack (yaml, json)
 * becomes a draft pack; the preview shows every task with how each unit name resolves; the commit, given a
 * mapping for every name nobody knows yet, builds the pack's units directory and loads the plan through the
 * pack loader in the caller's transaction — all or nothing, and with `dryRun` nothing at all.
 */
import { sql, type Kysely } from 'kysely';
import { parse as parseYaml } from 'yaml';
import type { ImportCommitResult, ImportPreview, ImportPreviewFields, UnitMapping, UnitResolution } from '../../contracts/plan-import.contract.ts';
import type { Upload } from '../../files/index.ts';
import type { Actor } from '../../kernel/actor.ts';
import { conflict, forbidden, invalidInput, pickLanguage, unprocessable } from '../../kernel/errors.ts';
import { getRegion, listRegionChildren, regionExists } from '../../org/index.ts';
import { recordAudit, type WriteContext } from '../../store/audit.ts';
import type { Database } from '../../store/tables.ts';
import { governmentName, loadPlanPack } from '../plan-pack.load.ts';
import { checkPlanPack, walkTasks, type PackProblem } from '../plan-pack.ts';
import { planPack, type PackPlan, type PlanPack } from '../plan-pack.schema.ts';
import { canImportPlan, unitFitsPlan } from './import.policy.ts';
import { namesOf, proposedMapping, resolveNames, tasksWithSection, unitInPlanRegion } from './import.resolve.ts';
import { decodeText, readTableSheets } from './table-cells.ts';
import { readTaskTable, type RowProblem } from './task-table.ts';

/** A draft pack holding one plan, with the table rows that could not be read. */
export interface ImportDraft {
  pack: PlanPack;
  rowProblems: RowProblem[];
}

const refusal = {
  zh: '只有该地区（或其上级）的专班协调员或管理员可以导入方案。',
  en: 'Only a coordinator or administrator whose jurisdiction holds the region may import a plan.',
};

async function loadRegion(db: Kysely<Database>, code: string, field: string) {
  if (!(await regionExists(db, code))) {
    throw unprocessable(field, { zh: `行政区划 ${code} 不存在，请先导入该地区。`, en: `Region ${code} does not exist; import it first.` });
  }
  return getRegion(db, code);
}

/** Validates a pack document with one plan; refusals name `field` and the path inside it. */
function parseDraftPack(raw: unknown, field: string): PlanPack {
  const parsed = planPack.safeParse(raw);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const where = [field, ...(issue?.path ?? []).map(String)].join('.');
    const message = issue?.message ?? '';
    throw invalidInput(where, { zh: `方案包 ${where} 不正确：${pickLanguage(message, 'zh')}`, en: `Plan pack ${where} is wrong: ${pickLanguage(message, 'en')}` });
  }
  if (parsed.data.plans.length !== 1) {
    throw unprocessable(`${field}.plans`, { zh: '一次导入一个方案：方案包中应只有一个方案。', en: 'Import one plan at a time: the pack must hold exactly one plan.' });
  }
  return parsed.data;
}

function readPackFile(upload: Upload, json: boolean): PlanPack {
  let raw: unknown;
  try {
    const text = decodeText(upload.bytes);
    raw = json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0] ?? '';
    throw unprocessable('file', { zh: `文件不是有效的 ${json ? 'JSON' : 'YAML'}：${detail}`, en: `The file is not valid ${json ? 'JSON' : 'YAML'}: ${detail}` });
  }
  return parseDraftPack(raw, 'file');
}

/** Reads an upload into a draft for a region the actor may import into: a table needs title, start and end. */
export async function draftFromUpload(db: Kysely<Database>, actor: Actor, upload: Upload, fields: ImportPreviewFields): Promise<ImportDraft> {
  const region = await loadRegion(db, fields.regionCode, 'regionCode');
  if (!canImportPlan(actor, region.code)) throw forbidden(refusal);
  const extension = upload.fileName.toLowerCase().split('.').at(-1) ?? '';
  if (extension === 'xlsx' || extension === 'csv') {
    const { title, start, end } = fields;
    if (!title) throw invalidInput('title', { zh: '请填写方案标题。', en: 'Give the plan a title.' });
    if (!start) throw invalidInput('start', { zh: '请填写方案开始日期。', en: 'Give the date the plan starts.' });
    if (!end) throw invalidInput('end', { zh: '请填写方案结束日期。', en: 'Give the date the plan ends.' });
    if (start > end) throw invalidInput('end', { zh: '结束日期不能早于开始日期。', en: 'The plan cannot end before it starts.' });
    const sheets = await readTableSheets(upload.fileName, upload.bytes);
    const issuer = fields.issuer ?? governmentName(region.name);
    const table = readTaskTable(sheets, { fileName: upload.fileName, regionCode: region.code, title, docNumber: fields.docNumber, leadRule: fields.leadRule, start, end, issuer });
    return { pack: table.pack, rowProblems: table.rowProblems };
  }
  if (['yaml', 'yml', 'json'].includes(extension)) {
    const pack = readPackFile(upload, extension === 'json');
    if (pack.plans[0]?.region !== region.code) {
      throw unprocessable('regionCode', { zh: '方案包中的地区与所选地区不一致。', en: 'The region of the pack differs from the region chosen.' });
    }
    return { pack, rowProblems: [] };
  }
  throw unprocessable('file', {
    zh: '请上传任务分工表（.xlsx 或 .csv）或方案包（.yaml、.yml 或 .json）。',
    en: 'Upload a task-division table (.xlsx or .csv) or a plan pack (.yaml, .yml or .json).',
  });
}

/** What the schema cannot see and the loader would trip on: a plan already imported, collectives over nothing. */
async function loadProblems(db: Kysely<Database>, pack: PlanPack, plan: PackPlan, resolutions: Map<string, UnitResolution>): Promise<PackProblem[]> {
  const problems: PackProblem[] = [];
  if (await db.selectFrom('plan').select('id').where('key', '=', plan.key).executeTakeFirst()) {
    problems.push({ where: 'plans.0.key', message: `此方案已导入（${plan.key}） ¦ This plan has been imported already (${plan.key})` });
  }
  if ([...walkTasks(plan.sections)].length === 0) problems.push({ where: 'plans.0.sections', message: '方案中没有任务 ¦ The plan holds no tasks' });
  for (const [name, resolution] of resolutions) {
    if (resolution !== 'collective') continue;
    const region = pack.units.find((entry) => entry.name === name)?.region ?? plan.region;
    if (!unitFitsPlan(region, plan.region)) problems.push({ where: 'units', message: `“${name}”不在本方案地区内 ¦ "${name}" lies outside the plan's region` });
    else if ((await listRegionChildren(db, region)).length === 0) {
      problems.push({ where: 'units', message: `“${name}”指下一级政府，但 ${region} 下没有行政区划 ¦ "${name}" means the governments below ${region}, which has no regions below it` });
    }
  }
  return problems;
}

/** The preview of a draft: every task with how its unit names resolve, the unknown names, and every problem. */
export async function previewImport(db: Kysely<Database>, actor: Actor, draft: ImportDraft): Promise<ImportPreview> {
  const [plan] = draft.pack.plans;
  if (!plan) throw unprocessable('file', { zh: '方案包中没有方案。', en: 'The pack holds no plan.' });
  const region = await loadRegion(db, plan.region, 'regionCode');
  if (!canImportPlan(actor, plan.region)) throw forbidden(refusal);
  const resolutions = await resolveNames(db, draft.pack, plan);
  const entries = new Map(draft.pack.units.map((entry) => [entry.name, entry]));
  const unknownNames = [...resolutions].filter(([, resolution]) => resolution === 'unknown').map(([name]) => name);
  const resolved = (name: string) => ({ name, resolution: resolutions.get(name) ?? ('unknown' as const) });
  const tasks = [...tasksWithSection(plan.sections)].map(({ task, section }) => ({
    number: task.number,
    section,
    text: task.text,
    lead: task.lead,
    units: task.units.map(resolved),
    due: task.due ?? null,
  }));
  return {
    plan: {
      key: plan.key,
      title: plan.title,
      docNumber: plan.docNumber,
      regionCode: plan.region,
      regionName: region.name,
      issuer: resolved(plan.issuer),
      start: plan.start,
      end: plan.end,
      leadRule: plan.leadRule,
      taskCount: tasks.length,
      targetCount: plan.targets.length,
    },
    tasks,
    unknownNames,
    proposedMapping: Object.fromEntries(
      unknownNames.flatMap((name) => {
        const proposal = proposedMapping(entries.get(name), plan.region);
        return proposal ? [[name, proposal]] : [];
      }),
    ),
    rowProblems: draft.rowProblems,
    packProblems: [...checkPlanPack(draft.pack), ...(await loadProblems(db, draft.pack, plan, resolutions))],
    pack: draft.rowProblems.length > 0 ? null : (draft.pack as unknown as Record<string, unknown>),
  };
}

/** The units directory of the plan: every name it uses, resolved or mapped; refuses what does not fit. */
async function buildDirectory(db: Kysely<Database>, pack: PlanPack, resolutions: Map<string, UnitResolution>, mapping: Record<string, UnitMapping>): Promise<PlanPack['units']> {
  const [plan] = pack.plans as [PackPlan];
  const units: PlanPack['units'] = [];
  for (const name of namesOf(plan)) {
    const mapped = mapping[name];
    const resolution = resolutions.get(name) ?? 'unknown';
    if (mapped && 'unitId' in mapped) {
      const unit = await unitInPlanRegion(db, mapped.unitId, plan.region);
      if (!unit) throw unprocessable(`mapping.${name}`, { zh: `“${name}”所选的单位不存在或不在本方案地区内。`, en: `The unit chosen for "${name}" does not exist or lies outside the plan's region.` });
      units.push({ name, region: unit.regionCode, unitId: unit.id });
    } else if (mapped && 'create' in mapped) {
      const { fullName, kind, regionCode } = mapped.create;
      if (!unitFitsPlan(regionCode, plan.region) || !(await regionExists(db, regionCode))) {
        throw unprocessable(`mapping.${name}.create.regionCode`, { zh: `“${name}”的新单位须在本方案地区内的已有行政区划。`, en: `The new unit for "${name}" must be in an existing region inside the plan's region.` });
      }
      units.push({ name, ...(fullName !== name && { fullName }), region: regionCode, kind });
    } else if (mapped || resolution === 'collective') {
      // A pack file may place a collective lower down (各乡镇 of one county); a table's are the plan region's.
      const region = pack.units.find((entry) => entry.name === name && entry.collective)?.region;
      units.push({ name, region: region && unitFitsPlan(region, plan.region) ? region : plan.region, collective: 'governments-below' });
    } else if (resolution !== 'unknown') {
      units.push({ name, region: resolution.regionCode, unitId: resolution.unitId });
    }
  }
  return units;
}

/** The units created and aliases added so far in this transaction by this actor at this time, from the audit trail. */
async function unitChanges(context: WriteContext) {
  const rows = await context.db
    .selectFrom('audit_log')
    .select(['action', 'after'])
    .where('at', '=', context.now)
    .where('actor_name', '=', context.actor.name)
    .where('action', 'in', ['org.unit.create', 'org.unit.alias.add'])
    .execute();
  const created = rows.filter((row) => row.action === 'org.unit.create');
  const aliasesOnCreate = created.reduce((sum, row) => sum + ((row.after as { aliases?: unknown[] } | null)?.aliases?.length ?? 0), 0);
  return { unitsCreated: created.length, aliasesAdded: rows.length - created.length + aliasesOnCreate };
}

/** The commit: a pack from the preview and a mapping for every unknown name. */
export interface CommitImportInput {
  /** The draft pack as the preview returned it (checked again here). */
  pack: unknown;
  /** For each name that resolves to nobody: an existing unit, a new unit, or a collective. */
  mapping: Record<string, UnitMapping>;
  /** Compute the counts, then roll everything back. */
  dryRun: boolean;
}

/** Imports one plan from a draft pack in the caller's transaction; refuses while any name is unmapped. */
export async function commitImport(context: WriteContext, actor: Actor, input: CommitImportInput): Promise<ImportCommitResult> {
  const pack = parseDraftPack(input.pack, 'pack');
  const [plan] = pack.plans as [PackPlan];
  await loadRegion(context.db, plan.region, 'pack.plans.0.region');
  if (!canImportPlan(actor, plan.region)) throw forbidden(refusal);
  if (await context.db.selectFrom('plan').select('id').where('key', '=', plan.key).executeTakeFirst()) {
    throw conflict('pack.plans.0.key', { zh: `此方案已导入（${plan.key}）。`, en: `This plan has been imported already (${plan.key}).` });
  }
  const resolutions = await resolveNames(context.db, pack, plan);
  const unmapped = [...resolutions].filter(([name, resolution]) => resolution === 'unknown' && !input.mapping[name]).map(([name]) => name);
  if (unmapped.length > 0) {
    const list = unmapped.slice(0, 10).join('、') + (unmapped.length > 10 ? ` 等 ${unmapped.length} 个` : '');
    throw unprocessable(`mapping.${unmapped[0]}`, {
      zh: `以下名称尚未对应到单位：${list}。请为每个名称选择已有单位或新建单位，名称不会被丢弃。`,
      en: `These names are not mapped to a unit yet: ${unmapped.slice(0, 10).join(', ')}. Choose an existing unit or create one for each; no name is dropped.`,
    });
  }
  const complete: PlanPack = { ...pack, units: await buildDirectory(context.db, pack, resolutions, input.mapping) };
  const problems = [...checkPlanPack(complete), ...(await loadProblems(context.db, complete, plan, await resolveNames(context.db, complete, plan)))];
  if (problems.length > 0) {
    const text = problems.slice(0, 3).map((problem) => `${problem.where}: ${pickLanguage(problem.message, 'en')}`).join('; ');
    throw unprocessable('pack', { zh: `方案包有误：${text}`, en: `The plan pack is inconsistent: ${text}` });
  }
  if (input.dryRun) await sql`savepoint plan_import_dry_run`.execute(context.db);
  const before = await unitChanges(context);
  const summary = await loadPlanPack(context, complete, plan.sources[0]?.document ?? 'import');
  const after = await unitChanges(context);
  const counts = {
    tasks: [...walkTasks(plan.sections)].length,
    targets: plan.targets.length,
    unitsCreated: summary.unitsCreated,
    aliasesAdded: after.aliasesAdded - before.aliasesAdded,
  };
  if (input.dryRun) {
    await sql`rollback to savepoint plan_import_dry_run`.execute(context.db);
    await sql`release savepoint plan_import_dry_run`.execute(context.db);
    return { planId: null, dryRun: true, counts };
  }
  const { id } = await context.db.selectFrom('plan').select('id').where('key', '=', plan.key).executeTakeFirstOrThrow();
  await recordAudit(context, {
    action: 'plans.plan.import',
    entityType: 'plan',
    entityId: id,
    regionCode: plan.region,
    after: { key: plan.key, title: plan.title, source: plan.sources[0]?.document ?? null, counts, mapped: Object.keys(input.mapping) },
  });
  return { planId: id, dryRun: false, counts };
}
