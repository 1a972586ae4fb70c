/**
 * What a file's bytes are, whatever its sender called it: a PDF named invoice.png is a PDF, and an
 * HTML page named report.pdf is HTML (which Rapport never serves as a page). Unknown bytes are
 * application/octet-stream.
 */
const signatures: { type: string; at?: number; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/webp', at: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: 'application/gzip', bytes: [0x1f, 0x8b] },
  { type: 'application/x-msdownload', bytes: [0x4d, 0x5a] },
  { type: 'application/x-ole-storage', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
];

const markup = /^\s*(<!doctype\s+html|<html|<head|<body|<script|<iframe|<svg|<\?xml|<!--)/i;

function textual(head: Buffer): boolean {
  if (head.length === 0) return true;
  for (const byte of head) if (byte === 0 || (byte < 0x09 && byte !== 0x1b)) return false;
  return true;
}

/** Office documents are zip files whose first entries name their kind (`word/…`, `xl/…`). */
function officeType(head: Buffer): string {
  const names = head.subarray(0, 4096).toString('latin1');
  if (names.includes('word/'))
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (names.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return 'application/zip';
}

/** Sniffs from the first bytes (4 KB are enough: the signatures, an office zip's first entries, text). */
export function sniffContentType(bytes: Buffer): string {
  for (const { type, at = 0, bytes: signature } of signatures)
    if (signature.every((b, i) => bytes[at + i] === b))
      return type === 'application/zip' ? officeType(bytes) : type;
  const head = bytes.subarray(0, 1024);
  if (!textual(head)) return 'application/octet-stream';
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (markup.test(text)) return /^\s*<(svg|\?xml)/i.test(text) ? 'image/svg+xml' : 'text/html';
  return 'text/plain';
}

/** Types a browser would render or run when opened: always downloaded as plain bytes instead. */
export function isActiveContent(type: string): boolean {
  return /html|svg|xml|javascript/i.test(type);
}
