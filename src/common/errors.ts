/** Typed domain errors: service code throws these, one handler turns them into problem+json. */
export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
  }
}

export class ValidationFailed extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super(400, 'Validation failed', detail, errors);
  }
}
export class Unauthorized extends DomainError {
  constructor(detail = 'Sign in first') {
    super(401, 'Unauthorized', detail);
  }
}
export class Forbidden extends DomainError {
  constructor(detail = 'You are not allowed to do this', extra?: Record<string, unknown>) {
    super(403, 'Forbidden', detail, undefined, extra);
  }
}
export class NotFound extends DomainError {
  constructor(detail = 'No such record') {
    super(404, 'Not found', detail);
  }
}
export class Conflict extends DomainError {
  constructor(detail: string, extra?: Record<string, unknown>) {
    super(409, 'Conflict', detail, undefined, extra);
  }
}
/** A write that would make a second record where an admin's rule allows one: 409, with the fields by path. */
export class DuplicateRefused extends DomainError {
  constructor(detail: string, errors: FieldError[]) {
    super(409, 'Conflict', detail, errors);
  }
}
export class PreconditionFailed extends DomainError {
  constructor(detail = 'The record has changed since you loaded it') {
    super(412, 'Precondition failed', detail);
  }
}
export class TooManyRequests extends DomainError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'Too many requests', detail);
  }
}

/** Work stopped at its time limit (a report's query): 503, with what to narrow in `detail`. */
export class TookTooLong extends DomainError {
  constructor(detail: string) {
    super(503, 'Took too long', detail);
  }
}

/** The problem+json body every error answer carries (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}
