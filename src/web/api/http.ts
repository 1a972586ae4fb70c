import type { FieldError, Problem } from '../../common/errors';

/** An answer that was not 2xx, or no answer at all (status 0: the connection failed). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(
      problem?.detail || problem?.title || (status === 0 ? 'No connection to the server' : `HTTP ${status}`),
    );
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }

  /** The connection failed or the server broke: the user's input must be kept and they should retry. */
  get isTransient(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export const apiBase = '/api/v1';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(apiBase + path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, null);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, isProblem(parsed) ? parsed : null);
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

/** Field errors keyed by their path (`billingAddress.city`), ready to show beside inputs. */
export function fieldErrorMap(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const map: Record<string, string> = {};
  for (const e of error.fieldErrors) map[e.path] = map[e.path] ? `${map[e.path]}; ${e.message}` : e.message;
  return map;
}
