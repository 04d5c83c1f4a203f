/** HTTP routes for payment batches: create, submit, approve, export, record payments and clawbacks. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { clawbackInput, createBatchInput, paymentBatchSummary, paymentBatchView, recordPaidInput } from '../contracts/benefits.contract.ts';
import { pagingQuery } from '../contracts/common.contract.ts';
import type { Actor } from '../kernel/actor.ts';
import { forbidden } from '../kernel/errors.ts';
import { attachmentDisposition, commonErrors, inTransaction, requireUser, typed, type SessionUser } from '../http/route-kit.ts';
import type { Policy } from '../rules/policy.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../store/tables.ts';
import { shownIdNumber } from './applications.read.ts';
import { canApproveBatch, canPrepareBatch, canRecordPayment } from './benefits.policy.ts';
import { policyVersion } from './catalogue.ts';
import {
  approvePaymentBatch,
  batchItems,
  createPaymentBatch,
  listPaymentBatches,
  readableBatch,
  recordClawback,
  recordPayment,
  submitPaymentBatch,
} from './payments.service.ts';
import { paymentBatchXlsx } from './payments.xlsx.ts';

const tags = ['benefits'];
const idParams = z.strictObject({ id: z.uuid() });
const itemParams = z.strictObject({ id: z.uuid(), itemId: z.uuid() });
const detail = { 200: paymentBatchView, ...commonErrors };

function summary(batch: Awaited<ReturnType<typeof readableBatch>>, totals: { totalFen: number; paidFen: number; clawedBackFen: number }) {
  return {
    id: batch.id,
    title: batch.title,
    regionCode: batch.region_code,
    status: batch.status,
    createdBy: batch.created_by,
    submittedBy: batch.submitted_by,
    approvedBy: batch.approved_by,
    ...totals,
    createdAt: batch.created_at.toISOString(),
  };
}

/** A batch with its items, totals and the actor's abilities. */
async function presentBatch(db: Kysely<Database>, actor: Actor, id: string) {
  const batch = await readableBatch(db, actor, id);
  const items = await batchItems(db, id);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    ...summary(batch, {
      totalFen: sum(items.map((item) => item.amount_fen)),
      paidFen: sum(items.map((item) => item.paid_amount_fen ?? 0)),
      clawedBackFen: sum(items.map((item) => item.clawed_back_fen)),
    }),
    items: items.map((item) => ({
      id: item.id,
      grantId: item.grant_id,
      applicationId: item.application_id,
      policyId: item.policy_id,
      beneficiaryName: item.beneficiary_name,
      beneficiaryIdNumber: shownIdNumber(actor, item.beneficiary_kind, item.beneficiary_id_number, item.region_code),
      amountFen: item.amount_fen,
      paidOn: item.paid_on,
      paidAmountFen: item.paid_amount_fen,
      paymentReference: item.payment_reference,
      clawedBackFen: item.clawed_back_fen,
    })),
    abilities: {
      submit: batch.status === 'draft' && canPrepareBatch(actor, batch.region_code),
      approve: batch.status === 'submitted' && canApproveBatch(actor, { regionCode: batch.region_code, submittedBy: batch.submitted_by }),
      export: batch.status === 'approved',
      recordPayment: batch.status === 'approved' && canRecordPayment(actor, batch.region_code),
    },
  };
}

/** Registers the payment batch routes under /api/benefits. */
export async function paymentsRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const present = (user: SessionUser, id: string) => presentBatch(app.services.db, user, id);

  app.post(
    '/api/benefits/payment-batches',
    { schema: { tags, summary: 'Create a draft payment batch from approved applications', body: createBatchInput, response: { 201: paymentBatchView, ...commonErrors } } },
    async (request, reply) => {
      const user = requireUser(request);
      const id = await inTransaction(request, (context) => createPaymentBatch(context, user, request.body));
      reply.code(201);
      return present(user, id);
    },
  );

  app.get(
    '/api/benefits/payment-batches',
    { schema: { tags, summary: 'Payment batches within the jurisdiction', querystring: z.strictObject(pagingQuery), response: { 200: z.object({ items: z.array(paymentBatchSummary) }), ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      const rows = await listPaymentBatches(app.services.db, user, request.query);
      const items = [];
      for (const row of rows) {
        const { totalFen, paidFen, clawedBackFen } = await present(user, row.id);
        items.push(summary(row, { totalFen, paidFen, clawedBackFen }));
      }
      return { items };
    },
  );

  app.get(
    '/api/benefits/payment-batches/:id',
    { schema: { tags, summary: 'One payment batch with its items', params: idParams, response: detail } },
    async (request) => present(requireUser(request), request.params.id),
  );

  for (const [path, act, summaryText] of [
    ['submit', submitPaymentBatch, 'Submit a draft batch for approval'],
    ['approve', approvePaymentBatch, 'Approve a submitted batch (a coordinator other than the submitter)'],
  ] as const) {
    app.post(
      `/api/benefits/payment-batches/:id/${path}`,
      { schema: { tags, summary: summaryText, params: idParams, body: z.strictObject({}).optional(), response: detail } },
      async (request) => {
        const user = requireUser(request);
        await inTransaction(request, (context) => act(context, user, request.params.id));
        return present(user, request.params.id);
      },
    );
  }

  app.get(
    '/api/benefits/payment-batches/:id/export.xlsx',
    { schema: { tags, summary: 'The approved batch as a spreadsheet for the bank', params: idParams } },
    async (request, reply) => {
      const user = requireUser(request);
      const batch = await readableBatch(app.services.db, user, request.params.id);
      if (batch.status !== 'approved') throw forbidden({ zh: '批次批准后才能导出。', en: 'A batch can be exported once approved.' });
      const items = await batchItems(app.services.db, batch.id);
      const rows = [];
      for (const item of items) {
        const { pack } = await policyVersion(app.services.db, item.policy_version_id);
        rows.push({
          beneficiaryName: item.beneficiary_name,
          beneficiaryIdNumber: shownIdNumber(user, item.beneficiary_kind, item.beneficiary_id_number, item.region_code),
          bankName: item.bank_name,
          bankAccount: item.bank_account,
          accountHolder: item.account_holder,
          amountFen: item.amount_fen,
          policy: pack.policies.find((policy) => policy.id === item.policy_id) as Policy,
        });
      }
      const bytes = await paymentBatchXlsx(batch.title, rows);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentDisposition(`${batch.title}.xlsx`))
        .send(bytes);
    },
  );

  app.post(
    '/api/benefits/payment-batches/:id/items/:itemId/paid',
    { schema: { tags, summary: 'Record an item as paid (date, bank reference)', params: itemParams, body: recordPaidInput, response: detail } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => recordPayment(context, user, request.params.id, request.params.itemId, request.body));
      return present(user, request.params.id);
    },
  );

  app.post(
    '/api/benefits/payment-batches/:id/items/:itemId/clawbacks',
    { schema: { tags, summary: 'Claw back money paid for an item, with the reason', params: itemParams, body: clawbackInput, response: { 201: paymentBatchView, ...commonErrors } } },
    async (request, reply) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => recordClawback(context, user, request.params.id, request.params.itemId, request.body));
      reply.code(201);
      return present(user, request.params.id);
    },
  );
}
