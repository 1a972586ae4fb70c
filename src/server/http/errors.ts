import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, TooManyRequests, type Problem } from '../../common/errors';
import { queryCancelled } from '../db/timeBound';

interface DatabaseError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** Database error codes to domain answers, keyed on the SQLSTATE, never on the message text. */
function fromDatabase(error: DatabaseError): Problem | null {
  const code = error.code;
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return null;
  if (code === '23505')
    return problem(
      409,
      'Conflict',
      `A record with the same value already exists${error.constraint ? ` (${error.constraint})` : ''}`,
    );
  if (code === '23503')
    return problem(
      409,
      'Conflict',
      'The record is referred to by, or refers to, a record that does not exist',
    );
  if (code === queryCancelled)
    return problem(
      503,
      'Took too long',
      'The request took too long and was stopped: narrow it and try again',
    );
  if (code === '40001' || code === '40P01')
    return problem(409, 'Conflict', 'A concurrent change conflicted with this one; try again');
  if (code.startsWith('22'))
    return problem(400, 'Validation failed', 'A value is out of range or not of the right type', {
      errors: [{ path: '', message: 'a value is out of range or not of the right type' }],
    });
  return null;
}

/** Drizzle wraps the driver's error (which carries the SQLSTATE) in its own, as `cause`. */
function databaseError(error: unknown): DatabaseError {
  let current = error as DatabaseError & { cause?: unknown };
  for (let depth = 0; depth < 3 && current && !current.code && current.cause; depth++)
    current = current.cause as DatabaseError & { cause?: unknown };
  return current ?? {};
}

/**
 * The database is away (restarting, unreachable, out of connections): SQLSTATE classes 08 and 57P,
 * 53300, the socket's own errors, and node-postgres's errors for a connection that ended under it
 * (these carry no code, only their text). Such a request may simply be sent again.
 */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '53300',
]);
const connectionEnded =
  /^(Connection terminated|Client has encountered a connection error|Client was closed)/;

function databaseUnavailable(error: unknown): boolean {
  let current = error as { code?: string; message?: string; cause?: unknown } | undefined;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = current.code ?? '';
    if (unavailableCodes.has(code) || code.startsWith('08') || code.startsWith('57P')) return true;
    if (connectionEnded.test(current.message ?? '')) return true;
    current = current.cause as typeof current;
  }
  return false;
}

const unavailableRetryAfterSeconds = 5;

function problem(status: number, title: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: 'about:blank', title, status, detail, ...extra };
}

function fromFastify(error: FastifyError): Problem | null {
  const status = error.statusCode;
  if (!status || status >= 500) return null;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return problem(413, 'Payload too large', 'The body is larger than 1 MB');
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.name === 'SyntaxError') {
    return problem(400, 'Malformed JSON', 'The body is not valid JSON', {
      errors: [{ path: '', message: 'malformed JSON' }],
    });
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return problem(415, 'Unsupported media type', 'Send application/json');
  if (status === 429) return problem(429, 'Too many requests', 'Slow down and try again later');
  return problem(status, status === 400 ? 'Bad request' : 'Request refused', error.message);
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let body: Problem | null;
  if (error instanceof DomainError) {
    body = problem(error.status, error.title, error.message, {
      ...(error.errors ? { errors: error.errors } : {}),
      ...error.extra,
    });
    if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
  } else if (databaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', String(unavailableRetryAfterSeconds));
    body = problem(503, 'Service unavailable', 'The database cannot be reached just now; try again shortly');
  } else {
    body = fromDatabase(databaseError(error)) ?? fromFastify(error);
  }
  if (!body) {
    request.log.error({ err: error }, 'unexpected error');
    body = problem(500, 'Internal error', 'Something went wrong on our side; it has been logged');
  }
  return reply.status(body.status).type('application/problem+json').send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .status(404)
    .type('application/problem+json')
    .send(problem(404, 'Not found', `No route ${request.method} ${request.url.split('?')[0]}`));
}
