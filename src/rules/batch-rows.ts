/**
 * Generated code of a batch run besides the compiled policies (compile.ts). `parse`, made for one file
 * header, reads each CSV row straight from its bytes into chunk columns, with one specialised reader per
 * header field (digits, dates, 0/1, enum values by their bytes) and no string or object per row; a field
 * not in the plain form goes to the general reader (`CsvColumns.fieldValue`), which refuses a wrong value
 * naming the line and the column, so both paths accept and refuse alike. The compiled policies run as small
 * functions over the chunk (`evaluationSources`), `precede` applies the exclusivity groups, and `emit` writes
 * each row's output line and counts the totals. The code is made of this generator's text, column, field and
 * policy indexes and numbers, as compile.ts's is: no pack text reaches it.
 */
import type { CompiledRules } from './compile.ts';
import type { ExclusiveGroup } from './pack.ts';
import type { Policy } from './policy.ts';
import type { RuleType } from './types.ts';

/** What the generator needs to know of a header field. */
export interface RowField {
  type: RuleType;
  /** the column (fact local `f<column>`) it fills, or -1 when no rule reads it */
  column: number;
  choices: Array<{ bytes: Uint8Array; code: number }>;
}

/** Upper bound of the output bytes of one row besides its first field: a comma and an amount per policy, the newline. */
export function rowOutputBound(policies: number): number {
  return policies * 40 + 2;
}

// True when the byte at `x` ends a field: a comma, a line feed, or a carriage return before one.
const ends = (x: string): string => `(b[${x}] === 44 || b[${x}] === 10 || (b[${x}] === 13 && b[${x} + 1] === 10))`;

/** A function `m<field>(b, start, length)` giving the code of the enum value in the bytes (codes may be negative), or NaN. */
function matcher(field: number, choices: RowField['choices']): string {
  const byLength = new Map<number, RowField['choices']>();
  for (const choice of choices) byLength.set(choice.bytes.length, [...(byLength.get(choice.bytes.length) ?? []), choice]);
  const cases = [...byLength].map(([length, group]) => {
    const tests = group.map((choice) => `if (${[...choice.bytes].map((byte, index) => `b[s + ${index}] === ${byte}`).join(' && ') || 'true'}) return ${choice.code};`);
    return `case ${length}: ${tests.join(' ')} break;`;
  });
  return `function m${field}(b, s, n) { switch (n) { ${cases.join(' ')} } return NaN; }`;
}

/** The statements that read field `field` at `p` into its local and leave `p` on the byte after it. */
function fieldReader(field: number, spec: RowField): string {
  const target = `c${spec.column}[n]`;
  const general = `{ q = $end(b, p); ${target} = $read(${field}, b, p, q, line); p = q; }`;
  if (spec.column < 0) return `if (b[p] === 34) p = $end(b, p); else { while ((c = b[p]) !== 44 && c !== 10) p++; if (c === 10 && p > fieldStart && b[p - 1] === 13) p--; }`;
  switch (spec.type.kind) {
    case 'number':
    case 'months':
    case 'money':
    case 'string': {
      const plain = spec.type.kind === 'string' ? ' && (b[p] !== 48 || q - p === 1)' : '';
      const value = spec.type.kind === 'money' ? 'v * 100' : 'v';
      return `q = p; v = 0; while ((c = b[q] - 48) >>> 0 <= 9) { v = v * 10 + c; q++; }
      if (q > p && q - p <= 15 && ${ends('q')}${plain}) { ${target} = ${value}; p = q; }
      else if (${ends('p')}) ${target} = NaN;
      else ${general}`;
    }
    case 'date':
      // All ten bytes are checked in one test: (byte - 48) | (57 - byte) is negative unless the byte is a digit.
      return `if (b[p + 4] === 45 && b[p + 7] === 45 && ${ends('p + 10')}
        && ((b[p] - 48) | (57 - b[p]) | (b[p + 1] - 48) | (57 - b[p + 1]) | (b[p + 2] - 48) | (57 - b[p + 2]) | (b[p + 3] - 48) | (57 - b[p + 3]) | (b[p + 5] - 48) | (57 - b[p + 5]) | (b[p + 6] - 48) | (57 - b[p + 6]) | (b[p + 8] - 48) | (57 - b[p + 8]) | (b[p + 9] - 48) | (57 - b[p + 9])) >= 0
        && (y = (b[p] - 48) * 1000 + (b[p + 1] - 48) * 100 + (b[p + 2] - 48) * 10 + (b[p + 3] - 48)) >= 1900 && y < 2200
        && (m = (b[p + 5] - 48) * 10 + (b[p + 6] - 48)) - 1 >>> 0 < 12 && (d = (b[p + 8] - 48) * 10 + (b[p + 9] - 48)) - 1 >>> 0 < 31
        && (v = $days[(y - 1900) * 372 + (m - 1) * 31 + d - 1]) === v) { ${target} = v; p += 10; }
      else if (${ends('p')}) ${target} = NaN;
      else ${general}`;
    case 'boolean':
      return `c = b[p]; if ((c === 48 || c === 49) && ${ends('p + 1')}) { ${target} = c - 48; p++; }
      else if (${ends('p')}) ${target} = 2;
      else ${general}`;
    case 'enum':
      return `q = p; while ((c = b[q]) !== 44 && c !== 10 && c !== 13) q++;
      if (q > p && ${ends('q')} && (v = m${field}(b, p, q - p)) === v) { ${target} = v; p = q; }
      else if (${ends('p')}) ${target} = NaN;
      else ${general}`;
    case 'list':
      if (spec.type.of.kind !== 'enum') return general;
      return `if (b[p] === 91 && b[p + 1] === 93 && ${ends('p + 2')}) { ${target} = 0; p += 2; }
      else {
        v = 0; q = p;
        for (;;) {
          r = q; while ((c = b[r]) !== 124 && c !== 44 && c !== 10 && c !== 13) r++;
          c = r > q ? m${field}(b, q, r - q) : NaN;
          if (c !== c) { v = -1; break; }
          v |= 1 << c;
          if (b[r] !== 124) break;
          q = r + 1;
        }
        if (v >= 0 && ${ends('r')}) { ${target} = v; p = r; }
        else if (${ends('p')}) ${target} = NaN;
        else ${general}
      }`;
    default:
      return general;
  }
}

/** Precedence within one exclusivity group, as `applyGroup` does for single evaluation, on the locals `S<i>`/`A<i>`. */
function groupCode(group: ExclusiveGroup, members: number[]): string {
  const choose =
    group.strategy === 'higher'
      ? members.map((m) => `if (S${m} === 2) gb = true; if (S${m} === 1 && (gw < 0 || A${m} > ga)) { gw = ${m}; ga = A${m}; }`).join('\n        ')
      : `choose: { ${members.map((m) => `if (S${m} === 1) { gw = ${m}; break choose; }${group.strategy === 'priority' ? ` if (S${m} === 2) gb = true;` : ''}`).join(' ')} }`;
  return `if (${members.map((m) => `S${m} === 1`).join(' || ')}) {
        let gw = -1, gb = false, ga = 0;
        ${choose}
        ${members.map((m) => `if (S${m} === 1) { if (gb) { S${m} = 2; A${m} = 0; } else if (gw !== ${m}) S${m} = 3; }`).join('\n        ')}
      }`;
}

/** The policies' parts the generator reads. */
export interface RowPolicy {
  oncePer: Policy['oncePer'];
  /** the column of the once-per key, or -1 */
  keyColumn: number;
}

/**
 * The source of a factory returning `parse(b, p, limit, st)`: it reads rows from `b[p, limit)` (which must end
 * in a line feed) into the chunk columns `$columns` and the first fields' offsets, at most `st.chunk` rows;
 * sets `st.rows` and returns the offset after the last row read.
 */
export function parseSource(columns: number, fields: RowField[]): string {
  const reads = fields.map((spec, field) => {
    const last = field === fields.length - 1;
    const echo = field === 0 ? 'idE = p;' : '';
    const blank = field === 0 ? 'if (idE === rowStart && b[p] !== 44) { p += b[p] === 13 ? 2 : 1; line++; continue; }' : '';
    const next = last
      ? 'if (b[p] === 10) p++; else if (b[p] === 13 && b[p + 1] === 10) p += 2; else $fields(b, rowStart, line);'
      : 'if (b[p] === 44) p++; else $fields(b, rowStart, line);';
    return `fieldStart = p;\n      ${fieldReader(field, spec)}\n      ${echo} ${blank}\n      ${next}`;
  });
  return `"use strict";
${fields.map((spec, field) => (spec.type.kind === 'enum' || (spec.type.kind === 'list' && spec.type.of.kind === 'enum') ? matcher(field, spec.choices) : '')).join('\n')}
${Array.from({ length: columns }, (_, column) => `const c${column} = $columns[${column}];`).join(' ')}
return function parse(b, p, limit, st) {
  let line = st.line, n = 0;
  const chunk = st.chunk;
  
  let q = 0, r = 0, c = 0, v = 0, y = 0, m = 0, d = 0, fieldStart = 0, idE = 0;
  while (p < limit && n < chunk) {
    const rowStart = p;
    ${reads.join('\n    ')}
    $idStart[n] = rowStart;
    $idEnd[n] = idE;
    n++;
    line++;
  }
  st.line = line;
  st.rows = n;
  return p;
};`;
}

/**
 * The source of a factory returning `precede(rows)`: the exclusivity groups applied to each of the chunk's
 * evaluated rows, in place in the outcome arrays, as single evaluation applies them (once-per limits come
 * after, in batch-part.ts).
 */
export function precedenceSource(groups: Array<{ group: ExclusiveGroup; members: number[] }>): string {
  const touched = [...new Set(groups.flatMap(({ members }) => members))].sort((x, y) => x - y);
  return `"use strict";
${touched.map((index) => `const status${index} = $statuses[${index}], amount${index} = $amounts[${index}];`).join('\n')}
return function precede(rows) {
  for (let i = 0; i < rows; i++) {
    ${touched.map((index) => `let S${index} = status${index}[i], A${index} = amount${index}[i];`).join('\n    ')}
    ${groups.map(({ group, members }) => groupCode(group, members)).join('\n    ')}
    ${touched.map((index) => `status${index}[i] = S${index}; amount${index}[i] = A${index};`).join(' ')}
  }
  return rows;
};`;
}

/**
 * The source of a factory returning `emit(b, rows, out, o, counts, sums, track, base, st)`: the output line of each
 * of the chunk's rows, written at `out[o]` (which must have room), and the totals; returns the new end.
 * With `track`, each first grant is recorded (`$record`) with its key, period and where its amount went.
 */
export function emitSource(policies: RowPolicy[]): string {
  const keys = [...new Set(policies.filter((policy) => policy.oncePer).map((policy) => policy.keyColumn))];
  // '?' for undetermined (2) is written without a branch of its own: a branch first taken after the optimiser
  // compiled the loop costs a recompilation, and some policies are rarely undetermined.
  const outputs = policies.map((policy, index) => {
    const record = policy.oncePer ? `if (track && first${index}[i] === 1) $record(st, ${index}, key${policy.keyColumn}[i], period${index}[i], base + at, o - at, A);` : '';
    return `out[o++] = 44; c = status${index}[i]; counts[${index * 4} + c] += 1;
      if (c === 1) { at = o; A = amount${index}[i]; sums[${index}] += A; o = $yuan(out, o, A, scratch); ${record} }
      else { out[o] = 63; o += (c >> 1) & ~c & 1; }`;
  });
  return `"use strict";
const scratch = new Uint8Array(24);
${keys.map((column) => `const key${column} = $columns[${column}];`).join(' ')}
${policies.map((policy, index) => `const status${index} = $statuses[${index}], amount${index} = $amounts[${index}];${policy.oncePer ? ` const first${index} = $firsts[${index}], period${index} = $periods[${index}];` : ''}`).join('\n')}
return function emit(b, rows, out, o, counts, sums, track, base, st) {
  let c = 0, at = 0, A = 0;
  for (let i = 0; i < rows; i++) {
    const idE = $idEnd[i];
    for (let x = $idStart[i]; x < idE; x++) out[o++] = b[x];
    ${outputs.join('\n    ')}
    out[o++] = 10;
  }
  return o;
};`;
}

/**
 * The compiled policies (compile.ts, stored with `storeInArrays`) as several small functions over a chunk:
 * `hoist(rows)` computes the shared subexpressions into the columns `$shared`, then one `policy(rows)` per
 * policy reads only the facts and shared values it uses. Small functions are optimised sooner and cheaper
 * than one that evaluates every policy, and each loop stays tight.
 */
export function evaluationSources(rules: CompiledRules): { hoist: string; policies: string[] } {
  const used = (code: string, letter: string): number[] => [...new Set([...code.matchAll(new RegExp(`\\b${letter}(\\d+)\\b`, 'g'))].map((match) => Number(match[1])))].sort((a, b) => a - b);
  const reads = (columns: number[]): string => columns.map((column) => `const f${column} = c${column}[i];`).join(' ');
  const sources = (columns: number[]): string => columns.map((column) => `const c${column} = $columns[${column}];`).join(' ');
  const hoisted = rules.hoisted.join('\n    ');
  const hoistColumns = used(hoisted, 'f');
  const shared = rules.hoisted.map((_, index) => index);
  const hoist = `"use strict";
${rules.helpers}
${sources(hoistColumns)}
${shared.map((index) => `const h${index} = $shared[${index}];`).join(' ')}
return function hoist(rows) {
  for (let i = 0; i < rows; i++) {
    ${reads(hoistColumns)}
    ${hoisted}
    ${shared.map((index) => `h${index}[i] = s${index};`).join(' ')}
  }
  return rows;
};`;
  const policies = rules.policies.map((block, index) => {
    const columns = used(block, 'f');
    const values = used(block, 's');
    return `"use strict";
${rules.helpers}
${sources(columns)}
${values.map((value) => `const h${value} = $shared[${value}];`).join(' ')}
const status${index} = $statuses[${index}], amount${index} = $amounts[${index}], day${index} = $dates[${index}];
return function policy(rows) {
  for (let i = 0; i < rows; i++) {
    ${reads(columns)} ${values.map((value) => `const s${value} = h${value}[i];`).join(' ')}
    ${block}
  }
  return rows;
};`;
  });
  return { hoist, policies };
}
