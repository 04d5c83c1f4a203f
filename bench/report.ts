/** Renders the engines' results as one Markdown table, engines side by side with a postgres/pglite ratio. */
import type { EngineResult, RequestFigure } from './scenarios.ts';

/** The machine the figures were taken on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGigabytes: number;
  node: string;
  os: string;
}

interface Row {
  label: string;
  cell: (result: EngineResult) => string;
  /** The number the ratio column compares; absent for counts, where a ratio means nothing. */
  value?: (result: EngineResult) => number;
}

const fixed = (digits: number) => (value: number) => value.toFixed(digits);
const integer = (value: number) => Math.round(value).toLocaleString('en-US');

function latencyRow(label: string, key: string): Row {
  const figure = (result: EngineResult): RequestFigure => {
    const found = result.requests[key];
    if (!found) throw new Error(`no figure ${key} for ${result.engine}`);
    return found;
  };
  return {
    label: `${label} — median / p95 ms`,
    cell: (result) => {
      const { medianMs, p95Ms, rowsVisible } = figure(result);
      return `${medianMs.toFixed(1)} / ${p95Ms.toFixed(1)}${rowsVisible === undefined ? '' : ` (${integer(rowsVisible)} rows)`}`;
    },
    value: (result) => figure(result).medianMs,
  };
}

function numberRow(label: string, pick: (result: EngineResult) => number, format: (value: number) => string, ratio = true): Row {
  return { label, cell: (result) => format(pick(result)), ...(ratio && { value: pick }) };
}

const rows: Row[] = [
  numberRow('1. First start: open the database (s)', (r) => r.firstStart.openSeconds, fixed(2)),
  numberRow('1. First start: `prepareDatabase` (s)', (r) => r.firstStart.prepareSeconds, fixed(1)),
  numberRow('1. Regions loaded', (r) => r.firstStart.regionsLoaded, integer, false),
  numberRow('Bulk insert of units + audit rows + ANALYZE (s)', (r) => r.data.insertSeconds, fixed(1)),
  latencyRow('2a. `GET /api/units?limit=50`, platform admin', 'unitsAdmin'),
  latencyRow('2b. same, coordinator of 临夏县', 'unitsCoordinator'),
  latencyRow('2c. same + `q=扶贫车间`, coordinator', 'unitsCoordinatorQuery'),
  latencyRow('2d. same + `q=扶贫车间`, platform admin', 'unitsAdminQuery'),
  latencyRow('3a. `GET /api/audit?limit=50`, platform admin', 'auditAdmin'),
  latencyRow('3b. same, auditor of 临夏县', 'auditCountyAuditor'),
  latencyRow('4a. `POST /api/session/login` (argon2id)', 'signIn'),
  latencyRow('4b. `GET /api/session`, signed in', 'sessionSignedIn'),
  latencyRow('4c. `GET /api/session`, anonymous (baseline)', 'sessionAnonymous'),
  numberRow('5. Backup: rows', (r) => r.backup.rows, integer, false),
  numberRow('5. Backup (s)', (r) => r.backup.seconds, fixed(2)),
  numberRow('5. Backup file (MB, gzip)', (r) => r.backup.fileMegabytes, fixed(1), false),
  numberRow('5. Backup throughput (MB/s of file)', (r) => r.backup.megabytesPerSecond, fixed(2)),
  numberRow('5. Restore (s)', (r) => r.restore.seconds, fixed(2)),
  numberRow('5. Restore (rows/s)', (r) => r.restore.rowsPerSecond, integer),
  numberRow('6. Peak RSS of the benchmark process (MB)', (r) => r.peakRssMegabytes, integer),
];

const engineTitle = { pglite: 'PGlite', postgres: 'PostgreSQL' } as const;

function ratioCell(row: Row, pglite: EngineResult, postgres: EngineResult): string {
  if (!row.value) return '—';
  const base = row.value(pglite);
  return base > 0 ? `${(row.value(postgres) / base).toFixed(2)}×` : '—';
}

/** The results as a Markdown table; with both engines, a ratio column postgres/pglite (of medians). */
export function markdownTable(results: EngineResult[]): string {
  const pglite = results.find((result) => result.engine === 'pglite');
  const postgres = results.find((result) => result.engine === 'postgres');
  const withRatio = pglite !== undefined && postgres !== undefined;
  const header = ['Figure', ...results.map((result) => engineTitle[result.engine]), ...(withRatio ? ['postgres / pglite'] : [])];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const row of rows) {
    const cells = [row.label, ...results.map((result) => row.cell(result)), ...(withRatio ? [ratioCell(row, pglite, postgres)] : [])];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** One paragraph naming the data sizes, the engines and the machine. */
export function describeRun(results: EngineResult[], machine: MachineInfo): string {
  const first = results[0];
  const sizes = first
    ? `${integer(first.data.units)} units (${integer(first.data.unitAliases)} aliases) over ${integer(first.data.unitRegions)} townships and villages, ` +
      `${integer(first.data.auditEntries)} audit rows over ${integer(first.data.auditRegions)} regions`
    : 'no data';
  const engines = results.map((result) => `${engineTitle[result.engine]}: ${result.version}`).join('; ');
  return [
    `Data: ${sizes}.`,
    `Engines: ${engines}.`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGigabytes.toFixed(1)} GB, Node ${machine.node}, ${machine.os}.`,
  ].join('\n');
}
