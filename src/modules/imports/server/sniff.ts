import { ValidationFailed } from '../../../common/errors';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * The encoding of a text file from its first bytes: a byte-order mark, the NUL pattern of UTF-16
 * without one, else UTF-8 when the sample decodes as UTF-8 and Windows-1252 when it does not (the
 * encoding Excel's "CSV" uses on Western Windows).
 */
export function sniffEncoding(sample: Uint8Array): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  const pairs = Math.floor(Math.min(sample.length, 4096) / 2);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenNul++;
    if (sample[2 * i + 1] === 0) oddNul++;
  }
  // ASCII text in UTF-16 has a NUL in every other byte, on the high byte's side.
  if (pairs > 0 && oddNul > pairs * 0.6 && evenNul < pairs * 0.1) return 'utf-16le';
  if (pairs > 0 && evenNul > pairs * 0.6 && oddNul < pairs * 0.1) return 'utf-16be';
  // A multibyte character cut at the sample's end is not a sign of another encoding.
  let end = sample.length;
  while (end > 0 && end > sample.length - 4 && (sample[end - 1] & 0xc0) === 0x80) end--;
  if (end > 0 && end > sample.length - 4 && sample[end - 1] >= 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * Text files have almost no control characters; a picture, an archive or an executable renamed to
 * .csv has many. Checked on the decoded sample, so UTF-16's NULs do not count.
 */
export function assertText(sample: string, kind: string): void {
  if (sample.length === 0)
    throw new ValidationFailed('The file is empty', [{ path: 'file', message: 'is empty' }]);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  if (control > Math.max(2, sample.length * 0.01))
    throw new ValidationFailed(`This is not a ${kind} file`, [
      { path: 'file', message: `is not a ${kind} file: it holds binary data` },
    ]);
}

const candidates = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a CSV sample: the candidate that appears outside quotes the same number of times
 * (at least once) on most of the first lines, the most frequent one on a tie; a comma when none does.
 */
export function sniffDelimiter(sample: string): string {
  const lines: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of sample) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '\n' || ch === '\r')) {
      if (current.trim()) lines.push(current);
      current = '';
      if (lines.length >= 20) break;
      continue;
    }
    current += ch;
  }
  if (current.trim() && lines.length < 20) lines.push(current);
  let best = ',';
  let bestScore = 0;
  for (const d of candidates) {
    const counts = lines.map((line) => countOutsideQuotes(line, d));
    if (!counts[0]) continue;
    const consistent = counts.filter((c) => c === counts[0]).length;
    const score = consistent * 1000 + counts[0];
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let quoted = false;
  let n = 0;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) n++;
  }
  return n;
}
