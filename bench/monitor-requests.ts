/**
 * The monitoring requests the benchmark times through `app.inject` as the province's coordinator: dashboards,
 * children comparisons and a 36-month series, each checked for the figures it must carry; and the time from
 * posting one village's value to reading it in every region above, each read checked to have moved by exactly
 * the change.
 */
import { performance } from 'node:perf_hooks';
import { regionAncestry } from '../src/kernel/region-code.ts';
import { benchCode, benchIndicators, benchProvince, lastMonth, provinceShape } from './monitor-catalogue.ts';

const benchDashboardIndicators = benchIndicators.filter((indicator) => indicator.dashboardPosition !== undefined).length;
import type { BenchClient } from './http-client.ts';
import { measureLatency, summarize, type LatencySummary } from './timing.ts';

/** Requests per figure. */
export const requestCounts = { warmup: 20, samples: 200, saves: 200, saveWarmup: 10 } as const;

/** A timed request and what its answer held. */
export interface MonitorRequestFigure extends LatencySummary {
  url: string;
  /** Items in the answer (indicators on a dashboard, child regions, periods of a series). */
  items: number;
  /** SQL statements one request issues, the session lookup included. */
  queries: number;
}

/** Counts the SQL statements `work` issues. */
export type QueryCounter = (work: () => Promise<unknown>) => Promise<number>;

/** The save-to-visible figures: the save, the read of every ancestor, and the two together. */
export interface SaveVisibleFigure {
  indicator: string;
  regionsRead: number;
  /** SQL statements of one save and of one read. */
  queries: { save: number; read: number };
  save: LatencySummary;
  read: LatencySummary;
  total: LatencySummary;
}

/** The regions the scenarios use, picked from the generated tree. */
export interface ScenarioRegions {
  county: string;
  township: string;
  villages: string[];
}

interface Item {
  value: number | null;
  missing?: string[];
}

function requireFigures(url: string, items: Item[], expected: number): void {
  if (items.length !== expected) throw new Error(`${url} answered ${items.length} items, expected ${expected}`);
  const missing = items.filter((item) => item.value === null);
  if (missing.length > 0) throw new Error(`${url} has ${missing.length} missing figures (${JSON.stringify(missing[0])})`);
}

async function timeRequest(client: BenchClient, url: string, check: (body: unknown) => number, countQueries: QueryCounter): Promise<MonitorRequestFigure> {
  let items = 0;
  const figure = await measureLatency(
    async () => {
      items = check(await client.get(url));
    },
    { warmup: requestCounts.warmup, samples: requestCounts.samples },
  );
  const queries = await countQueries(() => client.get(url));
  return { ...figure, url, items, queries };
}

/** The read scenarios, keyed by name, with the number of dashboard indicators expected. */
export async function measureReads(client: BenchClient, regions: ScenarioRegions, dashboardIndicators: number, countQueries: QueryCounter, say: (message: string) => void): Promise<Record<string, MonitorRequestFigure>> {
  // the default pack's key indicators are on the dashboard too, without figures in this province
  const dashboard = (body: unknown, url: string) => {
    const items = (body as { items: (Item & { indicator: string })[] }).items;
    if (items.length !== dashboardIndicators) throw new Error(`${url} answered ${items.length} indicators, expected ${dashboardIndicators}`);
    const ours = items.filter((item) => item.indicator.startsWith(benchCode('')));
    requireFigures(url, ours, benchDashboardIndicators);
    return items.length;
  };
  const list = (expected: number) => (body: unknown, url: string) => {
    const items = (body as { items: Item[] }).items;
    requireFigures(url, items, expected);
    return items.length;
  };
  const villagesInTownship = regions.villages.length;
  const scenarios: [string, string, (body: unknown, url: string) => number][] = [
    ['dashboardProvince', `/api/monitor/dashboard?region=${benchProvince}&period=${lastMonth}`, dashboard],
    ['dashboardCounty', `/api/monitor/dashboard?region=${regions.county}&period=${lastMonth}`, dashboard],
    ['dashboardProvinceYear', `/api/monitor/dashboard?region=${benchProvince}&period=2025`, dashboard],
    ['childrenProvince', `/api/monitor/children?indicator=${benchCode('migrant_workers_out')}&region=${benchProvince}&period=${lastMonth}`, list(provinceShape.prefectures)],
    ['childrenProvinceRate', `/api/monitor/children?indicator=${benchCode('registered_unemployment_rate')}&region=${benchProvince}&period=${lastMonth}`, list(provinceShape.prefectures)],
    ['childrenTownship', `/api/monitor/children?indicator=${benchCode('migrant_workers_out')}&region=${regions.township}&period=${lastMonth}`, list(villagesInTownship)],
    ['seriesProvince', `/api/monitor/series?indicator=${benchCode('migrant_workers_out')}&region=${benchProvince}&from=${provinceShape.firstMonth}&to=${lastMonth}`, list(provinceShape.months)],
    ['seriesProvinceRate', `/api/monitor/series?indicator=${benchCode('registered_unemployment_rate')}&region=${benchProvince}&from=${provinceShape.firstMonth}&to=${lastMonth}`, list(provinceShape.months)],
  ];
  const figures: Record<string, MonitorRequestFigure> = {};
  for (const [name, url, check] of scenarios) {
    figures[name] = await timeRequest(client, url, (body) => check(body, url), countQueries);
    say(`  ${name}: median ${figures[name].medianMs} ms, p95 ${figures[name].p95Ms} ms (${figures[name].items} items, ${figures[name].queries} queries)`);
  }
  return figures;
}

async function readChain(client: BenchClient, indicator: string, chain: string[], period: string): Promise<Map<string, number>> {
  const url = `/api/monitor/aggregates?indicators=${indicator}&regions=${chain.join(',')}&periods=${period}`;
  const body = (await client.get(url)) as { items: { regionCode: string; value: number | null }[] };
  const figures = new Map<string, number>();
  for (const item of body.items) {
    if (item.value === null) throw new Error(`${url}: no figure for ${item.regionCode}`);
    figures.set(item.regionCode, item.value);
  }
  return figures;
}

/**
 * Posts a new figure for one village at a time (a different village each time, spread over the province) and
 * reads the figure of the village and of every region above it in the province in one aggregates request,
 * requiring each to have moved by exactly the change. Reports the save, the read, and both together.
 */
export async function measureSaveToVisible(client: BenchClient, villages: string[], countQueries: QueryCounter, say: (message: string) => void): Promise<SaveVisibleFigure> {
  const indicator = benchCode('migrant_workers_returned');
  const period = lastMonth;
  const saves: number[] = [];
  const reads: number[] = [];
  const totals: number[] = [];
  let regionsRead = 0;
  const queries = { save: 0, read: 0 };
  for (let index = 0; index < requestCounts.saveWarmup + requestCounts.saves; index += 1) {
    // 7,919 is prime, so the stride visits villages all over the province, never the same twice in a row
    const village = villages[(index * 7919) % villages.length]!;
    const chain = regionAncestry(village).filter((code) => code.startsWith('99'));
    const before = await readChain(client, indicator, chain, period);
    const change = 1 + (index % 9);
    const save = () => client.post('/api/monitor/values', { values: [{ indicator, regionCode: village, period, value: before.get(village)! + change }] });
    if (index === 0) {
      // the first warm-up save is counted, then saved again with the same figure so the check below still holds
      queries.save = await countQueries(save);
      queries.read = await countQueries(() => readChain(client, indicator, chain, period));
    }
    const started = performance.now();
    await save();
    const saved = performance.now();
    const after = await readChain(client, indicator, chain, period);
    const read = performance.now();
    for (const code of chain) {
      if (after.get(code) !== before.get(code)! + change) {
        throw new Error(`after saving ${village}, ${code} reads ${after.get(code)}, expected ${before.get(code)} + ${change}`);
      }
    }
    regionsRead = chain.length;
    if (index < requestCounts.saveWarmup) continue;
    saves.push(saved - started);
    reads.push(read - saved);
    totals.push(read - started);
  }
  const figure = { indicator, regionsRead, queries, save: summarize(saves), read: summarize(reads), total: summarize(totals) };
  say(`  save → visible: median ${figure.total.medianMs} ms, p95 ${figure.total.p95Ms} ms, max ${figure.total.maxMs} ms`);
  return figure;
}
