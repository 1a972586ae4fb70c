import { lookup } from 'node:dns/promises';
import { isIPv6 } from 'node:net';
import { DomainError } from '../common/errors';

/**
 * The one gate for connections to hosts an admin types in (SMTP, IMAP, calendar URLs): without it,
 * a workspace admin could make the server probe its own network (SSRF). Every address the host
 * resolves to must be public, and the connection then goes to the address checked here, so DNS
 * cannot answer differently a moment later.
 */
export class HostRefused extends DomainError {
  constructor(host: string, reason: string) {
    super(
      400,
      'Host refused',
      `Rapport does not connect to ${host}: ${reason}. An operator may allow it with RAPPORT_ALLOW_PRIVATE_HOSTS.`,
      [{ path: 'host', message: reason }],
    );
  }
}

/** `RAPPORT_ALLOW_PRIVATE_HOSTS`: `1`/`true` allows every address; otherwise a comma list of hosts, addresses and CIDR ranges. */
export type PrivateHostAllowance = string | undefined;

export interface CheckedHost {
  /** The name as typed, for TLS's server name. */
  host: string;
  /** The address to connect to. */
  address: string;
  family: 4 | 6;
}

type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;

const systemResolve: Resolve = (host) => lookup(host, { all: true, verbatim: true });

/**
 * An IPv4 address the way inet_aton reads it (and so the way getaddrinfo and every connect call
 * do): one to four parts, each decimal, octal (leading 0) or hex (0x), the last filling the rest.
 * `2130706433`, `0177.0.0.1`, `0x7f.1` are all 127.0.0.1.
 */
export function parseIPv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length > 4 || parts.some((p) => p === '')) return null;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]*$/.test(part)) value = parseInt(part, 8);
    else if (/^[1-9][0-9]*$/.test(part)) value = parseInt(part, 10);
    else return null;
    values.push(value);
  }
  const last = values.pop() as number;
  if (values.some((v) => v > 255)) return null;
  const lastBytes = 4 - values.length;
  if (last >= 2 ** (8 * lastBytes)) return null;
  const bytes = [...values];
  for (let i = lastBytes - 1; i >= 0; i--) bytes.push(Math.floor(last / 2 ** (8 * i)) % 256);
  return bytes;
}

/** The 16 bytes of an IPv6 address (zone id and brackets dropped), or null. */
export function parseIPv6(text: string): number[] | null {
  const bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(bare)) return null;
  let head = bare;
  const tailV4: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (dotted) {
    tailV4.push(...dotted[1].split('.').map(Number));
    head = bare.slice(0, -dotted[1].length) + '0:0';
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const groups = (s: string | undefined) => (s ? s.split(':').filter((g) => g !== '') : []);
  const l = groups(left);
  const r = groups(right);
  const fill = right === undefined ? [] : Array<string>(8 - l.length - r.length).fill('0');
  const words = [...l, ...fill, ...r].map((g) => parseInt(g, 16));
  const bytes = words.flatMap((w) => [w >> 8, w & 255]);
  if (tailV4.length) bytes.splice(12, 4, ...tailV4);
  return bytes;
}

function v4Reason([a, b, c]: number[]): string | null {
  if (a === 0) return 'it is an unspecified address (0.0.0.0/8)';
  if (a === 127) return 'it is a loopback address';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168))
    return 'it is a private network address';
  if (a === 100 && b >= 64 && b <= 127) return 'it is a carrier-grade NAT address (100.64.0.0/10)';
  if (a === 169 && b === 254) return 'it is a link-local address';
  if (a === 192 && b === 0 && c === 0) return 'it is an IETF protocol address (192.0.0.0/24)';
  if (a === 198 && (b === 18 || b === 19)) return 'it is a benchmarking network address';
  if (a >= 224 && a <= 239) return 'it is a multicast address';
  if (a >= 240) return 'it is a reserved or broadcast address';
  return null;
}

function v6Reason(bytes: number[]): string | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const v4 = bytes.slice(12);
  if (zeros(0, 16)) return 'it is the unspecified address (::)';
  if (zeros(0, 15) && bytes[15] === 1) return 'it is a loopback address';
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64) reach the IPv4 inside.
  if (zeros(0, 10) && ((bytes[10] === 0xff && bytes[11] === 0xff) || zeros(10, 12))) return v4Reason(v4);
  if (bytes[0] === 0 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12))
    return v4Reason(v4);
  // 6to4 (2002:a.b.c.d::) carries its IPv4 in bytes 2-5.
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4Reason(bytes.slice(2, 6));
  if (bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0x80) return 'it is a link-local address';
  if (bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0xc0) return 'it is a site-local address';
  if ((bytes[0] & 0xfe) === 0xfc) return 'it is a private network address (unique local)';
  if (bytes[0] === 0xff) return 'it is a multicast address';
  return null;
}

/** Why an address literal must not be connected to, or null when it is public. */
export function privateAddressReason(address: string): string | null {
  const v4 = parseIPv4(address);
  if (v4) return v4Reason(v4);
  const v6 = parseIPv6(address);
  if (v6) return v6Reason(v6);
  return 'it is not an IP address';
}

function inCidr(address: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const a = parseIPv4(address) ?? parseIPv6(address);
  const b = parseIPv4(base) ?? parseIPv6(base);
  if (!a || !b || a.length !== b.length) return false;
  const bits = bitsText === undefined ? a.length * 8 : Number(bitsText);
  for (let i = 0; i < a.length; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    const mask = (0xff << (8 - take)) & 0xff;
    if ((a[i] & mask) !== (b[i] & mask)) return false;
  }
  return true;
}

function allowed(allowance: PrivateHostAllowance, host: string, address: string): boolean {
  if (!allowance) return false;
  if (/^(1|true|all)$/i.test(allowance.trim())) return true;
  return allowance
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .some((entry) => entry === host.toLowerCase() || inCidr(address, entry));
}

/**
 * Resolves `host` and answers the address to connect to, or throws HostRefused when any address
 * it resolves to is loopback, private, link-local, CGNAT, multicast or unspecified (however the
 * host was written) and the operator has not allowed it.
 */
export async function checkOutboundHost(
  host: string,
  allowance: PrivateHostAllowance,
  resolve: Resolve = systemResolve,
): Promise<CheckedHost> {
  const name = host
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (!name) throw new HostRefused(JSON.stringify(host), 'no host was given');
  const literal = parseIPv4(name) ?? parseIPv6(name);
  let addresses: { address: string; family: number }[];
  if (literal) {
    addresses =
      literal.length === 4
        ? [{ address: literal.join('.'), family: 4 }]
        : [{ address: name.replace(/%.*$/, ''), family: 6 }];
  } else {
    try {
      addresses = await resolve(name);
    } catch {
      throw new HostRefused(name, 'the name does not resolve');
    }
    if (addresses.length === 0) throw new HostRefused(name, 'the name does not resolve');
  }
  for (const { address } of addresses) {
    const reason = privateAddressReason(address);
    if (reason && !allowed(allowance, name, address)) throw new HostRefused(name, `${address}: ${reason}`);
  }
  const first = addresses[0];
  return { host: name, address: first.address, family: first.family === 6 ? 6 : 4 };
}
