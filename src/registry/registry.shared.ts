/** What the registry's services share: jurisdiction filters in SQL, region checks, record words for messages. */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { unprocessable } from '../kernel/errors.ts';
import { regionExists } from '../org/index.ts';
import type { Database } from '../store/tables.ts';

/** Names of records in messages. */
export const words = {
  person: { zh: '人员', en: 'Person' },
  enterprise: { zh: '市场主体', en: 'Enterprise' },
  household: { zh: '家庭户', en: 'Household' },
  employment: { zh: '就业记录', en: 'Employment record' },
  group: { zh: '人员类别记录', en: 'Group membership' },
  import: { zh: '导入任务', en: 'Import' },
} as const;

/**
 * A condition that one of `columns` lies in one of the region subtrees given by `prefixes`
 * (an empty prefix is the whole country; no prefixes matches nothing).
 */
export function inRegions<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  columns: readonly string[],
  prefixes: readonly string[],
): Expression<SqlBool> {
  if (prefixes.includes('')) return sql<SqlBool>`true`;
  if (prefixes.length === 0) return sql<SqlBool>`false`;
  return eb.or(columns.flatMap((column) => prefixes.map((prefix) => eb(sql.ref(column), 'like', `${prefix}%`))));
}

/** True when a region code lies under one of the prefixes. */
export function underPrefixes(regionCode: string | null, prefixes: readonly string[]): boolean {
  return regionCode !== null && prefixes.some((prefix) => regionCode.startsWith(prefix));
}

/** Refuses a region code that is not in the region table, naming the field. */
export async function assertRegionExists(db: Kysely<Database>, code: string, field: string): Promise<void> {
  if (!(await regionExists(db, code))) {
    throw unprocessable(field, {
      zh: `行政区划 ${code} 不存在，请先导入该地区（wenbao regions import）。`,
      en: `Region ${code} does not exist; import it first (wenbao regions import).`,
    });
  }
}

/**
 * Turns a foreign-key violation (SQLSTATE 23503) on one of the named columns into a refusal naming the
 * field: an account, household or unit that does not exist. Other errors pass through.
 */
export function missingReference(error: unknown, fields: Record<string, string>): unknown {
  const candidate = error as { code?: string; constraint?: string } | null;
  if (candidate?.code !== '23503') return error;
  const field = Object.entries(fields).find(([column]) => candidate.constraint?.includes(column))?.[1];
  return unprocessable(field, { zh: '引用的记录不存在。', en: 'The record referred to does not exist.' });
}
