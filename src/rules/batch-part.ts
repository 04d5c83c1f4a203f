/**
 * One part of a batch run: a range of a CSV's rows read, evaluated and written chunk by chunk (1,024 rows)
 * by generated functions (batch-rows.ts, compile.ts), with once-per limits applied as single evaluation does.
 * The plan is plain data (the generated sources, the header, the dictionary and county values they were
 * made with), so a worker thread receiving it builds the very same functions; a part's first once-per
 * grants are recorded in file order so that parts run apart can be merged (src/cli/rules-batch.ts). Reading
 * goes through a callback and output through `flush`, so this module does no I/O itself.
 */
import { invalidInput } from '../kernel/errors.ts';
import { periodCode, writeYuan } from './batch.ts';
import { compiledScope, compileRules, status, storeInArrays, type CountyTables } from './compile.ts';
import { dayNumber } from './csv-bytes.ts';
import { CsvColumns } from './csv-columns.ts';
import { Dictionary, missingBoolean } from './encoding.ts';
import type { Pack } from './pack.ts';
import type { Policy } from './policy.ts';
import { emitSource, evaluationSources, parseSource, precedenceSource, rowOutputBound } from './batch-rows.ts';
import type { FactsSchema, RuleType } from './types.ts';

/** Everything a thread needs to build a part's row function: plain data, safe to post to a worker. */
export interface RowsPlan {
  /** the generated sources: parse the rows of a chunk, evaluate the policies, emit the output (batch-rows.ts, compile.ts) */
  sources: { parse: string; hoist: string; policies: string[]; precede: string; emit: string };
  /** how many shared subexpressions `hoist` computes */
  shared: number;
  /** the header line as text (without its line end) */
  header: string;
  schemaId: string;
  /** the types of the header's facts */
  facts: Array<[string, RuleType]>;
  columns: string[];
  /** the dictionary's entries once the reader has coded its enum values */
  dictionary: string[];
  countyTables: CountyTables;
  asOfDay: number;
  policyIds: string[];
  /** per policy, its once-per limit: the key's column and the period, or null */
  oncePer: Array<{ column: number; period: NonNullable<Policy['oncePer']>['period'] } | null>;
  /** per column, the value of a column the file lacks (NaN, or the missing boolean) */
  absent: number[];
}

/** Makes the plan of a run of `pack` over a file with this header line. */
export function planRows(pack: Pack, asOfDay: number, header: string): RowsPlan {
  const dictionary = new Dictionary();
  const rules = compileRules(pack, asOfDay, dictionary, storeInArrays);
  const evaluation = evaluationSources(rules);
  const policies = pack.policies.map((policy) => {
    if (!policy.oncePer) return { oncePer: undefined, keyColumn: -1 };
    // A once-per key no rule reads still has to be read from the file.
    const index = rules.columns.indexOf(policy.oncePer.key);
    return { oncePer: policy.oncePer, keyColumn: index >= 0 ? index : rules.columns.push(policy.oncePer.key) - 1 };
  });
  const reader = new CsvColumns(pack.schema, header, rules.columns, dictionary, 1);
  const groups = pack.groups.map((group) => ({ group, members: group.policies.map((id) => pack.policies.findIndex((policy) => policy.id === id)) }));
  return {
    sources: { parse: parseSource(rules.columns.length, reader.fields()), ...evaluation, precede: precedenceSource(groups), emit: emitSource(policies) },
    shared: rules.hoisted.length,
    header,
    schemaId: pack.schema.id,
    facts: reader.names.map((path) => [path, (pack.schema.facts.get(path) as { type: RuleType }).type]),
    columns: rules.columns,
    dictionary: dictionary.entries(),
    countyTables: rules.countyTables,
    asOfDay,
    policyIds: pack.policies.map((policy) => policy.id),
    oncePer: policies.map((policy) => (policy.oncePer ? { column: policy.keyColumn, period: policy.oncePer.period } : null)),
    absent: rules.columns.map((path) => (pack.schema.facts.get(path)?.type.kind === 'boolean' ? missingBoolean : Number.NaN)),
  };
}

/** A once-per grant a part made for the first time within the part, in file order, with where its amount was written. */
export interface FirstGrants {
  keys: Float64Array;
  periods: Float64Array;
  /** offset of the amount in the part's output, and its length */
  offsets: Float64Array;
  lengths: Float64Array;
  fen: Float64Array;
  size: number;
}

/** The running state of one part: output buffer, totals, first grants. */
export interface PartState {
  out: Uint8Array;
  /** bytes used in `out` */
  o: number;
  /** output bytes flushed before `out` */
  base: number;
  /** 1-based line number of the next row */
  line: number;
  /** rows per chunk, and rows in the chunk parsed last */
  chunk: number;
  rows: number;
  /** counts per policy × outcome (index policy * 4 + status code) */
  counts: Float64Array;
  /** granted fen per policy */
  sums: Float64Array;
  /** whether to record first grants (every part but the first) */
  track: boolean;
  firstGrants: FirstGrants[];
  /** takes `out[0, o)`, and leaves an `out` with room for `need` bytes */
  flush(state: PartState, need: number): void;
}

/** A fresh state for a part; `flush` receives each full output buffer. */
export function partState(policies: number, track: boolean, line: number, write: (bytes: Uint8Array) => Uint8Array | void, outputBytes = 1 << 20): PartState {
  const grants = (): FirstGrants => ({ keys: new Float64Array(64), periods: new Float64Array(64), offsets: new Float64Array(64), lengths: new Float64Array(64), fen: new Float64Array(64), size: 0 });
  return {
    out: new Uint8Array(outputBytes),
    o: 0,
    base: 0,
    line,
    chunk: 1024,
    rows: 0,
    counts: new Float64Array(policies * 4),
    sums: new Float64Array(policies),
    track,
    firstGrants: Array.from({ length: policies }, grants),
    flush(state, need) {
      const next = write(state.out.subarray(0, state.o));
      state.base += state.o;
      state.o = 0;
      // A writer that keeps the bytes hands back a new buffer; one that copies them lets this one be reused.
      state.out = next ?? state.out;
      if (state.out.length < need) state.out = new Uint8Array(need * 2);
    },
  };
}

function record(state: PartState, policy: number, key: number, period: number, offset: number, length: number, fen: number): void {
  let grants = state.firstGrants[policy] as FirstGrants;
  if (grants.size === grants.keys.length) {
    const grow = (from: Float64Array): Float64Array => {
      const larger = new Float64Array(from.length * 2);
      larger.set(from);
      return larger;
    };
    grants = { keys: grow(grants.keys), periods: grow(grants.periods), offsets: grow(grants.offsets), lengths: grow(grants.lengths), fen: grow(grants.fen), size: grants.size };
    state.firstGrants[policy] = grants;
  }
  const at = grants.size++;
  grants.keys[at] = key;
  grants.periods[at] = period;
  grants.offsets[at] = offset;
  grants.lengths[at] = length;
  grants.fen[at] = fen;
}

/** Where a field starting at `p` ends: past a quoted part, at the comma or line feed, before a carriage return ending the line. */
function fieldEnd(b: Uint8Array, p: number): number {
  let index = p;
  if (b[index] === 0x22) {
    index++;
    while (b[index] !== 0x0a && !(b[index] === 0x22 && b[index + 1] !== 0x22)) index += b[index] === 0x22 ? 2 : 1;
    if (b[index] === 0x22) index++;
  }
  let byte = b[index] as number;
  while (byte !== 0x2c && byte !== 0x0a) byte = b[++index] as number;
  if (index > p && b[index - 1] === 0x0d && byte === 0x0a) index--;
  return index;
}

/** Calendar day numbers of 1900-01-01 … 2199-12-31 by (year - 1900) × 372 + (month - 1) × 31 + day - 1; NaN for a date that does not exist. */
function dayTable(): Float64Array {
  const table = new Float64Array(300 * 372).fill(Number.NaN);
  const lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  for (let year = 1900; year < 2200; year++) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    for (let month = 1; month <= 12; month++) {
      const last = month === 2 && leap ? 29 : (lengths[month - 1] as number);
      for (let day = 1; day <= last; day++) table[(year - 1900) * 372 + (month - 1) * 31 + day - 1] = dayNumber(year, month, day);
    }
  }
  return table;
}
let days: Float64Array | undefined;

/**
 * The (key, period) pairs a once-per policy granted, as `GrantSet` (batch.ts) holds them but in one array of
 * pairs, an empty slot being NaN (keys are never NaN: a row without a key is not granted): one cache line per
 * probe instead of three, which counts when a part's sets outgrow the cache.
 */
export class GrantPairs {
  private slots = new Float64Array(1 << 17).fill(Number.NaN);
  private size = 0;

  private static first(key: number, period: number, mask: number): number {
    const high = (key / 4_294_967_296) | 0;
    return (Math.imul((key | 0) ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1) ^ Math.imul(period | 0, 0x85ebca6b)) & mask;
  }

  /** True when the pair is in the set. */
  has(key: number, period: number): boolean {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = GrantPairs.first(key, period, mask); ; slot = (slot + 1) & mask) {
      const held = slots[slot * 2] as number;
      if (held !== held) return false;
      if (held === key && slots[slot * 2 + 1] === period) return true;
    }
  }

  /** Adds the pair; false when it was already there. */
  add(key: number, period: number): boolean {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = GrantPairs.first(key, period, mask);
    for (;;) {
      const held = slots[slot * 2] as number;
      if (held !== held) break;
      if (held === key && slots[slot * 2 + 1] === period) return false;
      slot = (slot + 1) & mask;
    }
    slots[slot * 2] = key;
    slots[slot * 2 + 1] = period;
    if (++this.size * 2 > slots.length >> 1) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(Number.NaN);
    this.size = 0;
    for (let index = 0; index < old.length; index += 2) {
      const key = old[index] as number;
      if (key === key) this.add(key, old[index + 1] as number);
    }
  }
}

/**
 * Once-per limits on a chunk's rows for one policy, in place, as single evaluation applies them: an eligible
 * row without a key becomes undetermined, one whose key and period were granted before is suppressed, and a
 * first grant is marked in `firsts` with its period. One plain function for every policy: small, compiled once.
 */
function applyOncePer(set: GrantPairs, period: NonNullable<Policy['oncePer']>['period'], rows: number, keys: Float64Array, statuses: Uint8Array, days: Float64Array, firsts: Uint8Array, periods: Float64Array): void {
  for (let row = 0; row < rows; row++) {
    firsts[row] = 0;
    if (statuses[row] !== status.eligible) continue;
    const key = keys[row] as number;
    if (key !== key) {
      statuses[row] = status.undetermined;
      continue;
    }
    const code = period === 'ever' ? 0 : periodCode(period, days[row] as number);
    if (!set.add(key, code)) {
      statuses[row] = status.suppressed;
    } else {
      firsts[row] = 1;
      periods[row] = code;
    }
  }
}

/** A part's row functions, built from a plan, with the dictionary they code text with. */
export interface RowsRunner {
  /** handles every row in `b[p, limit)`, which must end in a line feed */
  rows(b: Uint8Array, p: number, limit: number, state: PartState): void;
  dictionary: Dictionary;
  /** the grants of once-per policies made so far, per policy (undefined: not limited) */
  grants: Array<GrantPairs | undefined>;
}

/** Builds the row functions of a plan (in any thread); chunks hold `chunk` rows, as `partState` sets. */
export function rowsRunner(plan: RowsPlan, chunk = 1024): RowsRunner {
  const dictionary = Dictionary.of(plan.dictionary);
  const schema: FactsSchema = { id: plan.schemaId, facts: new Map(plan.facts.map(([path, type]) => [path, { path, type, label: { zh: path, en: path }, question: { zh: path, en: path } }])) };
  const reader = new CsvColumns(schema, plan.header, plan.columns, dictionary, 1);
  const fieldCount = reader.names.length;
  const grants = plan.oncePer.map((limited) => (limited ? new GrantPairs() : undefined));
  // Columns the file lacks stay missing in every row.
  const columns = plan.absent.map((missing) => new Float64Array(chunk).fill(missing));
  const statuses = plan.policyIds.map(() => new Uint8Array(chunk));
  const amounts = plan.policyIds.map(() => new Float64Array(chunk));
  const dates = plan.policyIds.map(() => new Float64Array(chunk));
  const firsts = plan.policyIds.map(() => new Uint8Array(chunk));
  const periods = plan.policyIds.map(() => new Float64Array(chunk));
  const idStart = new Int32Array(chunk);
  const idEnd = new Int32Array(chunk);
  const scope: Record<string, unknown> = {
    ...compiledScope(plan.countyTables, plan.asOfDay),
    $end: fieldEnd,
    $read: (field: number, b: Uint8Array, start: number, end: number, line: number): number => {
      reader.line = line;
      return reader.fieldValue(field, b, start, end);
    },
    $fields: (b: Uint8Array, start: number, line: number): never => {
      let fields = 1;
      for (let index = fieldEnd(b, start); b[index] !== 0x0a; index = fieldEnd(b, index + 1)) {
        if (b[index] === 0x0d) break;
        fields++;
      }
      throw invalidInput(String(line), { zh: `第 ${line} 行有 ${fields} 列，表头有 ${fieldCount} 列`, en: `line ${line} has ${fields} fields; the header has ${fieldCount}` });
    },
    $days: (days ??= dayTable()),
    $yuan: writeYuan,
    $flush: (state: PartState, need: number): void => state.flush(state, need),
    $record: record,
    $columns: columns,
    $idStart: idStart,
    $idEnd: idEnd,
    $statuses: statuses,
    $amounts: amounts,
    $dates: dates,
    $firsts: firsts,
    $periods: periods,
    $shared: Array.from({ length: plan.shared }, () => new Float64Array(chunk)),
  };
  const names = Object.keys(scope);
  // The sources are made only of the generators' own text, indexes and numbers (see batch-rows.ts, compile.ts).
  const build = <T>(source: string): T => (new Function(...names, source) as (...args: unknown[]) => T)(...names.map((name) => scope[name]));
  const parse = build<(b: Uint8Array, p: number, limit: number, state: PartState) => number>(plan.sources.parse);
  const hoist = build<(rows: number) => number>(plan.sources.hoist);
  const evaluations = plan.sources.policies.map((source) => build<(rows: number) => number>(source));
  const precede = build<(rows: number) => number>(plan.sources.precede);
  const emit = build<(b: Uint8Array, rows: number, out: Uint8Array, o: number, counts: Float64Array, sums: Float64Array, track: boolean, base: number, state: PartState) => number>(plan.sources.emit);
  const bound = rowOutputBound(plan.policyIds.length);
  let warm = 0;
  return {
    rows(b, p, limit, state) {
      let position = p;
      while (position < limit) {
        // The first chunks are one row each, so that each function runs to its end a few times (enough for V8 to
        // keep type feedback) before the optimiser compiles it: code never run, after a loop, would otherwise be
        // compiled blind, thrown away on first use and compiled again.
        const size = state.chunk;
        if (warm < 16) state.chunk = 1;
        const start = position;
        position = parse(b, position, limit, state);
        state.chunk = size;
        warm++;
        const rows = state.rows;
        hoist(rows);
        for (const evaluate of evaluations) evaluate(rows);
        precede(rows);
        plan.oncePer.forEach((limit, index) => {
          if (limit) applyOncePer(grants[index] as GrantPairs, limit.period, rows, columns[limit.column] as Float64Array, statuses[index] as Uint8Array, dates[index] as Float64Array, firsts[index] as Uint8Array, periods[index] as Float64Array);
        });
        // A row's output is its first field, which it read, and at most `bound` bytes more.
        const need = position - start + rows * bound;
        if (state.o + need > state.out.length) state.flush(state, need);
        state.o = emit(b, rows, state.out, state.o, state.counts, state.sums, state.track, state.base, state);
      }
    },
    dictionary,
    grants,
  };
}

/**
 * Runs the rows of `[start, bounds.end)` of a file through the runner, reading through `read(buffer, offset,
 * length, position)` in blocks; `start` must begin a line, and the end end one or be the end of the file.
 * `beforeRead(position)`, called before each block is read, may lower `bounds.end` to a line start at or
 * after `position` (the bytes read so far), handing the rest to another thread.
 */
export function runPart(
  runner: RowsRunner,
  read: (buffer: Uint8Array, offset: number, length: number, position: number) => number,
  start: number,
  bounds: { end: number },
  state: PartState,
  blockBytes = 4 << 20,
  beforeRead?: (position: number) => void,
): void {
  // Spare bytes past a block: one for the line feed a last line without one is given, and room for the
  // readers' look-ahead (a date's ten bytes) past the last line, so that they never read out of bounds.
  const spare = 64;
  let buffer = new Uint8Array(blockBytes + spare);
  let filled = 0;
  let position = start;
  for (;;) {
    beforeRead?.(position);
    const end = bounds.end;
    while (filled < buffer.length - spare && position < end) {
      const count = read(buffer, filled, Math.min(buffer.length - spare - filled, end - position), position);
      if (count === 0) break;
      filled += count;
      position += count;
    }
    const final = position >= end || filled < buffer.length - spare;
    let limit = buffer.lastIndexOf(0x0a, filled - 1) + 1;
    if (final && filled > limit) {
      buffer[filled++] = 0x0a;
      limit = filled;
    }
    if (limit === 0) {
      if (final) break;
      // No whole line in a full buffer: a longer one.
      const larger = new Uint8Array(buffer.length * 2 + spare);
      larger.set(buffer.subarray(0, filled));
      buffer = larger;
      continue;
    }
    runner.rows(buffer, 0, limit, state);
    if (final) break;
    buffer.copyWithin(0, limit, filled);
    filled -= limit;
  }
}

