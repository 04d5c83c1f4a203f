/** The wire shapes of the audit trail. */
import { z } from 'zod';
import { bilingual } from '../kernel/errors.ts';
import { isIsoDate } from '../kernel/periods.ts';
import { pagingQuery, timestamp } from './common.contract.ts';

const isoDate = z.string().refine(isIsoDate, { message: bilingual('应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD') });

/** `GET /api/audit`: filters (dates are inclusive calendar days, Asia/Shanghai), paged. */
export const auditQuery = z.strictObject({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pagingQuery,
});

/** One entry of the audit trail, personal fields masked. */
export const auditEntry = z.object({
  id: z.number().int(),
  at: timestamp,
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

/** Query of `GET /api/audit` (limit and offset default to 50 and 0). */
export type AuditQuery = z.input<typeof auditQuery>;
/** One entry of the audit trail. */
export type AuditEntry = z.output<typeof auditEntry>;
