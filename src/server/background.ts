/**
 * Work the platform does on its own: delivering webhooks, reminding units of reports due or overdue, and
 * refreshing the colours of plans as deadlines approach. Each job is safe to run in any number of server
 * processes at once (webhook rows are claimed with SKIP LOCKED, reminders are unique per unit, period and
 * kind, colour refreshes lock the plan row), so every server runs them and none is special.
 */
import type { Kysely } from 'kysely';
import { resumeStaleRuns } from '../benefits/index.ts';
import { alertEscalationBatch, escalateOverdueAlerts, resumeImportChecks } from '../monitor/index.ts';
import { deliverDueWebhooks } from '../notify/index.ts';
import { refreshAllPlanColours, sendReportReminders } from '../plans/index.ts';
import type { WriteContext } from '../store/audit.ts';
import type { Database } from '../store/tables.ts';

/** A job run again and again: `run` answers true when it stopped with work left, to be called again at once. */
export interface PeriodicJob {
  name: string;
  intervalMs: number;
  run: (now: Date) => Promise<boolean>;
}

/** How a failed round is reported: the kind of error only, since database errors may quote data. */
function reportFailure(job: string, error: unknown): void {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  process.emitWarning(`${job} round failed: ${String(name ?? 'Error')}${typeof code === 'string' ? ` ${code}` : ''}`);
}

/**
 * Runs a job every `intervalMs` (at once again while it reports work left) until the returned function is
 * called; that function resolves when the round under way has finished. The timer does not keep the
 * process alive.
 */
export function startPeriodicJob(job: PeriodicJob, clock: () => Date, onError = reportFailure): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round();
    }, delayMs);
    timer.unref();
  };
  const round = async () => {
    let more = false;
    try {
      more = await job.run(clock());
    } catch (error) {
      onError(job.name, error);
    }
    schedule(more ? 0 : job.intervalMs);
  };
  schedule(0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

const webhookBatch = 20;

/** The jobs every server runs. */
export function platformJobs(db: Kysely<Database>): PeriodicJob[] {
  const asSystem = <T>(name: string, now: Date, work: (context: WriteContext) => Promise<T>) =>
    db.transaction().execute((trx) => work({ db: trx, actor: { id: null, name: `system:${name}` }, now }));
  return [
    {
      name: 'webhook delivery',
      intervalMs: 30_000,
      run: async (now) => (await deliverDueWebhooks(db, { now, batch: webhookBatch })).attempted === webhookBatch,
    },
    {
      name: 'report reminders',
      intervalMs: 60 * 60_000,
      run: async (now) => {
        await asSystem('reminders', now, (context) => sendReportReminders(context, { now }));
        return false;
      },
    },
    {
      name: 'plan colours',
      intervalMs: 60 * 60_000,
      run: async (now) => {
        await asSystem('colours', now, (context) => refreshAllPlanColours(context));
        return false;
      },
    },
    {
      name: 'alert escalation',
      intervalMs: 5 * 60_000,
      run: async (now) => (await asSystem('escalation', now, (context) => escalateOverdueAlerts(context, now))) === alertEscalationBatch,
    },
    {
      // an upload's check runs on the server that took it; this picks up checks whose server went away
      name: 'monitor import checks',
      intervalMs: 30_000,
      run: () => resumeImportChecks(db, () => new Date()),
    },
    {
      // a benefit run is worked by the server that started it; this takes up runs whose server went away
      name: 'benefit runs',
      intervalMs: 60_000,
      run: (now) => resumeStaleRuns(db, now),
    },
  ];
}

/** Starts every platform job; returns a function that stops them all. */
export function startBackgroundJobs(db: Kysely<Database>, clock: () => Date = () => new Date()): () => Promise<void> {
  const stops = platformJobs(db).map((job) => startPeriodicJob(job, clock));
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
