/** A run whose server went away is taken up by the periodic job of any server; a run being worked is left alone. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun, workRun } from '../src/benefits/index.ts';
import { resumeStaleRuns, staleRunAfterMs } from '../src/benefits/runs/stale-runs.ts';
import { commandLineRegistryActor as systemActor } from '../src/registry/index.ts';
import { platformJobs } from '../src/server/background.ts';
import type { Store } from '../src/store/database.ts';
import { buildRunsWorld } from './support/benefit-runs-world.ts';
import { engines } from './support/engines.ts';
import { buildTestApp, preparedStore, regions, systemContext } from './support/fixtures.ts';

describe.each(engines)('stale benefit runs on %s', (engine) => {
  let store: Store;
  const input = { kind: 'batch' as const, packId: 'linxia-2020-employment', beneficiary: 'person' as const, regionCode: regions.linxia, asOf: '2020-12-31' };

  beforeAll(async () => {
    store = await preparedStore(engine);
    const app = await buildTestApp(store, { loginRateLimit: 1000 });
    await buildRunsWorld(store, app, 'stale');
    await app.close();
  });

  afterAll(async () => {
    await store.close();
  });

  const status = async (id: string) => (await store.db.selectFrom('benefit_run').select(['status', 'items_hash']).where('id', '=', id).executeTakeFirstOrThrow());

  it('finishes a run whose last chunk is older than the limit, with the items of an uninterrupted run', async () => {
    const whole = await startRun(systemContext(store), systemActor, input);
    expect(await workRun(store.db, whole)).toBe(true);
    const abandoned = await startRun(systemContext(store), systemActor, input);
    expect(await workRun(store.db, abandoned, { chunkSize: 1, maxChunks: 1 })).toBe(false);
    const lastChunk = (await store.db.selectFrom('benefit_run').select('updated_at').where('id', '=', abandoned).executeTakeFirstOrThrow()).updated_at;

    // Just within the limit, the run's own server is presumed at work.
    expect(await resumeStaleRuns(store.db, new Date(lastChunk.getTime() + staleRunAfterMs - 1000))).toBe(false);
    expect((await status(abandoned)).status).toBe('running');

    // Through the job every server runs.
    const job = platformJobs(store.db).find((candidate) => candidate.name === 'benefit runs');
    expect(await job?.run(new Date(lastChunk.getTime() + staleRunAfterMs + 1000))).toBe(true);
    expect(await status(abandoned)).toEqual({ status: 'completed', items_hash: (await status(whole)).items_hash });
    expect(await resumeStaleRuns(store.db, new Date(lastChunk.getTime() + staleRunAfterMs + 1000))).toBe(false);
  });
});
