/**
 * The store's catalogue of failures callers can act on. The server maps each code to an HTTP status and
 * a localised message; anything else thrown by the store is a bug (500).
 */
export const STORE_ERRORS = {
  ERR_NOT_FOUND: 404,
  ERR_FORBIDDEN: 403,
  ERR_RECORD_STALE: 409,
  ERR_UNIQUE_VIOLATION: 409,
  ERR_CONFLICT: 409,
  ERR_IDEMPOTENCY_KEY_REUSED: 409,
  ERR_BULK_WITHOUT_FILTER: 400,
  ERR_INVALID_FILTER: 400,
  ERR_INVALID_SORT: 400,
  ERR_INVALID_CURSOR: 400,
  ERR_FIELD_NOT_FILTERABLE: 400,
  ERR_NOT_PUBLISHED: 409,
  ERR_INVALID_VALUE: 422,
  ERR_INVALID_AGGREGATE: 400,
  ERR_INVALID_LIMIT: 400,
  ERR_BATCH_TOO_LARGE: 400,
} as const;
export type StoreErrorCode = keyof typeof STORE_ERRORS;

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  /** JSON path of the offending input (e.g. `/filter/and/0/var`), and data for the message. */
  readonly path: string | undefined;
  readonly params: Readonly<Record<string, unknown>>;
  constructor(code: StoreErrorCode, message: string, options: { path?: string; params?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
    this.path = options.path;
    this.params = options.params ?? {};
  }
}
