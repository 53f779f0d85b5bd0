/**
 * The condition language's catalogue of failures. Every error carries a stable code, the JSON path of the
 * offending node inside the expression (`/and/1/==`) and params for a localised message.
 */
export const LOGIC_ERRORS = {
  /** An operator that is neither built in nor registered on this instance. */
  ERR_LOGIC_UNKNOWN_OPERATOR: 'ERR_LOGIC_UNKNOWN_OPERATOR',
  /** A variable the caller does not know (a field that does not exist or may not be used). */
  ERR_LOGIC_UNKNOWN_VARIABLE: 'ERR_LOGIC_UNKNOWN_VARIABLE',
  /** Valid json-logic that the SQL back end cannot translate with exactly the in-memory answer. */
  ERR_LOGIC_UNSUPPORTED_IN_SQL: 'ERR_LOGIC_UNSUPPORTED_IN_SQL',
  /** Nested deeper than allowed. */
  ERR_LOGIC_TOO_DEEP: 'ERR_LOGIC_TOO_DEEP',
  /** More nodes than allowed. */
  ERR_LOGIC_TOO_LARGE: 'ERR_LOGIC_TOO_LARGE',
  /** An operator given a number of arguments it can never use. */
  ERR_LOGIC_ARITY: 'ERR_LOGIC_ARITY',
  /** A malformed node: an object with several keys, a non-JSON value, a custom operation shadowing a built-in. */
  ERR_LOGIC_INVALID: 'ERR_LOGIC_INVALID',
} as const;
export type LogicErrorCode = keyof typeof LOGIC_ERRORS;

export class LogicError extends Error {
  readonly code: LogicErrorCode;
  /** JSON pointer into the expression, e.g. `/and/1/==`; `''` is the root. */
  readonly path: string;
  readonly params: Readonly<Record<string, unknown>>;
  constructor(code: LogicErrorCode, message: string, path: string, params: Record<string, unknown> = {}) {
    super(`${message} (at ${path || '/'})`);
    this.name = 'LogicError';
    this.code = code;
    this.path = path;
    this.params = Object.freeze({ ...params });
  }
}

/** Appends one JSON-pointer segment, escaping `~` and `/` as RFC 6901 says. */
export function childPath(path: string, segment: string | number): string {
  return `${path}/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
