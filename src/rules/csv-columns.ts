/**
 * Reading a CSV of facts (one row per person or hire, a header of fact paths) straight from bytes into
 * the columns batch evaluation uses (encoding.ts), without making an object or, for numbers, dates,
 * booleans, enums and numeric ids, even a string per row. Columns no rule reads are skipped. A value of
 * the wrong type is refused naming the row and the column.
 */
import { invalidInput } from '../kernel/errors.ts';
import { Dictionary, missingBoolean } from './encoding.ts';
import { readFact } from './facts.ts';
import { carriageReturn, choiceSlot, choiceTable, comma, dayNumber, isDelimiter, kindBoolean, kindCodes, kindDate, kindEnum, kindList, kindMoney, kindMonths, kindNumber, kindString, newline } from './csv-bytes.ts';
import { typeName, type FactsSchema, type RuleType } from './types.ts';

const quote = 0x22;
const bar = 0x7c;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface Target {
  /** index of the column it fills, or -1 when no rule reads it */
  column: number;
  path: string;
  type: RuleType;
  /** the enum values as bytes, with their codes (dictionary codes, or bit positions for lists) */
  choices: Array<{ bytes: Uint8Array; code: number }>;
  /** open-addressed hash table of the choices (index + 1), 64 slots */
  table: Int32Array;
}

const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Fills chunk columns from CSV bytes. */
export class CsvColumns {
  readonly names: string[] = [];
  private readonly targets: Target[] = [];
  /** each field's kind code, for the fast path (0: none) */
  private readonly kinds: number[] = [];
  /** byte offsets of each parsed row's first field, for echoing it in the output */
  readonly idStart: Int32Array;
  readonly idEnd: Int32Array;
  /** the 1-based line number of the next row, for messages */
  line = 2;
  private lastDateKey = -1;
  private lastDateDay = 0;

  constructor(
    schema: FactsSchema,
    header: string,
    private readonly columns: string[],
    private readonly dictionary: Dictionary,
    readonly chunkRows: number,
  ) {
    this.idStart = new Int32Array(chunkRows);
    this.idEnd = new Int32Array(chunkRows);
    for (const raw of header.replace(/^\uFEFF/, '').split(',')) {
      const path = raw.trim();
      const spec = schema.facts.get(path);
      if (!spec) throw invalidInput(path, { zh: `表头「${path}」不在事实表 ${schema.id} 中`, en: `header "${path}" is not in the facts schema ${schema.id}` });
      this.names.push(path);
      const enumType = spec.type.kind === 'enum' ? spec.type : spec.type.kind === 'list' && spec.type.of.kind === 'enum' ? spec.type.of : undefined;
      const choices = (enumType?.values ?? []).map((value, index) => ({
        bytes: encoder.encode(value),
        code: spec.type.kind === 'list' ? index : dictionary.encode(value),
      }));
      if (choices.length > 31) {
        throw invalidInput(path, { zh: `「${path}」的可选值超过 31 个，批量计算不支持`, en: `"${path}" has more than 31 values, which batch evaluation does not support` });
      }
      this.targets.push({ column: columns.indexOf(path), path, type: spec.type, choices, table: choiceTable(choices) });
      this.kinds.push(spec.type.kind === 'list' && spec.type.of.kind !== 'enum' ? 0 : kindCodes[spec.type.kind]);
    }
  }

  /** Each field of the header: its path, type, the column it fills (-1: none) and its enum choices with their codes. */
  fields(): Array<{ path: string; type: RuleType; column: number; choices: Array<{ bytes: Uint8Array; code: number }> }> {
    return this.targets.map((target) => ({ path: target.path, type: target.type, column: target.column, choices: target.choices }));
  }

  /** The value of field `field` (header position) in `bytes[start, end)`, read by the general rules; refused naming `line`. */
  fieldValue(field: number, bytes: Uint8Array, start: number, end: number): number {
    return this.value(this.targets[field] as Target, bytes, start, end);
  }

  /** The columns the rules read that the file does not have: every row lacks them. */
  absentColumns(): string[] {
    return this.columns.filter((path) => !this.names.includes(path));
  }

  private refuse(target: Target, text: string): never {
    throw invalidInput(`${this.line}:${target.path}`, {
      zh: `第 ${this.line} 行「${target.path}」应为 ${typeName(target.type)}，收到「${text}」`,
      en: `line ${this.line}, column "${target.path}": expected ${typeName(target.type)}, got "${text}"`,
    });
  }

  private matchChoice(target: Target, bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    // Most fields are one of a few values: look up the slot of the bytes' hash, then confirm byte by byte.
    let slot = choiceSlot(length, bytes[start + (length >> 1)] as number, bytes[end - 1] as number);
    for (;;) {
      const entry = target.table[slot] as number;
      if (entry === 0) break;
      const choice = target.choices[entry - 1] as { bytes: Uint8Array; code: number };
      if (choice.bytes.length === length) {
        let same = true;
        for (let k = 0; k < length; k++) {
          if (bytes[start + k] !== choice.bytes[k]) {
            same = false;
            break;
          }
        }
        if (same) return choice.code;
      }
      slot = (slot + 1) & 63;
    }
    for (const choice of target.choices) {
      if (choice.bytes.length !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++) {
        if (bytes[start + k] !== choice.bytes[k]) {
          same = false;
          break;
        }
      }
      if (same) return choice.code;
    }
    return this.refuse(target, decoder.decode(bytes.subarray(start, end)));
  }

  /** The value of a field in the column encoding; NaN (or 2 for booleans) when empty. */
  private value(target: Target, bytes: Uint8Array, start: number, end: number): number {
    const kind = target.type.kind;
    if (start === end) return kind === 'boolean' ? missingBoolean : Number.NaN;
    if (bytes[start] === quote) return this.quoted(target, decoder.decode(bytes.subarray(start, end)));
    switch (kind) {
      case 'number':
      case 'months':
      case 'money': {
        let index = start;
        const negative = bytes[index] === 0x2d;
        if (negative) index++;
        let whole = 0;
        let digits = 0;
        while (index < end && (bytes[index] as number) >= 0x30 && (bytes[index] as number) <= 0x39) {
          whole = whole * 10 + ((bytes[index] as number) - 0x30);
          index++;
          digits++;
        }
        let fraction = 0;
        let scale = 1;
        if (index < end && bytes[index] === 0x2e) {
          index++;
          while (index < end && (bytes[index] as number) >= 0x30 && (bytes[index] as number) <= 0x39) {
            fraction = fraction * 10 + ((bytes[index] as number) - 0x30);
            scale *= 10;
            index++;
          }
          if (scale === 1) digits = 0;
        }
        // Money may carry the 元 sign (E5 85 83) after the digits.
        if (kind === 'money' && index + 3 === end && bytes[index] === 0xe5 && bytes[index + 1] === 0x85 && bytes[index + 2] === 0x83) index = end;
        if (digits === 0 || index !== end || digits > 15) return this.quoted(target, decoder.decode(bytes.subarray(start, end)));
        let value: number;
        if (kind === 'money') {
          if (scale > 100) return this.refuse(target, decoder.decode(bytes.subarray(start, end)));
          value = whole * 100 + fraction * (100 / scale);
        } else {
          if (kind === 'months' && scale !== 1) return this.refuse(target, decoder.decode(bytes.subarray(start, end)));
          value = scale === 1 ? whole : (whole * scale + fraction) / scale;
        }
        return negative ? -value : value;
      }
      case 'date': {
        if (end - start !== 10 || bytes[start + 4] !== 0x2d || bytes[start + 7] !== 0x2d) return this.refuse(target, decoder.decode(bytes.subarray(start, end)));
        const y0 = (bytes[start] as number) - 0x30;
        const y1 = (bytes[start + 1] as number) - 0x30;
        const y2 = (bytes[start + 2] as number) - 0x30;
        const y3 = (bytes[start + 3] as number) - 0x30;
        const m0 = (bytes[start + 5] as number) - 0x30;
        const m1 = (bytes[start + 6] as number) - 0x30;
        const d0 = (bytes[start + 8] as number) - 0x30;
        const d1 = (bytes[start + 9] as number) - 0x30;
        // One unsigned comparison per character: a byte that is not a digit wraps past 9.
        if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9) {
          return this.refuse(target, decoder.decode(bytes.subarray(start, end)));
        }
        const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
        const month = m0 * 10 + m1;
        const day = d0 * 10 + d1;
        const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
        if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && !leap ? 28 : (monthDays[month - 1] as number)))) {
          return this.refuse(target, decoder.decode(bytes.subarray(start, end)));
        }
        const key = year * 10_000 + month * 100 + day;
        if (key === this.lastDateKey) return this.lastDateDay;
        this.lastDateKey = key;
        this.lastDateDay = dayNumber(year, month, day);
        return this.lastDateDay;
      }
      case 'boolean':
        if (end - start === 1 && bytes[start] === 0x31) return 1;
        if (end - start === 1 && bytes[start] === 0x30) return 0;
        return this.quoted(target, decoder.decode(bytes.subarray(start, end)));
      case 'enum':
        return this.matchChoice(target, bytes, start, end);
      case 'list': {
        if (target.type.kind !== 'list' || target.type.of.kind !== 'enum') return this.quoted(target, decoder.decode(bytes.subarray(start, end)));
        // `[]` is the empty list; an empty field is a list not known.
        if (end - start === 2 && bytes[start] === 0x5b && bytes[start + 1] === 0x5d) return 0;
        let mask = 0;
        let itemStart = start;
        for (let index = start; index <= end; index++) {
          if (index === end || bytes[index] === bar) {
            if (index > itemStart) mask |= 1 << this.matchChoice(target, bytes, itemStart, index);
            itemStart = index + 1;
          }
        }
        return mask;
      }
      default: {
        let numeric = end - start <= 15 && (bytes[start] !== 0x30 || end - start === 1);
        let value = 0;
        for (let index = start; numeric && index < end; index++) {
          const code = (bytes[index] as number) - 0x30;
          if (code < 0 || code > 9) numeric = false;
          else value = value * 10 + code;
        }
        return numeric ? value : this.dictionary.encode(decoder.decode(bytes.subarray(start, end)));
      }
    }
  }

  /** The slow path: a quoted or unusual field, read as text by the same rules as single evaluation. */
  private quoted(target: Target, field: string): number {
    const text = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
    let value;
    try {
      value = readFact(target.path, target.type, text);
    } catch {
      return this.refuse(target, text);
    }
    if (value === undefined) return target.type.kind === 'boolean' ? missingBoolean : Number.NaN;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'number') return value;
    if (typeof value === 'string') return this.dictionary.encode(value);
    let mask = 0;
    for (const item of value) mask |= 1 << target.choices.findIndex((choice) => decoder.decode(choice.bytes) === item);
    return mask;
  }

  /**
   * The fast path for one field: reads the value straight from the bytes and stores it, returning the
   * offset of the delimiter after it, or -1 when the field is not in the plain form (then the caller
   * scans for the delimiter and reads the field by the general rules). One pass over the bytes.
   */
  private fast(target: Target, kind: number, bytes: Uint8Array, start: number, end: number, column: Float64Array, row: number): number {
    let index = start;
    if (isDelimiter(bytes[start] as number)) return -1;
    switch (kind) {
      case kindNumber:
      case kindMonths:
      case kindMoney:
      case kindString: {
        let value = 0;
        let digits = 0;
        while (index < end) {
          const code = (bytes[index] as number) - 0x30;
          if ((code >>> 0) > 9) break;
          value = value * 10 + code;
          index++;
          digits++;
        }
        if (index >= end || !isDelimiter(bytes[index] as number) || digits === 0 || digits > 15) return -1;
        if (kind === kindString && digits > 1 && bytes[start] === 0x30) return -1;
        column[row] = kind === kindMoney ? value * 100 : value;
        return index;
      }
      case kindDate:
        if (start + 10 >= end || !isDelimiter(bytes[start + 10] as number)) return -1;
        column[row] = this.value(target, bytes, start, start + 10);
        return start + 10;
      case kindBoolean: {
        const byte = bytes[start] as number;
        if (start + 1 >= end || (byte !== 0x31 && byte !== 0x30) || !isDelimiter(bytes[start + 1] as number)) return -1;
        column[row] = byte - 0x30;
        return start + 1;
      }
      case kindEnum:
      case kindList: {
        let mask = 0;
        for (;;) {
          let matched = -1;
          for (const choice of target.choices) {
            const length = choice.bytes.length;
            if (index + length >= end) continue;
            let same = true;
            for (let k = 0; k < length; k++) {
              if (bytes[index + k] !== choice.bytes[k]) {
                same = false;
                break;
              }
            }
            const after = bytes[index + length] as number;
            if (same && (isDelimiter(after) || (kind === kindList && after === bar))) {
              matched = choice.code;
              index += length;
              break;
            }
          }
          if (matched < 0) return -1;
          if (kind === kindEnum) {
            column[row] = matched;
            return index;
          }
          mask |= 1 << matched;
          if (bytes[index] !== bar) break;
          index++;
        }
        column[row] = mask;
        return index;
      }
      default:
        return -1;
    }
  }

  /**
   * Parses whole rows from `bytes[start, end)` into the chunk columns, at most `chunkRows` of them.
   * Returns the rows parsed and the offset after the last one; a row cut off by `end` is left for the
   * next call unless `final` is set.
   */
  parse(bytes: Uint8Array, start: number, end: number, final: boolean, into: Float64Array[]): { rows: number; next: number } {
    const targets = this.targets;
    const kinds = this.kinds;
    const count = targets.length;
    const fieldColumns: Array<Float64Array | undefined> = targets.map((target) => (target.column >= 0 ? into[target.column] : undefined));
    const chunkRows = this.chunkRows;
    const idStart = this.idStart;
    const idEnd = this.idEnd;
    let rows = 0;
    let position = start;
    while (rows < chunkRows && position < end) {
      let index = position;
      let field = 0;
      let complete = true;
      for (;;) {
        const fieldStart = index;
        const column = fieldColumns[field];
        let fieldEnd = column === undefined || index >= end ? -1 : this.fast(targets[field] as Target, kinds[field] as number, bytes, index, end, column, rows);
        let byte = 0;
        if (fieldEnd >= 0) {
          index = fieldEnd;
          byte = bytes[index] as number;
        } else {
          if (bytes[index] === quote) {
            // A quoted field may hold commas: skip to its closing quote.
            index++;
            while (index < end && !(bytes[index] === quote && bytes[index + 1] !== quote)) index += bytes[index] === quote ? 2 : 1;
            index++;
          }
          while (index < end) {
            byte = bytes[index] as number;
            if (byte === comma || byte === newline) break;
            index++;
          }
          if (index >= end && !final) {
            complete = false;
            break;
          }
          fieldEnd = index;
          if (fieldEnd > fieldStart && bytes[fieldEnd - 1] === carriageReturn && (index >= end || byte === newline)) fieldEnd--;
          if (column !== undefined) column[rows] = this.value(targets[field] as Target, bytes, fieldStart, fieldEnd);
        }
        if (field === 0) {
          idStart[rows] = fieldStart;
          idEnd[rows] = fieldEnd;
        }
        field++;
        if (byte === carriageReturn && index < end) {
          // The fast path stops at CR: the line ends at the LF after it.
          if (index + 1 >= end && !final) {
            complete = false;
            break;
          }
          index++;
          byte = bytes[index] as number;
        }
        index++;
        if (index > end || byte !== comma) break;
      }
      if (!complete) break;
      this.line++;
      if (field === 1 && idEnd[rows] === idStart[rows]) {
        position = index;
        continue;
      }
      if (field !== count) {
        throw invalidInput(String(this.line - 1), { zh: `第 ${this.line - 1} 行有 ${field} 列，表头有 ${count} 列`, en: `line ${this.line - 1} has ${field} fields; the header has ${count}` });
      }
      rows++;
      position = index;
    }
    return { rows, next: Math.min(position, end) };
  }
}
