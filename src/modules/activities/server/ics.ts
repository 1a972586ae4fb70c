/*
 * iCalendar (RFC 5545) text, written by hand because it is small: CRLF line ends, lines folded at
 * 75 octets (never inside a UTF-8 character), TEXT values escaped, times in UTC.
 */

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line: at most 75 octets per line, continuation lines start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // Continuation lines carry a leading space, which counts towards their 75 octets.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** `2026-11-29T15:04:05.123Z` → `20261129T150405Z`. */
export function utcStamp(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export type IcsProperty = [name: string, value: string];

export interface IcsComponent {
  name: 'VEVENT' | 'VTODO';
  properties: IcsProperty[];
}

/** A calendar: PUBLISH for a feed to subscribe to, REQUEST for an invitation to answer (RFC 5546). */
export function calendar(
  name: string,
  components: IcsComponent[],
  method: 'PUBLISH' | 'REQUEST' = 'PUBLISH',
): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Rapport//Rapport CRM//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const component of components) {
    lines.push(`BEGIN:${component.name}`);
    for (const [property, value] of component.properties) lines.push(`${property}:${value}`);
    lines.push(`END:${component.name}`);
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
