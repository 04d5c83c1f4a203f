import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvDecoder, CsvRowSplitter } from './csv-rows.ts';

function formatField(field: string): string {
  return /[",\r\n]/.test(field) || field === '' ? `"${field.replace(/"/g, '""')}"` : field;
}

function splitAll(text: string, cuts: number[]): string[][] {
  const splitter = new CsvRowSplitter();
  const rows: string[][] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    rows.push(...splitter.push(text.slice(from, cut)));
    from = Math.max(from, cut);
  }
  rows.push(...splitter.push(text.slice(from)), ...splitter.end());
  return rows;
}

describe('CsvRowSplitter', () => {
  it('reads quoted fields, doubled quotes and line breaks inside quotes', () => {
    expect(splitAll('a,"b,c","say ""hi""\nthere"\r\nd,,e\n', [])).toEqual([
      ['a', 'b,c', 'say "hi"\nthere'],
      ['d', '', 'e'],
    ]);
  });

  it('keeps a last row without a line break', () => {
    expect(splitAll('x,y\n1,2', [])).toEqual([['x', 'y'], ['1', '2']]);
  });

  it('reads back what it is given, however the text is cut into chunks', () => {
    const field = fc.string({ unit: fc.constantFrom('a', '张', ',', '"', '\n', '\r', ' ', '1') });
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.array(fc.nat(200)), fc.boolean(), (rows, cuts, crlf) => {
        const text = rows.map((row) => row.map(formatField).join(',')).join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
        expect(splitAll(text, cuts)).toEqual(rows);
      }),
    );
  });
});

describe('csvDecoder', () => {
  it('reads GB18030 when the bytes are not UTF-8', () => {
    const gbk = Uint8Array.from([0xd5, 0xc5, 0xc8, 0xfd]);
    expect(csvDecoder(gbk).decode(gbk)).toBe('张三');
  });

  it('does not mistake a UTF-8 character cut at the chunk end for GB18030', () => {
    const bytes = new TextEncoder().encode('姓名,张');
    expect(csvDecoder(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });
});
