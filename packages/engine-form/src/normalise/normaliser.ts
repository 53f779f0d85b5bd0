import type { Field, Problem } from '@tangram/schema';

/** Returned by a normaliser that refused a value; the problem is already pushed. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;
/** Returned by a normaliser for "no value" (see `isEmptyValue`): the field is then absent, and `required` sees it missing. */
export const EMPTY: unique symbol = Symbol('empty');

/**
 * Checks and normalises one sent value of a field: `"  Ann "` -> `"Ann"`, `"1234.5"` -> `"1234.50"`, `" "` -> EMPTY.
 * Each normaliser answers emptiness itself, after its common case, so a typical value is looked at once.
 * Problems go straight into `problems` (no intermediate arrays): the engine runs per record on the server.
 * `run` and `scope` are only read by subtables, whose rows are evaluated like a record.
 */
export type Normalise = (value: unknown, path: string, problems: Problem[], run: unknown, scope: Readonly<Record<string, unknown>>) => unknown;

/** Built once per field of a compiled form: regexes, option sets and limits are prepared here, not per value. */
export type PrepareNormaliser<F extends Field> = (field: F) => Normalise;

export const typeProblem = (path: string, expected: string): Problem => ({ path, code: 'type', params: { expected } });

/** Empty string, whitespace, `[]`, `null` and `undefined` all mean "no value" (so `required` sees them as missing). */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/** What a value of the wrong type becomes: EMPTY when it means "no value", else a refusal with a `type` problem. */
export function emptyOrWrongType(value: unknown, path: string, problems: Problem[], expected: string): typeof EMPTY | Invalid {
  return isEmptyValue(value) ? EMPTY : (problems.push(typeProblem(path, expected)), INVALID);
}
