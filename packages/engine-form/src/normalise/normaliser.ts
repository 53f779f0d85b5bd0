import type { Field, Problem } from '@tangram/schema';

/** Returned by a normaliser that refused a value; the problem is already pushed. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/**
 * Checks and normalises one non-empty sent value of a field: `"  Ann "` -> `"Ann"`, `"1234.5"` -> `"1234.50"`.
 * Problems go straight into `problems` (no intermediate arrays): the engine runs per record on the server.
 */
export type Normalise = (value: unknown, path: string, problems: Problem[]) => unknown;

/** Built once per field of a compiled form: regexes, option sets and limits are prepared here, not per value. */
export type PrepareNormaliser<F extends Field> = (field: F) => Normalise;

export const typeProblem = (path: string, expected: string): Problem => ({ path, code: 'type', params: { expected } });

/** Empty string, whitespace, `[]`, `null` and `undefined` all mean "no value" (so `required` sees them as missing). */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}
