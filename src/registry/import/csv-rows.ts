/**
 * A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, CR LF or LF line ends, line breaks
 * inside quotes) fed text in chunks of any size, so a file of a million rows is never held whole. It is
 * written here rather than taken from a library because none is a dependency of the project, and the
 * import benchmark (bench/README.md) needs a reader that keeps well ahead of the database.
 */

const quote = 34;
const comma = 44;
const newline = 10;
const carriageReturn = 13;

/** Splits CSV text into rows of fields; feed it with `push`, finish with `end`. */
export class CsvRowSplitter {
  private field = '';
  private row: string[] = [];
  private inQuotes = false;
  /** A quote seen inside a quoted field at the end of a chunk: either an escape or the closing quote. */
  private pendingQuote = false;
  private afterCarriageReturn = false;

  /** Reads a chunk; returns the rows completed by it. */
  push(text: string): string[][] {
    const rows: string[][] = [];
    let index = 0;
    const length = text.length;
    if (length === 0) return rows;
    if (this.pendingQuote) {
      this.pendingQuote = false;
      if (length > 0 && text.charCodeAt(0) === quote) {
        this.field += '"';
        index = 1;
      } else {
        this.inQuotes = false;
      }
    }
    if (this.afterCarriageReturn) {
      this.afterCarriageReturn = false;
      if (text.charCodeAt(index) === newline) index += 1;
    }
    let segmentStart = index;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (this.inQuotes) {
        if (code !== quote) {
          index += 1;
          continue;
        }
        this.field += text.slice(segmentStart, index);
        if (index + 1 === length) {
          this.pendingQuote = true;
          return rows;
        }
        if (text.charCodeAt(index + 1) === quote) {
          this.field += '"';
          index += 2;
        } else {
          this.inQuotes = false;
          index += 1;
        }
        segmentStart = index;
        continue;
      }
      if (code === comma) {
        this.row.push(this.field + text.slice(segmentStart, index));
        this.field = '';
        index += 1;
        segmentStart = index;
      } else if (code === newline || code === carriageReturn) {
        this.row.push(this.field + text.slice(segmentStart, index));
        this.field = '';
        rows.push(this.row);
        this.row = [];
        index += 1;
        if (code === carriageReturn) {
          if (index === length) this.afterCarriageReturn = true;
          else if (text.charCodeAt(index) === newline) index += 1;
        }
        segmentStart = index;
      } else if (code === quote && index === segmentStart && this.field === '') {
        this.inQuotes = true;
        index += 1;
        segmentStart = index;
      } else {
        index += 1;
      }
    }
    this.field += text.slice(segmentStart, length);
    return rows;
  }

  /** Finishes the input; returns the last row when the text did not end with a line break. */
  end(): string[][] {
    this.inQuotes = false;
    this.pendingQuote = false;
    if (this.field === '' && this.row.length === 0) return [];
    this.row.push(this.field);
    this.field = '';
    const last = this.row;
    this.row = [];
    return [last];
  }
}

/**
 * A decoder for the bytes of a CSV file, chosen from its first chunk: UTF-16 or UTF-8 by their byte
 * order marks, UTF-8 when the first chunk is valid UTF-8, else GB18030 (which covers GBK and GB2312, as
 * Chinese Excel saves CSV).
 */
export function csvDecoder(firstChunk: Uint8Array): TextDecoder {
  if (firstChunk[0] === 0xff && firstChunk[1] === 0xfe) return new TextDecoder('utf-16le');
  if (firstChunk[0] === 0xfe && firstChunk[1] === 0xff) return new TextDecoder('utf-16be');
  if (firstChunk[0] === 0xef && firstChunk[1] === 0xbb && firstChunk[2] === 0xbf) return new TextDecoder('utf-8');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(firstChunk, { stream: true });
    return new TextDecoder('utf-8');
  } catch {
    return new TextDecoder('gb18030');
  }
}
