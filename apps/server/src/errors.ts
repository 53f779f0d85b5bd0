/**
 * The server's catalogue of failures: every error a client can see has a stable code here, mapped to its
 * HTTP status. Store codes are listed too, so one table answers "what status does this code get".
 * Localised titles live in `http/messages.ts`, keyed by the same codes.
 */
import { STORE_ERRORS } from '@tangram/store';

export const API_ERRORS = {
  ...STORE_ERRORS,
  ERR_VALIDATION: 400,
  ERR_MALFORMED_JSON: 400,
  ERR_BAD_REQUEST: 400,
  ERR_INVALID_LOGIC: 400,
  ERR_UNAUTHENTICATED: 401,
  ERR_INVALID_CREDENTIALS: 401,
  ERR_NOT_ADMIN: 403,
  ERR_ROUTE_NOT_FOUND: 404,
  ERR_SETUP_DONE: 409,
  ERR_EMAIL_TAKEN: 409,
  ERR_PAYLOAD_TOO_LARGE: 413,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  ERR_DEFINITION_INVALID: 422,
  ERR_RECORD_INVALID: 422,
  ERR_PUBLIC_FORM_INVALID: 422,
  ERR_RATE_LIMITED: 429,
  ERR_INTERNAL: 500,
} as const satisfies Record<string, number>;
export type ApiErrorCode = keyof typeof API_ERRORS;

/** One located problem inside an error: a JSON path into what was sent, a stable code and message params. */
export interface ApiProblemDetail {
  readonly path: string;
  readonly code: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** Already localised (e.g. a form check's own message); otherwise the catalogue provides it. */
  readonly message?: string;
}

/** A failure the client caused or may act on. Thrown anywhere in a route; `http/problem.ts` renders it. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly errors: readonly ApiProblemDetail[] | undefined;
  /** Extra members of the problem document (e.g. `currentVersion`, `warnings`). */
  readonly extra: Readonly<Record<string, unknown>>;
  constructor(
    code: ApiErrorCode,
    options: {
      params?: Record<string, unknown>;
      errors?: readonly ApiProblemDetail[];
      extra?: Record<string, unknown>;
      message?: string;
    } = {},
  ) {
    super(options.message ?? code);
    this.name = 'ApiError';
    this.code = code;
    this.status = API_ERRORS[code];
    this.params = options.params ?? {};
    this.errors = options.errors;
    this.extra = options.extra ?? {};
  }
}

export function isApiErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && Object.hasOwn(API_ERRORS, code);
}
