import { fold } from '../../imports/server';

export type VcardVersion = '3.0' | '4.0';

/** The version a client asks for in `address-data` or `Accept`; 3.0 when it names none, as iOS reads 3.0 best. */
export function versionAsked(asked: string | undefined): VcardVersion {
  return asked && /4\.0/.test(asked) ? '4.0' : '3.0';
}

function parameters(head: string): { name: string; params: Map<string, string> } {
  const [name, ...rest] = head.split(';');
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    params.set(p.slice(0, eq).toUpperCase(), p.slice(eq + 1));
  }
  return { name, params };
}

/** One 4.0 line as 3.0 says it: TYPE=…,PREF instead of PREF=1, plain numbers instead of tel: URIs. */
function lineAs3(line: string): string {
  const colon = line.indexOf(':');
  const { name, params } = parameters(line.slice(0, colon));
  let value = line.slice(colon + 1);
  if (name === 'VERSION') return 'VERSION:3.0';
  if (name === 'UID') return `UID:${value.replace(/^urn:uuid:/, '')}`;
  if (name === 'BDAY' && /^\d{8}$/.test(value))
    return `BDAY:${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}`;
  if (params.size === 0 && name !== 'EMAIL' && name !== 'TEL') return line;
  const types = (params.get('TYPE') ?? '').split(',').filter(Boolean);
  if (name === 'EMAIL') types.unshift('internet');
  if (name === 'TEL' && params.get('VALUE') === 'uri') value = value.replace(/^tel:/, '');
  if (params.get('PREF') === '1') types.push('pref');
  const type = types.length ? `;TYPE=${types.join(',').toUpperCase()}` : '';
  return `${name}${type}:${value}`;
}

/** A vCard 4.0 (as the imports module writes it) in the version asked. */
export function inVersion(card4: string, version: VcardVersion): string {
  if (version === '4.0') return card4;
  const lines = card4
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  return `${lines.map((l) => fold(lineAs3(l))).join('\r\n')}\r\n`;
}
