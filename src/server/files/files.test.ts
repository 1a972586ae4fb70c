import { describe, expect, it } from 'vitest';
import { attachmentDisposition, safeFileName } from './download';
import { isActiveContent, sniffContentType } from './sniff';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffing', () => {
  it.each([
    ['application/pdf', bytes('%PDF-1.4\n')],
    ['image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])],
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['image/gif', bytes('GIF89a')],
    ['image/webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['application/zip', bytes([0x50, 0x4b, 0x03, 0x04], 'x'.repeat(26), 'notes.txt')],
    [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes([0x50, 0x4b, 0x03, 0x04], 'x'.repeat(26), '[Content_Types].xml', 'word/document.xml'),
    ],
    [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes([0x50, 0x4b, 0x03, 0x04], 'x'.repeat(26), '[Content_Types].xml', 'xl/workbook.xml'),
    ],
    ['text/plain', bytes('Dear Ada,\nthanks for the call.\n')],
    ['text/plain', bytes('')],
    ['text/html', bytes('  <!doctype html><p>hi')],
    ['image/svg+xml', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['application/octet-stream', bytes([0x00, 0x01, 0x02, 0x03, 0xfe])],
  ])('%s', (type, content) => {
    expect(sniffContentType(content)).toBe(type);
  });

  it('calls pages, pictures that run scripts and scripts active', () => {
    expect(['text/html', 'image/svg+xml', 'application/xml', 'text/javascript'].map(isActiveContent)).toEqual(
      [true, true, true, true],
    );
    expect(['application/pdf', 'text/plain', 'image/png'].map(isActiveContent)).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('file names', () => {
  it('keeps the name without folders or control characters, and a fallback when nothing is left', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\ada\\Offre signée.pdf')).toBe('Offre signée.pdf');
    expect(safeFileName('a\u0000b\r\nc\u202e.txt')).toBe('abc.txt');
    expect(safeFileName('...hidden')).toBe('hidden');
    expect(safeFileName('  ')).toBe('file');
    expect(safeFileName('x'.repeat(300))).toHaveLength(200);
  });

  it('writes an RFC 6266 disposition with an ASCII fallback that cannot break the header', () => {
    expect(attachmentDisposition('Rapport "final" 李.pdf')).toBe(
      `attachment; filename="Rapport _final_ _.pdf"; filename*=UTF-8''Rapport%20%22final%22%20%E6%9D%8E.pdf`,
    );
  });
});
