/**
 * Applying online without an account (个人网上申请). A person the registry holds applies for a person's policy
 * with their resident ID, the name the registry holds for it and a phone. Nothing is shown or filed for an ID
 * and name that do not match, and the refusal is the same whether the ID is unknown or the name is wrong, so the
 * form cannot be used to find out who is registered. The application is an ordinary one, filed by nobody
 * (`filed_by` null) and handled in the hukou region; the secret returned once lets the same browser add
 * evidence and submit; afterwards the applicant follows it by reference and resident ID, as at a counter.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OnlineApplicationInput } from '../../contracts/online-application.contract.ts';
import { notFound, unprocessable } from '../../kernel/errors.ts';
import { maskPersonName } from '../../kernel/masking.ts';
import { chinaDate } from '../../kernel/periods.ts';
import type { Upload } from '../../files/index.ts';
import type { RawFacts } from '../../rules/facts.ts';
import type { Policy } from '../../rules/policy.ts';
import type { FactsSchema } from '../../rules/types.ts';
import type { WriteContext } from '../../store/audit.ts';
import type { Database } from '../../store/tables.ts';
import type { DecisionTrace } from '../application-decision.ts';
import { stateNames, type ApplicationState } from '../application-states.ts';
import { attachEvidenceTo, insertApplication, loadApplicationRow, personBeneficiary, submitRow } from '../applications.service.ts';
import { findCataloguePolicy, policyVersion } from '../catalogue.ts';

const words = { application: { zh: '申请', en: 'Application' } };
const referenceAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function newReference(): string {
  let reference = 'WB';
  for (let index = 0; index < 10; index++) reference += referenceAlphabet[randomInt(referenceAlphabet.length)];
  return reference;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The registered person with this resident ID and name; one refusal for both a wrong ID and a wrong name. */
async function registeredPerson(db: Kysely<Database>, residentId: string, name: string) {
  const person = await db.selectFrom('registry_person').select(['id', 'name']).where('resident_id', '=', residentId).executeTakeFirst();
  if (!person || person.name.trim() !== name.trim()) {
    throw unprocessable('residentId', {
      zh: '身份证号码与姓名不匹配，或尚未在登记信息中。请核对，或到户籍所在地乡镇（街道）办理登记后再申请。',
      en: 'The resident ID and name do not match a registered person. Check them, or register at the township (street) office of your hukou first.',
    });
  }
  return person.id;
}

/**
 * The answers an online applicant may give: facts of this pack that the registry does not hold. The matching
 * page asks the questions of every pack, so answers to other packs' facts are left out; and what the registry
 * holds (groups such as 建档立卡贫困, the hire's dates) stands — only a caseworker may correct it.
 */
export function answersToFill<Answers extends RawFacts>(schema: FactsSchema, registry: RawFacts, answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([path]) => schema.facts.has(path) && !(path in registry))) as Answers;
}

/** Files an online application for a person's policy; returns the reference and the secret (shown once). */
export async function fileOnline(context: WriteContext, input: OnlineApplicationInput): Promise<{ applicationId: string; reference: string; secret: string }> {
  const { entry, policy } = await findCataloguePolicy(context.db, input.packId, input.policyId);
  if (policy.beneficiary !== 'person' && policy.beneficiary !== 'household') {
    throw unprocessable('policyId', {
      zh: '此政策由企业或机构申请，请使用单位账号登录后申请。',
      en: 'An enterprise or agency applies for this policy, signed in with its account.',
    });
  }
  const personId = await registeredPerson(context.db, input.residentId, input.name);
  const asOf = chinaDate(context.now);
  const beneficiary = await personBeneficiary(context.db, personId, asOf, entry.pack.schema.id);
  if (!beneficiary) throw notFound(words.application);
  const answers = answersToFill(entry.pack.schema, beneficiary.found.facts, input.answers);
  const applicationId = await insertApplication(context, { entry, policy, beneficiary, input: { ...input, answers }, asOf, filedBy: null });
  const secret = randomBytes(24).toString('base64url');
  const reference = newReference();
  await context.db
    .insertInto('benefit_online_filing')
    .values({ application_id: applicationId, reference, secret_sha256: sha256(secret), phone: input.phone, filed_at: context.now })
    .execute();
  return { applicationId, reference, secret };
}

/** The filing of a reference, or 404 (the same for an unknown reference and a wrong key). */
async function filingOf(db: Kysely<Database>, reference: string) {
  return db.selectFrom('benefit_online_filing').selectAll().where('reference', '=', reference).executeTakeFirst();
}

/** The application of a reference whose secret matches, locked; 404 otherwise. */
async function ownedApplication(db: Kysely<Database>, reference: string, secret: string) {
  const filing = await filingOf(db, reference);
  const given = Buffer.from(sha256(secret), 'hex');
  if (!filing || !timingSafeEqual(given, Buffer.from(filing.secret_sha256, 'hex'))) throw notFound(words.application);
  const row = await loadApplicationRow(db, filing.application_id, true);
  if (!row) throw notFound(words.application);
  return row;
}

/** Adds one item of evidence to the applicant's draft. */
export async function attachOnlineEvidence(context: WriteContext, reference: string, secret: string, evidenceId: string, upload: Upload): Promise<void> {
  const row = await ownedApplication(context.db, reference, secret);
  if (row.status !== 'draft') {
    throw unprocessable('status', { zh: '申请已提交，不能再补充材料；如需补充请联系经办人员。', en: 'The application has been submitted; to add evidence, contact the caseworker.' });
  }
  await attachEvidenceTo(context, row, evidenceId, upload);
}

/** Submits the applicant's draft: refused while it is not eligible or required evidence is missing. */
export async function submitOnline(context: WriteContext, reference: string, secret: string): Promise<void> {
  const row = await ownedApplication(context.db, reference, secret);
  await submitRow(context, row, null);
}

/** The application of a reference, after checking the secret (the filing browser) or the resident ID (later). */
export async function onlineApplication(db: Kysely<Database>, reference: string, key: { secret: string } | { residentId: string }) {
  const filing = await filingOf(db, reference);
  const row = filing ? await loadApplicationRow(db, filing.application_id) : undefined;
  const matches = (): boolean => {
    if (!filing || !row) return false;
    if ('secret' in key) return timingSafeEqual(Buffer.from(sha256(key.secret), 'hex'), Buffer.from(filing.secret_sha256, 'hex'));
    return row.beneficiary_id_number === key.residentId;
  };
  if (!filing || !row || !matches()) throw notFound(words.application);
  const { pack } = await policyVersion(db, row.policy_version_id);
  const policy = pack.policies.find((candidate) => candidate.id === row.policy_id) as Policy;
  const given = await db.selectFrom('benefit_application_evidence').select('evidence_id').where('application_id', '=', row.id).execute();
  const events = await db.selectFrom('benefit_application_event').select(['to_status', 'at']).where('application_id', '=', row.id).orderBy('at').orderBy('sequence').execute();
  const trace = row.outcome as unknown as DecisionTrace;
  return {
    reference: filing.reference,
    policyName: policy.name,
    beneficiaryName: maskPersonName(row.beneficiary_name),
    status: row.status,
    statusName: stateNames[row.status as ApplicationState],
    outcomeStatus: row.outcome_status,
    amountFen: row.outcome_status === 'eligible' ? row.amount_fen : null,
    reason: row.outcome_status === 'eligible' ? null : (trace.reason ?? null),
    questions: (trace.questions ?? []).map((question) => ({ ...(question.fact !== undefined && { fact: question.fact }), text: question.text })),
    evidence: policy.evidence.map((item) => ({ id: item.id, text: item.text, optional: item.optional, given: given.filter((file) => file.evidence_id === item.id).length })),
    steps: events.map((event) => ({ status: event.to_status, statusName: stateNames[event.to_status as ApplicationState], at: new Date(event.at).toISOString() })),
    decisionReason: row.status === 'rejected' ? row.decision_reason : null,
    filedAt: new Date(filing.filed_at).toISOString(),
  };
}

/** The caseworker's view of how an application was filed online: its reference and the applicant's phone. */
export async function onlineFilingOf(db: Kysely<Database>, applicationId: string): Promise<{ reference: string; phone: string } | null> {
  const filing = await db.selectFrom('benefit_online_filing').select(['reference', 'phone']).where('application_id', '=', applicationId).executeTakeFirst();
  return filing ?? null;
}
