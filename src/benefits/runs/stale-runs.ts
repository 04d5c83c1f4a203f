/**
 * Runs left running by a server that went away. A run is worked by the server that started (or resumed) it,
 * chunk by chunk, and every chunk saved moves its `updated_at`; a run whose last chunk is older than
 * `staleRunAfterMs` has lost its server, and any server's periodic job takes it up from its cursor. Should two
 * servers take up the same run, SKIP LOCKED lets only one of them work each chunk.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/tables.ts';
import { workRun } from './runs.service.ts';

/** How long a running run may go without a saved chunk before another server takes it up. */
export const staleRunAfterMs = 2 * 60_000;

/**
 * Works the longest-idle stale run to its end here. True when it completed, so another may be waiting; false
 * when there was none, or it was stopped or held by another server meanwhile (then wait for the next round).
 */
export async function resumeStaleRuns(db: Kysely<Database>, now: Date, staleAfterMs = staleRunAfterMs): Promise<boolean> {
  const run = await db
    .selectFrom('benefit_run')
    .select('id')
    .where('status', '=', 'running')
    .where('updated_at', '<', new Date(now.getTime() - staleAfterMs))
    .orderBy('updated_at')
    .limit(1)
    .executeTakeFirst();
  if (!run) return false;
  return workRun(db, run.id);
}
