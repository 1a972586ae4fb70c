import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { XMLParser } from 'fast-xml-parser';
import { checkOutboundHost, HostRefused, type PrivateHostAllowance } from '../../../server/outboundHosts';

/** Where and as whom a calendar server is reached. */
export interface DavAccount {
  /** the address the user gave: credentials go only to the service it names */
  url: string;
  username: string;
  password: string;
  allowance: PrivateHostAllowance;
}

const isAddress = (host: string) => /^[\d.]+$|:/.test(host);
const domainOf = (host: string) => host.split('.').slice(-2).join('.');

/**
 * Whether `target` is the service `base` names: the same host, or (for names, not addresses) a host
 * of the same domain, as a provider sends from caldav.example.com to p42-caldav.example.com; never
 * from https to http. This keeps the password from following an href the server answered elsewhere.
 */
export function sameService(base: string, target: string): boolean {
  const a = new URL(base);
  const b = new URL(target);
  if (a.protocol === 'https:' && b.protocol !== 'https:') return false;
  if (a.host === b.host) return true;
  return !isAddress(a.hostname) && !isAddress(b.hostname) && domainOf(a.hostname) === domainOf(b.hostname);
}

export interface DavResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A failure the user can act on, in plain words. */
export class DavError extends Error {}

const maxBodyBytes = 20 * 1024 * 1024;
const timeoutMs = 30_000;

function plainNetworkError(error: unknown, url: URL): string {
  if (error instanceof HostRefused || error instanceof DavError) return error.message;
  const code = (error as { code?: string }).code;
  const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
  if (code === 'ECONNREFUSED') return `Nothing answers at ${where}`;
  if (code === 'ENOTFOUND') return `The host ${url.hostname} does not exist`;
  if (code === 'ETIMEDOUT' || code === 'ECONNRESET') return `${where} did not answer in time`;
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT'))
    return `The server's certificate was refused (${code})`;
  return (error as Error).message ?? String(error);
}

/**
 * One WebDAV request, with basic auth, to the address the outbound guard checked (the name stays
 * the TLS server name), so that a name resolving elsewhere between the check and the connection
 * cannot reach a private host. Never follows redirects: the caller decides, and checks again.
 */
export async function davRequest(
  account: DavAccount,
  method: string,
  target: string,
  options: { depth?: '0' | '1'; body?: string; headers?: Record<string, string> } = {},
): Promise<DavResponse> {
  const url = new URL(target);
  if (!sameService(account.url, url.href))
    throw new DavError(
      `The server pointed to ${url.host}, another service than ${new URL(account.url).host}: Rapport does not send your password there`,
    );
  try {
    const checked = await checkOutboundHost(url.hostname, account.allowance);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    return await new Promise<DavResponse>((resolve, reject) => {
      const req = send(
        url,
        {
          method,
          lookup: (_host, _opts, done) => done(null, checked.address, checked.family),
          servername: checked.host,
          timeout: timeoutMs,
          headers: {
            Authorization: `Basic ${Buffer.from(`${account.username}:${account.password}`).toString('base64')}`,
            ...(options.depth ? { Depth: options.depth } : {}),
            ...(body
              ? { 'Content-Type': 'application/xml; charset=utf-8', 'Content-Length': String(body.length) }
              : {}),
            ...options.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBodyBytes) {
              req.destroy(new DavError(`The server answered more than ${maxBodyBytes / 1024 / 1024} MB`));
            } else chunks.push(chunk);
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end(body);
    });
  } catch (error) {
    throw new DavError(plainNetworkError(error, url));
  }
}

/** A status the user can act on, in plain words, for a request that did not succeed. */
export function statusError(response: DavResponse, what: string): DavError {
  if (response.status === 401) return new DavError('The server refused the user name or password');
  if (response.status === 403) return new DavError(`The server does not let this user read ${what}`);
  if (response.status === 404) return new DavError(`${what} does not exist on the server`);
  return new DavError(`The server answered ${response.status} for ${what}`);
}

export interface DavEntry {
  href: string;
  /** the response's own status (a member gone since the sync token), else 200 */
  status: number;
  /** the properties found (status 200), by local name, as the XML parser gave them */
  props: Record<string, unknown>;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['response', 'propstat', 'href', 'comp'].includes(name),
});

const statusCode = (line: unknown) => Number(/\s(\d{3})\s?/.exec(String(line ?? ''))?.[1] ?? 200);

/** A 207 Multi-Status body as its responses, plus the sync token when it carries one. */
export function multistatus(body: string): { entries: DavEntry[]; syncToken: string | null } {
  // A calendar server has no use for a DTD; one in an answer is refused rather than expanded.
  if (/<!(DOCTYPE|ENTITY)/i.test(body))
    throw new DavError('The server answered XML with a DTD, which Rapport does not read');
  let doc: { multistatus?: Record<string, unknown> };
  try {
    doc = parser.parse(body) as typeof doc;
  } catch {
    throw new DavError('The server answered XML that cannot be read');
  }
  const root = doc.multistatus;
  if (!root) throw new DavError('The server did not answer with a WebDAV multistatus');
  const entries = ((root.response ?? []) as Record<string, unknown>[]).map((r) => {
    const props: Record<string, unknown> = {};
    for (const ps of (r.propstat ?? []) as Record<string, unknown>[])
      if (statusCode(ps.status) === 200 && ps.prop && typeof ps.prop === 'object')
        Object.assign(props, ps.prop);
    return { href: String((r.href as unknown[])[0] ?? ''), status: statusCode(r.status), props };
  });
  const token = root['sync-token'];
  return { entries, syncToken: typeof token === 'string' ? token : null };
}

/** An XML element's text, whether the parser gave a string or an object with text. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '#text' in value) return String(value['#text']);
  return null;
}

/** The first href inside a property such as current-user-principal. */
export function hrefIn(value: unknown): string | null {
  const hrefs = (value as { href?: unknown[] } | undefined)?.href;
  return hrefs?.length ? textOf(hrefs[0]) : null;
}
