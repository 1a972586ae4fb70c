import type { FastifyRequest } from 'fastify';
import { Forbidden } from '../../common/errors';

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A cookie-authenticated mutation must come from our own origin: its Origin (or Referer) must be the
 * scheme and host the request was sent to, or RAPPORT_PUBLIC_URL. Bearer calls carry no cookie risk.
 */
export function checkOrigin(request: FastifyRequest, publicUrl: string | undefined): void {
  if (!mutating.has(request.method)) return;
  const source = request.headers.origin ?? request.headers.referer;
  const allowed = new Set<string>();
  try {
    allowed.add(new URL(`${request.protocol}://${request.headers.host ?? ''}`).origin);
  } catch {
    // A malformed Host header matches no origin.
  }
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  let origin: string | null;
  try {
    origin = source ? new URL(source).origin : null;
  } catch {
    origin = null;
  }
  if (!origin || !allowed.has(origin))
    throw new Forbidden('Cross-site request refused: the Origin does not match this server');
}
