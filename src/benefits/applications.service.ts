/**
 * Applications for a policy: filed by an enterprise account for its own enterprise, or by a caseworker on a
 * beneficiary's behalf; decided at once by the rules engine from the registry's facts and the answers (the
 * snapshot and the trace are stored); evidence attached as files; submitted only when every required item of
 * evidence is there and the policy's decision is eligible. Review steps are in applications.review.ts.
 */
import type { Kysely } from 'kysely';
import type { CreateApplicationInput, UpdateApplicationInput } from '../contracts/benefits.contract.ts';
import type { Actor } from '../kernel/actor.ts';
import { forbidden, invalidInput, notFound, unprocessable } from '../kernel/errors.ts';
import { chinaDate } from '../kernel/periods.ts';
import { formatYuan } from '../kernel/money.ts';
import { storeUpload, type Upload } from '../files/index.ts';
import type { Policy } from '../rules/policy.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import type { Database } from '../store/tables.ts';
import { decideApplication, snapshotOf, type DecisionTrace } from './application-decision.ts';
import { nextState, type ApplicationState } from './application-states.ts';
import { canEditApplication, canFile, type ApplicationPlace } from './benefits.policy.ts';
import { findCataloguePolicy, policyVersion, type CataloguePack } from './catalogue.ts';
import { factsForEnterprise, factsForPerson, type RegistryFacts } from './registry-facts.ts';

/** An application row with what its policies read. */
export type ApplicationRow = Awaited<ReturnType<typeof loadApplicationRow>>;

/** Loads an application with its enterprise's unit (for enterprise accounts); undefined when there is none. */
export async function loadApplicationRow(db: Kysely<Database>, id: string, lock = false) {
  let query = db
    .selectFrom('benefit_application')
    .leftJoin('registry_enterprise', 'registry_enterprise.id', 'benefit_application.enterprise_id')
    .selectAll('benefit_application')
    .select('registry_enterprise.unit_id as enterprise_unit_id')
    .where('benefit_application.id', '=', id);
  if (lock) query = query.forUpdate('benefit_application');
  return query.executeTakeFirst();
}

/** What the policies read of a row. */
export function placeOf(row: NonNullable<ApplicationRow>): ApplicationPlace {
  return { regionCode: row.region_code, enterpriseUnitId: row.enterprise_unit_id, status: row.status, filedBy: row.filed_by, firstReviewerId: row.first_reviewer_id };
}

/** Loads an application the actor may see, or 404 (existence is not revealed). */
export async function loadReadable(db: Kysely<Database>, actor: Actor, id: string, check: (actor: Actor, place: ApplicationPlace) => boolean, lock = false) {
  const row = await loadApplicationRow(db, id, lock);
  if (!row || !check(actor, placeOf(row))) throw notFound({ zh: '申请', en: 'Application' });
  return row;
}

/** Who an application is for, and the registry's facts about them. */
export interface Beneficiary {
  kind: 'person' | 'enterprise';
  personId: string | null;
  enterpriseId: string | null;
  employmentId: string | null;
  enterpriseUnitId: string | null;
  found: RegistryFacts;
}

async function enterpriseOf(db: Kysely<Database>, enterpriseId: string) {
  return db.selectFrom('registry_enterprise').select(['id', 'unit_id', 'region_code', 'credit_code', 'name']).where('id', '=', enterpriseId).executeTakeFirst();
}

/** A registered person as the beneficiary of a person's policy, handled in the hukou region; null when not registered. */
export async function personBeneficiary(db: Kysely<Database>, personId: string, asOf: string, schemaId: string, employmentId?: string): Promise<Beneficiary | null> {
  const found = await factsForPerson(db, personId, asOf, schemaId, employmentId ? { employmentId } : {});
  if (!found) return null;
  return { kind: 'person', personId, enterpriseId: null, employmentId: employmentId ?? null, enterpriseUnitId: null, found };
}

/** Finds the beneficiary the policy asks for and the registry's facts about it. 404 for records the actor may not reach. */
async function beneficiaryFor(db: Kysely<Database>, actor: Actor, policy: Policy, schemaId: string, input: { personId?: string | undefined; enterpriseId?: string | undefined; employmentId?: string | undefined }, asOf: string): Promise<Beneficiary> {
  const missing = (field: string) => invalidInput(field, { zh: `此政策须指明${field === 'personId' ? '人员' : '企业'}（${field}）。`, en: `This policy needs ${field}.` });
  const hidden = (what: 'person' | 'enterprise') => notFound(what === 'person' ? { zh: '人员', en: 'Person' } : { zh: '企业', en: 'Enterprise' });
  if (policy.beneficiary === 'person' || policy.beneficiary === 'household') {
    if (!input.personId) throw missing('personId');
    const beneficiary = await personBeneficiary(db, input.personId, asOf, schemaId, input.employmentId);
    if (!beneficiary) throw hidden('person');
    const { found } = beneficiary;
    // A person is followed where registered and where living: the application belongs to the filer's side.
    const region = canFile(actor, found.regionCode, null) ? found.regionCode : found.currentRegionCode !== null && canFile(actor, found.currentRegionCode, null) ? found.currentRegionCode : null;
    if (region === null) throw hidden('person');
    return { ...beneficiary, found: { ...found, regionCode: region } };
  }
  if (!input.enterpriseId) throw missing('enterpriseId');
  const enterprise = await enterpriseOf(db, input.enterpriseId);
  if (!enterprise || !canFile(actor, enterprise.region_code, enterprise.unit_id)) throw hidden('enterprise');
  if (policy.beneficiary === 'enterprise') {
    const found = await factsForEnterprise(db, enterprise.id, asOf, schemaId);
    if (!found) throw hidden('enterprise');
    return { kind: 'enterprise', personId: null, enterpriseId: enterprise.id, employmentId: null, enterpriseUnitId: enterprise.unit_id, found };
  }
  // A hire (or an agency's placement): the enterprise is paid for a person it employs; the facts are the hire's.
  if (!input.personId) throw missing('personId');
  const spell = await db
    .selectFrom('registry_employment')
    .select('id')
    .where('person_id', '=', input.personId)
    .where('enterprise_id', '=', enterprise.id)
    .$if(input.employmentId !== undefined, (query) => query.where('id', '=', input.employmentId as string))
    .where('start_date', '<=', asOf)
    .orderBy('start_date', 'desc')
    .executeTakeFirst();
  if (!spell) throw unprocessable('personId', { zh: '登记信息中此人员在该企业没有就业记录。', en: 'The registry holds no employment of this person at this enterprise.' });
  const hire = await factsForPerson(db, input.personId, asOf, schemaId, { employmentId: spell.id });
  if (!hire) throw hidden('person');
  return {
    kind: 'enterprise',
    personId: input.personId,
    enterpriseId: enterprise.id,
    employmentId: spell.id,
    enterpriseUnitId: enterprise.unit_id,
    found: { facts: hire.facts, idNumber: enterprise.credit_code, name: enterprise.name, regionCode: enterprise.region_code, currentRegionCode: null },
  };
}

function decisionColumns(decision: ReturnType<typeof decideApplication>) {
  return {
    facts: JSON.stringify(decision.snapshot),
    outcome: JSON.stringify(decision.trace),
    outcome_status: decision.trace.status,
    amount_fen: decision.trace.status === 'eligible' ? decision.trace.amountFen : null,
    grant_key: decision.grantKey,
    period_key: decision.periodKey,
  };
}

/** Files a draft application: the beneficiary's registry facts and the answers, decided by the current rules. */
export async function createApplication(context: WriteContext, actor: Actor, input: CreateApplicationInput): Promise<string> {
  const { entry, policy } = await findCataloguePolicy(context.db, input.packId, input.policyId);
  const asOf = input.asOf ?? chinaDate(context.now);
  const beneficiary = await beneficiaryFor(context.db, actor, policy, entry.pack.schema.id, input, asOf);
  return insertApplication(context, { entry, policy, beneficiary, input, asOf, filedBy: actor.userId });
}

/** What a new application is made of: the policy in its catalogue entry, the beneficiary, the filer's input. */
export interface NewApplication {
  entry: CataloguePack;
  policy: Policy;
  beneficiary: Beneficiary;
  input: Pick<CreateApplicationInput, 'answers' | 'bankName' | 'bankAccount' | 'accountHolder'>;
  asOf: string;
  /** the signed-in filer; null when the beneficiary filed it online without an account */
  filedBy: string | null;
}

/** Decides and stores a draft application with its first step and audit record; returns its id. */
export async function insertApplication(context: WriteContext, application: NewApplication): Promise<string> {
  const { entry, policy, beneficiary, input, asOf, filedBy } = application;
  const snapshot = snapshotOf(entry.pack, beneficiary.found.facts, input.answers);
  const decision = decideApplication({ pack: entry.pack, versionId: entry.versionId, policy, snapshot, asOf, beneficiaryIdNumber: beneficiary.found.idNumber });
  const row = await context.db
    .insertInto('benefit_application')
    .values({
      policy_version_id: entry.versionId,
      pack_id: entry.packId,
      policy_id: policy.id,
      beneficiary_kind: beneficiary.kind,
      person_id: beneficiary.personId,
      enterprise_id: beneficiary.enterpriseId,
      employment_id: beneficiary.employmentId,
      beneficiary_id_number: beneficiary.found.idNumber,
      beneficiary_name: beneficiary.found.name,
      region_code: beneficiary.found.regionCode,
      as_of: asOf,
      answers: JSON.stringify(input.answers),
      ...decisionColumns(decision),
      bank_name: input.bankName ?? null,
      bank_account: input.bankAccount ?? null,
      account_holder: input.accountHolder ?? null,
      status: 'draft',
      filed_by: filedBy,
      created_at: context.now,
      updated_at: context.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await context.db.insertInto('benefit_application_event').values({ application_id: row.id, from_status: null, to_status: 'draft', actor_id: filedBy, note: null, at: context.now }).execute();
  await recordAudit(context, {
    action: 'benefits.application.create',
    entityType: 'benefit_application',
    entityId: row.id,
    regionCode: beneficiary.found.regionCode,
    after: { packId: entry.packId, policyId: policy.id, ruleVersionId: entry.versionId, outcome: decision.trace.status, amountFen: decision.trace.amountFen },
  });
  return row.id;
}

/** Changes a draft's answers, date or bank details and decides it again with the rule version it was filed under. */
export async function updateApplication(context: WriteContext, actor: Actor, id: string, input: UpdateApplicationInput): Promise<void> {
  const row = await loadReadable(context.db, actor, id, canEditApplication, true);
  const { pack } = await policyVersion(context.db, row.policy_version_id);
  const policy = pack.policies.find((candidate) => candidate.id === row.policy_id) as Policy;
  const asOf = input.asOf ?? row.as_of;
  const answers = (input.answers ?? row.answers) as Record<string, unknown>;
  const beneficiary = await beneficiaryFor(context.db, actor, policy, pack.schema.id, { personId: row.person_id ?? undefined, enterpriseId: row.enterprise_id ?? undefined, employmentId: row.employment_id ?? undefined }, asOf);
  const snapshot = snapshotOf(pack, beneficiary.found.facts, answers);
  const decision = decideApplication({ pack, versionId: row.policy_version_id, policy, snapshot, asOf, beneficiaryIdNumber: row.beneficiary_id_number });
  await context.db
    .updateTable('benefit_application')
    .set({
      as_of: asOf,
      answers: JSON.stringify(answers),
      ...decisionColumns(decision),
      ...(input.bankName !== undefined ? { bank_name: input.bankName } : {}),
      ...(input.bankAccount !== undefined ? { bank_account: input.bankAccount } : {}),
      ...(input.accountHolder !== undefined ? { account_holder: input.accountHolder } : {}),
      updated_at: context.now,
    })
    .where('id', '=', id)
    .execute();
  await recordAudit(context, { action: 'benefits.application.update', entityType: 'benefit_application', entityId: id, regionCode: row.region_code, before: { outcome: row.outcome_status, amountFen: row.amount_fen }, after: { outcome: decision.trace.status, amountFen: decision.trace.amountFen } });
}

/** Stores a file as one item of the draft's evidence; the item must be one the policy lists. */
export async function attachEvidence(context: WriteContext, actor: Actor, id: string, evidenceId: string, upload: Upload): Promise<string> {
  const row = await loadReadable(context.db, actor, id, canEditApplication);
  return attachEvidenceTo(context, row, evidenceId, upload);
}

/** Stores a file as evidence of a loaded application the caller may edit (checked by the caller). */
export async function attachEvidenceTo(context: WriteContext, row: NonNullable<ApplicationRow>, evidenceId: string, upload: Upload): Promise<string> {
  const id = row.id;
  const { pack } = await policyVersion(context.db, row.policy_version_id);
  const policy = pack.policies.find((candidate) => candidate.id === row.policy_id) as Policy;
  if (!policy.evidence.some((item) => item.id === evidenceId)) {
    throw invalidInput('evidenceId', { zh: `此政策的申请材料中没有「${evidenceId}」。`, en: `The policy asks for no evidence called "${evidenceId}".` });
  }
  const fileId = await storeUpload(context, upload, { regionCode: row.region_code });
  await context.db.insertInto('benefit_application_evidence').values({ application_id: id, evidence_id: evidenceId, file_id: fileId, added_at: context.now }).execute();
  await recordAudit(context, { action: 'benefits.application.evidence', entityType: 'benefit_application', entityId: id, regionCode: row.region_code, after: { evidenceId, fileId, fileName: upload.fileName } });
  return fileId;
}

/** Submits a draft (受理): refused unless the decision is eligible, and, naming the item, while required evidence is missing. */
export async function submitApplication(context: WriteContext, actor: Actor, id: string): Promise<void> {
  const row = await loadReadable(context.db, actor, id, (who, place) => canFile(who, place.regionCode, place.enterpriseUnitId), true);
  nextState(row.status as ApplicationState, 'submit');
  if (!canEditApplication(actor, placeOf(row))) throw forbidden();
  await submitRow(context, row, actor.userId);
}

/** Submits a loaded, locked draft the caller may edit (checked by the caller); `actorId` null for the beneficiary online. */
export async function submitRow(context: WriteContext, row: NonNullable<ApplicationRow>, actorId: string | null): Promise<void> {
  const id = row.id;
  const to = nextState(row.status as ApplicationState, 'submit');
  // Eligibility first: documents are asked for only once the policy can be granted.
  refuseUnlessEligible(row.outcome as DecisionTrace);
  const { pack } = await policyVersion(context.db, row.policy_version_id);
  const policy = pack.policies.find((candidate) => candidate.id === row.policy_id) as Policy;
  const given = new Set((await context.db.selectFrom('benefit_application_evidence').select('evidence_id').where('application_id', '=', id).execute()).map((item) => item.evidence_id));
  const missing = policy.evidence.filter((item) => !item.optional && !given.has(item.id));
  const first = missing[0];
  if (first) {
    throw unprocessable(`evidence.${first.id}`, {
      zh: `缺少申请材料：${missing.map((item) => item.text.zh).join('、')}，补齐后才能提交。`,
      en: `Evidence missing: ${missing.map((item) => item.text.en).join('; ')}. Add it before submitting.`,
    });
  }
  await moveApplication(context, row, to, actorId, null, { submitted_at: context.now });
}

/** Refuses an application whose decision is not eligible, saying why (the failing condition, or what to answer). */
export function refuseUnlessEligible(trace: DecisionTrace): void {
  if (trace.status === 'eligible') return;
  if (trace.status === 'undetermined') {
    const questions = trace.questions ?? [];
    throw unprocessable(questions[0]?.fact ? `answers.${questions[0].fact}` : 'answers', {
      zh: `尚不能确定是否符合条件，请补充：${questions.map((question) => question.text.zh).join('；')}`,
      en: `Eligibility cannot be settled yet; answer: ${questions.map((question) => question.text.en).join('; ')}`,
    });
  }
  const reason = trace.reason ?? { zh: '不符合政策条件', en: 'not eligible' };
  throw unprocessable('policyId', { zh: `不符合条件：${reason.zh}`, en: `Not eligible: ${reason.en}` });
}

/** Writes a state change, its review step and its audit record. */
export async function moveApplication(
  context: WriteContext,
  row: NonNullable<ApplicationRow>,
  to: ApplicationState,
  actorId: string | null,
  note: string | null,
  extra: Partial<{ submitted_at: Date; decided_at: Date; first_reviewer_id: string; final_reviewer_id: string; decision_reason: string }> = {},
): Promise<void> {
  await context.db.updateTable('benefit_application').set({ status: to, updated_at: context.now, ...extra }).where('id', '=', row.id).execute();
  await context.db.insertInto('benefit_application_event').values({ application_id: row.id, from_status: row.status, to_status: to, actor_id: actorId, note, at: context.now }).execute();
  await recordAudit(context, {
    action: `benefits.application.${to}`,
    entityType: 'benefit_application',
    entityId: row.id,
    regionCode: row.region_code,
    before: { status: row.status },
    after: { status: to, note, amount: row.amount_fen === null ? null : formatYuan(row.amount_fen) },
  });
}
