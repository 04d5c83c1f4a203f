/**
 * The policy catalogue: the policy packs in packs/policies/, read and type-checked with the rules engine, each
 * version recorded once in `benefit_policy_version` (keyed by the SHA-256 of its parsed document) so that every
 * application, grant and run names the exact rules it used. A pack changed on disk becomes a new version at
 * the next start; the old version stays readable for the decisions that used it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { notFound } from '../kernel/errors.ts';
import { readPackDocument, type Pack } from '../rules/pack.ts';
import { parseYamlText } from '../rules/pack-yaml.ts';
import type { Policy } from '../rules/policy.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import type { Database } from '../store/tables.ts';

const policyPacksDir = new URL('../../packs/policies/', import.meta.url);

/** One recorded version of a policy pack, read and checked. */
export interface CataloguePack {
  /** benefit_policy_version.id: the rule version a decision names */
  versionId: string;
  packId: string;
  version: string;
  sha256: string;
  loadedAt: Date;
  pack: Pack;
}

/** Parsed packs by content hash: a version never changes, so reading it once is enough. */
const parsedByHash = new Map<string, Pack>();

/** The SHA-256 of a parsed pack document, as the key of its version. */
export function packDocumentHash(document: unknown): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('hex');
}

function parsedPack(sha256: string, document: unknown, name: string): Pack {
  let pack = parsedByHash.get(sha256);
  if (!pack) {
    pack = readPackDocument(document, name);
    parsedByHash.set(sha256, pack);
  }
  return pack;
}

/**
 * Records one pack document as a version, if this exact content is not recorded yet; returns the version id.
 * The document is checked with the rules engine first, so a pack that does not type-check is never recorded.
 */
export async function recordPolicyPack(context: WriteContext, document: unknown, name: string): Promise<{ versionId: string; created: boolean }> {
  const sha256 = packDocumentHash(document);
  const pack = parsedPack(sha256, document, name);
  const existing = await context.db
    .selectFrom('benefit_policy_version')
    .select('id')
    .where('pack_id', '=', pack.id)
    .where('content_sha256', '=', sha256)
    .executeTakeFirst();
  if (existing) return { versionId: existing.id, created: false };
  const row = await context.db
    .insertInto('benefit_policy_version')
    .values({ pack_id: pack.id, version: pack.version, content_sha256: sha256, document: JSON.stringify(document), loaded_at: context.now })
    .onConflict((conflict) => conflict.columns(['pack_id', 'content_sha256']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    // Another server recorded the same content a moment ago.
    const again = await context.db.selectFrom('benefit_policy_version').select('id').where('pack_id', '=', pack.id).where('content_sha256', '=', sha256).executeTakeFirstOrThrow();
    return { versionId: again.id, created: false };
  }
  await recordAudit(context, {
    action: 'benefits.policy_version.load',
    entityType: 'benefit_policy_version',
    entityId: row.id,
    regionCode: null,
    after: { packId: pack.id, version: pack.version, sha256, source: name, policies: pack.policies.map((policy) => policy.id) },
  });
  return { versionId: row.id, created: true };
}

/** Loads every pack in packs/policies/ (at first start and every start): new content becomes a new version. */
export async function loadPolicyPacks(context: WriteContext): Promise<{ versionsCreated: string[] }> {
  const files = readdirSync(policyPacksDir).filter((file) => /\.(ya?ml|json)$/.test(file)).sort();
  const versionsCreated: string[] = [];
  for (const file of files) {
    const name = `packs/policies/${file}`;
    const document = parseYamlText(readFileSync(new URL(file, policyPacksDir), 'utf8'), name);
    const { created } = await recordPolicyPack(context, document, name);
    if (created) versionsCreated.push(`${(document as { pack?: string }).pack ?? file}@${file}`);
  }
  return { versionsCreated };
}

type VersionRow = { id: string; pack_id: string; version: string; content_sha256: string; document: unknown; loaded_at: Date };

function present(row: VersionRow): CataloguePack {
  const document = typeof row.document === 'string' ? (JSON.parse(row.document) as unknown) : row.document;
  return {
    versionId: row.id,
    packId: row.pack_id,
    version: row.version,
    sha256: row.content_sha256,
    loadedAt: row.loaded_at,
    pack: parsedPack(row.content_sha256, document, `benefit_policy_version ${row.id}`),
  };
}

/** The current catalogue: for each pack, its most recently loaded version, parsed (cached by content hash). */
export async function policyCatalogue(db: Kysely<Database>): Promise<CataloguePack[]> {
  // Every match and facts lookup asks for the catalogue: read the (large) documents only for versions not
  // parsed yet, so a warm call is one small query.
  const rows = await db
    .selectFrom('benefit_policy_version')
    .select(['id', 'pack_id', 'version', 'content_sha256', 'loaded_at'])
    .distinctOn('pack_id')
    .orderBy('pack_id')
    .orderBy('loaded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const unparsed = rows.filter((row) => !parsedByHash.has(row.content_sha256)).map((row) => row.id);
  const documents = unparsed.length
    ? new Map((await db.selectFrom('benefit_policy_version').select(['id', 'document']).where('id', 'in', unparsed).execute()).map((row) => [row.id, row.document]))
    : new Map<string, unknown>();
  return rows.map((row) => present({ ...row, document: documents.get(row.id) ?? null }));
}

/** Versions by id: a recorded version never changes, so lists and exports need not read it again. */
const versionsById = new Map<string, CataloguePack>();

/** One recorded version by its id, parsed; 404 when there is none. */
export async function policyVersion(db: Kysely<Database>, id: string): Promise<CataloguePack> {
  const cached = versionsById.get(id);
  if (cached) return cached;
  const row = await db
    .selectFrom('benefit_policy_version')
    .select(['id', 'pack_id', 'version', 'content_sha256', 'document', 'loaded_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound({ zh: '政策版本', en: 'Policy version' });
  const entry = present(row);
  versionsById.set(id, entry);
  return entry;
}

/** A policy of the current catalogue by pack and policy id, with the pack version it belongs to; 404 when unknown. */
export async function findCataloguePolicy(db: Kysely<Database>, packId: string, policyId: string): Promise<{ entry: CataloguePack; policy: Policy }> {
  const entry = (await policyCatalogue(db)).find((candidate) => candidate.packId === packId);
  const policy = entry?.pack.policies.find((candidate) => candidate.id === policyId);
  if (!entry || !policy) throw notFound({ zh: '政策', en: 'Policy' });
  return { entry, policy };
}
