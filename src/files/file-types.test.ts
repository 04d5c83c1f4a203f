import { describe, expect, it } from 'vitest';
import { detectFileType, safeFileName } from './file-types.ts';

const bytes = (...values: number[]) => Uint8Array.from([...values, 0, 0, 0, 0]);

describe('detectFileType', () => {
  it('recognises PDF, PNG, JPEG and Office files by their bytes', () => {
    expect(detectFileType('报告.pdf', bytes(0x25, 0x50, 0x44, 0x46))).toBe('application/pdf');
    expect(detectFileType('photo.PNG', bytes(0x89, 0x50, 0x4e, 0x47))).toBe('image/png');
    expect(detectFileType('现场.jpeg', bytes(0xff, 0xd8, 0xff))).toBe('image/jpeg');
    expect(detectFileType('台账.xlsx', bytes(0x50, 0x4b, 0x03, 0x04))).toMatch(/spreadsheetml/);
  });

  it('refuses a file whose bytes do not match its name', () => {
    expect(detectFileType('report.pdf', bytes(0x4d, 0x5a))).toBeNull();
    expect(detectFileType('tool.exe', bytes(0x4d, 0x5a))).toBeNull();
    expect(detectFileType('disguised.pdf', bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull();
  });

  it('accepts a long Chinese CSV whose 64 KiB head ends inside a character', () => {
    const text = `${'1,a\n'.repeat(16383)}123临夏州,稳岗\n`; // 65,535 ASCII bytes, then a 3-byte character
    const encoded = new TextEncoder().encode(text);
    // the head cut must split a character for this case to mean anything
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(encoded.subarray(0, 64 * 1024))).toThrow();
    expect(detectFileType('数据.csv', encoded)).toBe('text/csv');
  });

  it('accepts UTF-8 CSV and refuses binary content named .csv', () => {
    expect(detectFileType('任务.csv', new TextEncoder().encode('序号,任务,责任单位\n1,稳岗,区人力社保局\n'))).toBe('text/csv');
    expect(detectFileType('x.csv', bytes(0x00, 0x01, 0x02))).toBeNull();
  });
});

describe('safeFileName', () => {
  it('drops folders and control characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\报告\u0000.pdf')).toBe('报告_.pdf');
  });
});
