import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors';

class MisdirectedRequest extends DomainError {
  constructor(host: string) {
    super(
      421,
      'Misdirected request',
      `This server does not answer for the host "${host}": set RAPPORT_PUBLIC_URL to the address users reach it at`,
    );
  }
}

/** `host:port`, `[v6]:port` or `name` as the bare host name, lower case. */
function hostName(host: string): string {
  const v6 = /^\[([^\]]+)\]/.exec(host);
  return (v6 ? v6[1] : host.replace(/:\d+$/, '')).toLowerCase();
}

/**
 * DNS rebinding: a page of evil.example whose name is made to resolve to this server sends requests
 * that pass the same-origin check, since Origin and Host both say evil.example. So a request must
 * name this server: the host of RAPPORT_PUBLIC_URL, `localhost`, or an IP address (which no
 * rebinding can forge). Without RAPPORT_PUBLIC_URL only the last two are answered.
 */
export function hostAllowList(publicUrl: string | undefined) {
  const publicHost = publicUrl ? new URL(publicUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase() : null;
  return async (request: FastifyRequest) => {
    const host = request.headers.host ?? '';
    const name = hostName(host);
    if (name === publicHost || name === 'localhost' || name.endsWith('.localhost') || isIP(name)) return;
    throw new MisdirectedRequest(host);
  };
}
