import type { Problem } from '@tangram/schema';

/** Codes the client itself produces, for failures that never reached (or never came back from) the server. */
export const CLIENT_ERROR_CODES = Object.freeze({
  network: 'ERR_NETWORK',
  badResponse: 'ERR_BAD_RESPONSE',
});

/**
 * A failed API call, parsed from `application/problem+json`:
 * `{ status: 401, code: 'ERR_AUTH_INVALID', detail: 'Wrong email or password', errors: [] }`.
 * `detail` is already in the language sent as `Accept-Language`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly params: Readonly<Record<string, unknown>>;
  readonly errors: readonly Problem[];
  /** The problem document as the server sent it: some answers carry more (`warnings`, `currentVersion`). */
  readonly body: unknown;

  constructor(init: { status: number; code: string; detail?: string; title?: string; params?: Readonly<Record<string, unknown>>; errors?: readonly Problem[]; body?: unknown }) {
    super(init.detail ?? init.title ?? init.code);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail ?? init.title;
    this.params = Object.freeze({ ...(init.params ?? {}) });
    this.errors = Object.freeze([...(init.errors ?? [])]);
    this.body = init.body;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toProblem(value: unknown): Problem | null {
  if (!isRecord(value)) return null;
  const path = typeof value.path === 'string' ? value.path : typeof value.instancePath === 'string' ? value.instancePath : '';
  const code = typeof value.code === 'string' ? value.code : typeof value.keyword === 'string' ? value.keyword : 'invalid';
  return {
    path,
    code,
    ...(isRecord(value.params) ? { params: value.params } : {}),
    ...(typeof value.message === 'string' ? { message: value.message } : {}),
  };
}

/** Turns an error response body (problem+json, or anything else a proxy may send) into an ApiError. */
export function parseProblem(status: number, body: unknown): ApiError {
  if (!isRecord(body)) return new ApiError({ status, code: `ERR_HTTP_${status}` });
  const errors = Array.isArray(body.errors) ? body.errors.map(toProblem).filter((p): p is Problem => p !== null) : [];
  return new ApiError({
    status,
    code: typeof body.code === 'string' ? body.code : `ERR_HTTP_${status}`,
    ...(typeof body.detail === 'string' ? { detail: body.detail } : typeof body.message === 'string' ? { detail: body.message } : {}),
    ...(typeof body.title === 'string' ? { title: body.title } : {}),
    ...(isRecord(body.params) ? { params: body.params } : {}),
    errors,
    body,
  });
}
