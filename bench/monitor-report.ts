/** Renders the monitoring benchmark's engines side by side as one Markdown table, with a postgres ÷ pglite ratio. */
import type { LatencySummary } from './timing.ts';
import type { MonitorEngineResult } from './monitor-run.ts';

interface Row {
  label: string;
  cell: (result: MonitorEngineResult) => string;
  /** The number the ratio compares; absent for counts. */
  value?: (result: MonitorEngineResult) => number;
}

const integer = (value: number) => Math.round(value).toLocaleString('en-US');
const fixed = (digits: number) => (value: number) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function numberRow(label: string, pick: (result: MonitorEngineResult) => number, format: (value: number) => string, ratio = true): Row {
  return { label, cell: (result) => format(pick(result)), ...(ratio && { value: pick }) };
}

function latency(label: string, pick: (result: MonitorEngineResult) => LatencySummary & { items?: number; queries?: number }, itemsWord?: string): Row {
  return {
    label: `${label} — median / p95 ms`,
    cell: (result) => {
      const figure = pick(result);
      const notes = [
        ...(itemsWord && figure.items !== undefined ? [`${figure.items} ${itemsWord}`] : []),
        ...(figure.queries !== undefined ? [`${figure.queries} queries`] : []),
      ];
      return `${figure.medianMs.toFixed(1)} / ${figure.p95Ms.toFixed(1)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
    },
    value: (result) => pick(result).medianMs,
  };
}

const request = (key: string) => (result: MonitorEngineResult) => {
  const figure = result.requests[key];
  if (!figure) throw new Error(`no figure ${key} for ${result.engine}`);
  return figure;
};

const rows: Row[] = [
  numberRow('Regions in the synthetic province', (r) => r.data.regions, integer, false),
  numberRow('Values (`monitor_value` rows)', (r) => r.data.values, integer, false),
  numberRow('Roll-up rows (`monitor_rollup`)', (r) => r.data.rollupRows, integer, false),
  numberRow('First start (`prepareDatabase`) (s)', (r) => r.seconds.firstStart, fixed(1)),
  numberRow('Generate the values (s)', (r) => r.seconds.values, fixed(0)),
  numberRow('Build the roll-ups (s)', (r) => r.seconds.rollups, fixed(0)),
  numberRow('ANALYZE (s)', (r) => r.seconds.analyze, fixed(1)),
  numberRow('Generation in all: regions, indicators, values, roll-ups, ANALYZE (s)', (r) => r.seconds.total, fixed(0)),
  numberRow('Database size (MB)', (r) => r.megabytes.database, integer),
  numberRow('… of which `monitor_value` with indexes (MB)', (r) => r.megabytes.values, integer),
  numberRow('… of which `monitor_rollup` with its key (MB)', (r) => r.megabytes.rollups, integer),
  latency('a. Dashboard, province, month', request('dashboardProvince'), 'indicators'),
  latency('b. Dashboard, county, month', request('dashboardCounty'), 'indicators'),
  latency('c. Dashboard, province, year (12 months each)', request('dashboardProvinceYear'), 'indicators'),
  latency('d. Children of the province (prefectures), a sum', request('childrenProvince'), 'regions'),
  latency('e. Children of the province, a formula (unemployment rate)', request('childrenProvinceRate'), 'regions'),
  latency('f. Children of a township (villages)', request('childrenTownship'), 'regions'),
  latency('g. 36-month series, province, a sum', request('seriesProvince'), 'periods'),
  latency('h. 36-month series, province, a formula', request('seriesProvinceRate'), 'periods'),
  latency('i. Save one village value (`POST /api/monitor/values`)', (r) => ({ ...r.saveToVisible.save, queries: r.saveToVisible.queries?.save })),
  latency('j. Read it in the village and its 4 ancestors (`GET /api/monitor/aggregates`)', (r) => ({ ...r.saveToVisible.read, queries: r.saveToVisible.queries?.read })),
  latency('k. Save → visible in every ancestor (i + j)', (r) => r.saveToVisible.total),
  numberRow('k. Save → visible, slowest of 200 (ms)', (r) => r.saveToVisible.total.maxMs, fixed(1)),
  numberRow('Peak RSS of the benchmark process (MB)', (r) => r.peakRssMegabytes, integer),
];

const engineTitle = { pglite: 'PGlite', postgres: 'PostgreSQL' } as const;

/** The results as a Markdown table; with both engines, a postgres ÷ pglite column (medians for latencies). */
export function monitorTable(results: MonitorEngineResult[]): string {
  const pglite = results.find((result) => result.engine === 'pglite');
  const postgres = results.find((result) => result.engine === 'postgres');
  const header = ['Figure', ...results.map((result) => engineTitle[result.engine]), ...(pglite && postgres ? ['postgres ÷ pglite'] : [])];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const row of rows) {
    const cells = [row.label, ...results.map((result) => row.cell(result))];
    if (pglite && postgres) {
      const base = row.value?.(pglite);
      cells.push(row.value && base && base > 0 ? `${(row.value(postgres) / base).toFixed(2)}×` : '—');
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
