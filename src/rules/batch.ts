/**
 * Batch evaluation of a pack over a CSV of facts: chunks of rows are read into columns, evaluated by the
 * compiled pack, put through precedence and once-per limits exactly as single evaluation does, written
 * out as one line per row (the row's first field, then each policy's amount in yuan: empty when not
 * granted, `?` when undetermined) and added to totals per policy. Reading and writing go through the
 * callbacks the caller gives, so this module does no I/O itself.
 */
import { civil } from './functions.ts';
import { compilePack, status } from './compile.ts';
import { CsvColumns } from './csv-columns.ts';
import { missingBoolean } from './encoding.ts';
import type { ExclusiveGroup, Pack } from './pack.ts';
import type { Policy } from './policy.ts';

/** Totals of one policy over a run. */
export interface PolicyTotals {
  policy: string;
  benefit: Policy['benefit'];
  granted: number;
  /** sum of granted amounts, fen */
  amount: number;
  notEligible: number;
  undetermined: number;
  suppressed: number;
}

/** Where a batch reads its bytes from and writes them to. */
export interface BatchIo {
  /** fills `buffer` from `offset`, returning the number of bytes read (0 at the end) */
  read(buffer: Uint8Array, offset: number, length: number): number;
  write(bytes: Uint8Array): void;
}

/** Options of a batch run. */
export interface BatchOptions {
  asOfDay: number;
  chunkRows?: number;
  bufferBytes?: number;
}

/** Grants already made in a run, per policy: a hash set of (key, period) pairs in typed arrays. */
export class GrantSet {
  private keys = new Float64Array(1 << 16);
  private periods = new Float64Array(1 << 16);
  private used = new Uint8Array(1 << 16);
  private size = 0;

  private static slot(key: number, period: number, mask: number): number {
    const high = (key / 4_294_967_296) | 0;
    return (Math.imul((key | 0) ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1) ^ Math.imul(period | 0, 0x85ebca6b)) & mask;
  }

  /** Adds the pair; false when it was already there. */
  add(key: number, period: number): boolean {
    let mask = this.used.length - 1;
    let slot = GrantSet.slot(key, period, mask);
    while (this.used[slot] === 1) {
      if (this.keys[slot] === key && this.periods[slot] === period) return false;
      slot = (slot + 1) & mask;
    }
    this.used[slot] = 1;
    this.keys[slot] = key;
    this.periods[slot] = period;
    if (++this.size * 2 > this.used.length) {
      const { keys, periods, used } = this;
      this.keys = new Float64Array(used.length * 2);
      this.periods = new Float64Array(used.length * 2);
      this.used = new Uint8Array(used.length * 2);
      mask = this.used.length - 1;
      for (let index = 0; index < used.length; index++) {
        if (used[index] !== 1) continue;
        let target = GrantSet.slot(keys[index] as number, periods[index] as number, mask);
        while (this.used[target] === 1) target = (target + 1) & mask;
        this.used[target] = 1;
        this.keys[target] = keys[index] as number;
        this.periods[target] = periods[index] as number;
      }
    }
    return true;
  }
}

/** The period a day falls in, as a number, for once-per limits. */
export function periodCode(period: NonNullable<Policy['oncePer']>['period'], day: number): number {
  if (period === 'ever') return 0;
  if (period === 'day') return day;
  const [year, month] = civil(day);
  if (period === 'year') return year;
  if (period === 'half') return year * 2 + (month > 6 ? 1 : 0);
  if (period === 'quarter') return year * 4 + Math.floor((month - 1) / 3);
  return year * 12 + month - 1;
}

/** Applies one exclusivity group to row `row`, in place, as `applyGroup` does for single evaluation. */
function applyGroupAt(group: ExclusiveGroup, members: number[], statuses: Uint8Array[], amounts: Float64Array[], row: number): void {
  let anyEligible = false;
  for (const member of members) if ((statuses[member] as Uint8Array)[row] === status.eligible) anyEligible = true;
  if (!anyEligible) return;
  let winner = -1;
  let blocked = false;
  if (group.strategy === 'higher') {
    for (const member of members) {
      const code = (statuses[member] as Uint8Array)[row];
      if (code === status.undetermined) blocked = true;
      if (code === status.eligible && (winner < 0 || (amounts[member] as Float64Array)[row] as number > ((amounts[winner] as Float64Array)[row] as number))) winner = member;
    }
  } else {
    for (const member of members) {
      const code = (statuses[member] as Uint8Array)[row];
      if (code === status.eligible) {
        winner = member;
        break;
      }
      if (code === status.undetermined && group.strategy === 'priority') blocked = true;
    }
  }
  for (const member of members) {
    if ((statuses[member] as Uint8Array)[row] !== status.eligible) continue;
    if (blocked) {
      (statuses[member] as Uint8Array)[row] = status.undetermined;
      (amounts[member] as Float64Array)[row] = 0;
    } else if (member !== winner) {
      (statuses[member] as Uint8Array)[row] = status.suppressed;
    }
  }
}

/** Runs the pack over CSV bytes; returns the totals per policy. */
export function runBatch(pack: Pack, io: BatchIo, options: BatchOptions): PolicyTotals[] {
  const chunkRows = options.chunkRows ?? 16_384;
  const compiled = compilePack(pack, options.asOfDay);
  const policies = pack.policies;
  // A once-per key no rule reads still has to be read from the file.
  const keyColumns = policies.map((policy) => {
    if (!policy.oncePer) return -1;
    const index = compiled.columns.indexOf(policy.oncePer.key);
    return index >= 0 ? index : compiled.columns.push(policy.oncePer.key) - 1;
  });
  const grants = policies.map((policy) => (policy.oncePer ? new GrantSet() : undefined));
  const groups = pack.groups.map((group) => ({ group, members: group.policies.map((id) => policies.findIndex((policy) => policy.id === id)) }));

  let buffer = new Uint8Array(options.bufferBytes ?? 4 << 20);
  let filled = 0;
  let ended = false;
  const fill = (): void => {
    while (!ended && filled < buffer.length) {
      const read = io.read(buffer, filled, buffer.length - filled);
      if (read === 0) ended = true;
      filled += read;
    }
  };
  fill();
  let headerEnd = buffer.indexOf(0x0a);
  while (headerEnd < 0 && !ended) {
    const larger = new Uint8Array(buffer.length * 2);
    larger.set(buffer.subarray(0, filled));
    buffer = larger;
    fill();
    headerEnd = buffer.indexOf(0x0a);
  }
  const headerText = new TextDecoder().decode(buffer.subarray(0, headerEnd < 0 ? filled : headerEnd)).replace(/\r$/, '');
  const reader = new CsvColumns(pack.schema, headerText, compiled.columns, compiled.dictionary, chunkRows);
  const columns = compiled.columns.map((path) => {
    const column = new Float64Array(chunkRows);
    // Columns the file lacks stay missing in every row.
    column.fill(pack.schema.facts.get(path)?.type.kind === 'boolean' ? missingBoolean : Number.NaN);
    return column;
  });
  const statuses = policies.map(() => new Uint8Array(chunkRows));
  const amounts = policies.map(() => new Float64Array(chunkRows));
  const days = policies.map(() => new Float64Array(chunkRows));
  const policyCount = policies.length;
  const counts = new Float64Array(policyCount * 4);
  const sums = new Float64Array(policyCount);

  const encoder = new TextEncoder();
  const out = new Uint8Array(Math.max(1 << 20, chunkRows * (64 + policies.length * 16)));
  let outLength = 0;
  const firstName = reader.names[0] ?? 'row';
  const header = encoder.encode(`${firstName},${policies.map((policy) => policy.id).join(',')}\n`);
  out.set(header);
  outLength = header.length;
  const digits = new Uint8Array(24);

  let position = headerEnd < 0 ? filled : headerEnd + 1;
  for (;;) {
    const { rows, next } = reader.parse(buffer, position, filled, ended, columns);
    if (rows > 0) {
      compiled.run(columns, rows, statuses, amounts, days);
      for (let row = 0; row < rows; row++) {
        for (let group = 0; group < groups.length; group++) applyGroupAt((groups[group] as (typeof groups)[number]).group, (groups[group] as (typeof groups)[number]).members, statuses, amounts, row);
        for (let index = 0; index < policies.length; index++) {
          const set = grants[index];
          if (!set || (statuses[index] as Uint8Array)[row] !== status.eligible) continue;
          const key = (columns[keyColumns[index] as number] as Float64Array)[row] as number;
          if (key !== key) {
            (statuses[index] as Uint8Array)[row] = status.undetermined;
          } else if (!set.add(key, periodCode((policies[index] as Policy).oncePer?.period ?? 'ever', (days[index] as Float64Array)[row] as number))) {
            (statuses[index] as Uint8Array)[row] = status.suppressed;
          }
        }
      }
      // Write the rows and count them: counters live in typed arrays, indexed policy × outcome.
      for (let row = 0; row < rows; row++) {
        const idStart = reader.idStart[row] as number;
        const idEnd = reader.idEnd[row] as number;
        for (let byte = idStart; byte < idEnd; byte++) out[outLength++] = buffer[byte] as number;
        for (let index = 0; index < policyCount; index++) {
          out[outLength++] = 0x2c;
          const code = (statuses[index] as Uint8Array)[row] as number;
          counts[index * 4 + code] = (counts[index * 4 + code] as number) + 1;
          if (code === status.eligible) {
            const fen = (amounts[index] as Float64Array)[row] as number;
            sums[index] = (sums[index] as number) + fen;
            outLength = writeYuan(out, outLength, fen, digits);
          } else if (code === status.undetermined) {
            out[outLength++] = 0x3f;
          }
        }
        out[outLength++] = 0x0a;
      }
      if (outLength > out.length - chunkRows * (64 + policies.length * 16)) {
        io.write(out.subarray(0, outLength));
        outLength = 0;
      }
    }
    position = next;
    if (position >= filled && ended) break;
    if (rows === reader.chunkRows) continue;
    // The buffer holds no whole row more: keep the unread tail and read on.
    if (position === 0 && filled === buffer.length) {
      const larger = new Uint8Array(buffer.length * 2);
      larger.set(buffer);
      buffer = larger;
    } else {
      buffer.copyWithin(0, position, filled);
      filled -= position;
      position = 0;
    }
    fill();
  }
  if (outLength > 0) io.write(out.subarray(0, outLength));
  return policies.map((policy, index) => ({
    policy: policy.id,
    benefit: policy.benefit,
    granted: counts[index * 4 + status.eligible] as number,
    amount: sums[index] as number,
    notEligible: counts[index * 4 + status.notEligible] as number,
    undetermined: counts[index * 4 + status.undetermined] as number,
    suppressed: counts[index * 4 + status.suppressed] as number,
  }));
}

/** Writes fen as yuan with two decimals (`3000.00`) into `out` at `at`; returns the new end. */
export function writeYuan(out: Uint8Array, at: number, fen: number, scratch: Uint8Array): number {
  let position = at;
  let value = fen;
  if (value < 0) {
    out[position++] = 0x2d;
    value = -value;
  }
  let length = 0;
  let whole = Math.floor(value / 100);
  const cents = value - whole * 100;
  do {
    scratch[length++] = 0x30 + (whole % 10);
    whole = Math.floor(whole / 10);
  } while (whole > 0);
  while (length > 0) out[position++] = scratch[--length] as number;
  out[position++] = 0x2e;
  out[position++] = 0x30 + Math.floor(cents / 10);
  out[position++] = 0x30 + (cents % 10);
  return position;
}
