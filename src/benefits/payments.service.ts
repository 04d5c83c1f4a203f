/**
 * Payment batches: grants gathered into a batch (from approved applications, or approved batch-run items through
 * `addToPaymentBatch`), submitted for review, approved by a coordinator other than the submitter, exported as a
 * spreadsheet for the bank, then each item recorded as paid (date and reference) and, when money must come back,
 * clawed back with a reason (never more than was paid). A grant is in at most one batch.
 */
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../kernel/actor.ts';
import { regionWithin } from '../kernel/actor.ts';
import { conflict, forbidden, invalidInput, notFound, unprocessable } from '../kernel/errors.ts';
import { escapeLike } from '../kernel/like-pattern.ts';
import { formatYuan } from '../kernel/money.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';
import type { Database } from '../store/tables.ts';
import { canApproveBatch, canPrepareBatch, canReadBatch, canRecordPayment, readablePrefixes } from './benefits.policy.ts';

/** A grant to add to a batch. */
export interface PaymentBatchItem {
  grantId: string;
}

async function loadBatch(db: Kysely<Database>, actor: Actor, id: string, lock = false) {
  let query = db.selectFrom('benefit_payment_batch').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const batch = await query.executeTakeFirst();
  if (!batch || !canReadBatch(actor, batch.region_code)) throw notFound({ zh: '支付批次', en: 'Payment batch' });
  return batch;
}

function refuseState(status: string, wanted: string, zh: string, en: string): void {
  if (status !== wanted) throw conflict('status', { zh: `支付批次当前为「${status}」，${zh}`, en: `The payment batch is ${status}; ${en}` });
}

/** Creates a draft batch for a region, with the grants of the given approved applications. */
export async function createPaymentBatch(context: WriteContext, actor: Actor, input: { title: string; regionCode: string; applicationIds: string[] }): Promise<string> {
  if (!canPrepareBatch(actor, input.regionCode)) throw forbidden();
  const batch = await context.db
    .insertInto('benefit_payment_batch')
    .values({ title: input.title, region_code: input.regionCode, status: 'draft', created_by: context.actor.id, created_at: context.now, updated_at: context.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(context, { action: 'benefits.payment_batch.create', entityType: 'benefit_payment_batch', entityId: batch.id, regionCode: input.regionCode, after: { title: input.title } });
  if (input.applicationIds.length) {
    const grants = await context.db.selectFrom('benefit_grant').select(['id', 'application_id']).where('application_id', 'in', input.applicationIds).execute();
    const missing = input.applicationIds.findIndex((id) => !grants.some((grant) => grant.application_id === id));
    if (missing >= 0) {
      throw unprocessable(`applicationIds[${missing}]`, { zh: '该申请不存在或尚未批准。', en: 'The application does not exist or is not approved.' });
    }
    await addToPaymentBatch(context, batch.id, grants.map((grant) => ({ grantId: grant.id })));
  }
  return batch.id;
}

/**
 * Adds grants (from approved applications or approved batch-run items) to a draft batch. The caller has
 * authorized the change; each grant must lie in the batch's region and be in no other batch (409 naming it).
 */
export async function addToPaymentBatch(context: WriteContext, batchId: string, items: readonly PaymentBatchItem[]): Promise<number> {
  const batch = await context.db.selectFrom('benefit_payment_batch').select(['id', 'status', 'region_code']).where('id', '=', batchId).forUpdate().executeTakeFirst();
  if (!batch) throw notFound({ zh: '支付批次', en: 'Payment batch' });
  refuseState(batch.status, 'draft', '只有草稿批次可以增加明细。', 'only a draft batch takes new items.');
  if (items.length === 0) return 0;
  const grants = await context.db.selectFrom('benefit_grant').select(['id', 'amount_fen', 'region_code']).where('id', 'in', items.map((item) => item.grantId)).execute();
  for (const [index, item] of items.entries()) {
    const grant = grants.find((candidate) => candidate.id === item.grantId);
    if (!grant || !regionWithin(grant.region_code, batch.region_code)) {
      throw unprocessable(`items[${index}].grantId`, { zh: '该待遇不存在，或不在本批次的地区内。', en: 'The grant does not exist or lies outside the batch’s region.' });
    }
  }
  const inserted = await context.db
    .insertInto('benefit_payment_item')
    .values(grants.map((grant) => ({ batch_id: batchId, grant_id: grant.id, amount_fen: grant.amount_fen, created_at: context.now })))
    .onConflict((onConflict) => onConflict.column('grant_id').doNothing())
    .returning('grant_id')
    .execute();
  if (inserted.length < grants.length) {
    const taken = grants.find((grant) => !inserted.some((row) => row.grant_id === grant.id));
    throw conflict('grantId', { zh: `待遇 ${taken?.id} 已在另一个支付批次中，不能重复支付。`, en: `Grant ${taken?.id} is already in another payment batch; it cannot be paid twice.` });
  }
  await recordAudit(context, { action: 'benefits.payment_batch.add', entityType: 'benefit_payment_batch', entityId: batchId, regionCode: batch.region_code, after: { grantIds: grants.map((grant) => grant.id) } });
  return inserted.length;
}

/** Submits a draft batch for approval. */
export async function submitPaymentBatch(context: WriteContext, actor: Actor, id: string): Promise<void> {
  const batch = await loadBatch(context.db, actor, id, true);
  refuseState(batch.status, 'draft', '只有草稿批次可以提交。', 'only a draft batch can be submitted.');
  if (!canPrepareBatch(actor, batch.region_code)) throw forbidden();
  const { count } = await context.db.selectFrom('benefit_payment_item').select(sql<number>`count(*)::int`.as('count')).where('batch_id', '=', id).executeTakeFirstOrThrow();
  if (Number(count) === 0) throw unprocessable('items', { zh: '批次中没有明细，不能提交。', en: 'The batch has no items to submit.' });
  await context.db.updateTable('benefit_payment_batch').set({ status: 'submitted', submitted_by: actor.userId, updated_at: context.now }).where('id', '=', id).execute();
  await recordAudit(context, { action: 'benefits.payment_batch.submit', entityType: 'benefit_payment_batch', entityId: id, regionCode: batch.region_code, before: { status: 'draft' }, after: { status: 'submitted' } });
}

/** Approves a submitted batch (a coordinator other than the submitter). */
export async function approvePaymentBatch(context: WriteContext, actor: Actor, id: string): Promise<void> {
  const batch = await loadBatch(context.db, actor, id, true);
  refuseState(batch.status, 'submitted', '只有已提交的批次可以批准。', 'only a submitted batch can be approved.');
  if (!canApproveBatch(actor, { regionCode: batch.region_code, submittedBy: batch.submitted_by })) throw forbidden();
  await context.db.updateTable('benefit_payment_batch').set({ status: 'approved', approved_by: actor.userId, approved_at: context.now, updated_at: context.now }).where('id', '=', id).execute();
  await recordAudit(context, { action: 'benefits.payment_batch.approve', entityType: 'benefit_payment_batch', entityId: id, regionCode: batch.region_code, before: { status: 'submitted' }, after: { status: 'approved' } });
}

async function loadItem(context: WriteContext, actor: Actor, batchId: string, itemId: string) {
  const batch = await loadBatch(context.db, actor, batchId);
  if (!canRecordPayment(actor, batch.region_code)) throw forbidden();
  refuseState(batch.status, 'approved', '只有已批准的批次可以登记支付。', 'payments are recorded only on an approved batch.');
  const item = await context.db.selectFrom('benefit_payment_item').selectAll().where('id', '=', itemId).where('batch_id', '=', batchId).forUpdate().executeTakeFirst();
  if (!item) throw notFound({ zh: '支付明细', en: 'Payment item' });
  return { batch, item };
}

/** Records one item as paid: date, bank reference and the amount (the item's by default, never more). */
export async function recordPayment(context: WriteContext, actor: Actor, batchId: string, itemId: string, input: { paidOn: string; reference: string; amountFen?: number | undefined }): Promise<void> {
  const { batch, item } = await loadItem(context, actor, batchId, itemId);
  if (item.paid_on !== null) throw conflict('itemId', { zh: '该明细已登记支付。', en: 'This item is already recorded as paid.' });
  const amount = input.amountFen ?? item.amount_fen;
  if (amount > item.amount_fen) throw invalidInput('amountFen', { zh: '支付金额不能超过应付金额。', en: 'The amount paid may not exceed the amount due.' });
  await context.db.updateTable('benefit_payment_item').set({ paid_on: input.paidOn, paid_amount_fen: amount, payment_reference: input.reference }).where('id', '=', itemId).execute();
  await recordAudit(context, { action: 'benefits.payment.paid', entityType: 'benefit_payment_item', entityId: itemId, regionCode: batch.region_code, after: { paidOn: input.paidOn, amountFen: amount, reference: input.reference } });
}

/** Claws back part or all of a paid item, with the reason; the total taken back never exceeds what was paid. */
export async function recordClawback(context: WriteContext, actor: Actor, batchId: string, itemId: string, input: { amountFen: number; reason: string }): Promise<string> {
  const { batch, item } = await loadItem(context, actor, batchId, itemId);
  if (item.paid_on === null || item.paid_amount_fen === null) throw conflict('itemId', { zh: '该明细尚未支付，不能追回。', en: 'This item has not been paid; nothing can be clawed back.' });
  const remaining = item.paid_amount_fen - item.clawed_back_fen;
  if (input.amountFen > remaining) {
    throw invalidInput('amountFen', { zh: `追回金额不能超过已付未追回的 ${formatYuan(remaining)}。`, en: `The clawback may not exceed the ${formatYuan(remaining)} paid and not yet taken back.` });
  }
  const row = await context.db
    .insertInto('benefit_clawback')
    .values({ item_id: itemId, amount_fen: input.amountFen, reason: input.reason, recorded_by: actor.userId, recorded_at: context.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await context.db.updateTable('benefit_payment_item').set({ clawed_back_fen: item.clawed_back_fen + input.amountFen }).where('id', '=', itemId).execute();
  await recordAudit(context, { action: 'benefits.payment.clawback', entityType: 'benefit_payment_item', entityId: itemId, regionCode: batch.region_code, before: { clawedBackFen: item.clawed_back_fen }, after: { clawedBackFen: item.clawed_back_fen + input.amountFen, amountFen: input.amountFen, reason: input.reason } });
  return row.id;
}

/** The batch's items with their grants, in a stable order. */
export async function batchItems(db: Kysely<Database>, batchId: string) {
  return db
    .selectFrom('benefit_payment_item')
    .innerJoin('benefit_grant', 'benefit_grant.id', 'benefit_payment_item.grant_id')
    .select([
      'benefit_payment_item.id',
      'benefit_payment_item.grant_id',
      'benefit_payment_item.amount_fen',
      'benefit_payment_item.paid_on',
      'benefit_payment_item.paid_amount_fen',
      'benefit_payment_item.payment_reference',
      'benefit_payment_item.clawed_back_fen',
      'benefit_grant.application_id',
      'benefit_grant.pack_id',
      'benefit_grant.policy_id',
      'benefit_grant.policy_version_id',
      'benefit_grant.beneficiary_kind',
      'benefit_grant.beneficiary_id_number',
      'benefit_grant.beneficiary_name',
      'benefit_grant.region_code',
      'benefit_grant.bank_name',
      'benefit_grant.bank_account',
      'benefit_grant.account_holder',
    ])
    .where('benefit_payment_item.batch_id', '=', batchId)
    .orderBy('benefit_payment_item.created_at')
    .orderBy('benefit_payment_item.id')
    .execute();
}

/** One batch the actor may see (404 otherwise). */
export async function readableBatch(db: Kysely<Database>, actor: Actor, id: string) {
  return loadBatch(db, actor, id);
}

/** Batches within the actor's jurisdiction, newest first. */
export async function listPaymentBatches(db: Kysely<Database>, actor: Actor, paging: { limit: number; offset: number }) {
  const prefixes = readablePrefixes(actor);
  if (prefixes.length === 0) return [];
  return db
    .selectFrom('benefit_payment_batch')
    .selectAll()
    .where((eb) => eb.or(prefixes.map((prefix) => eb('region_code', 'like', `${escapeLike(prefix)}%`))))
    .orderBy('created_at', 'desc')
    .limit(paging.limit)
    .offset(paging.offset)
    .execute();
}
