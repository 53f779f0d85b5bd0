import { checkLogic } from '@tangram/logic';
import type { JsonLogic, Problem } from '@tangram/schema';

/** Filters nest at most this deep: deeper is refused before it reaches a compiler or the database. */
export const FILTER_MAX_DEPTH = 32;
/** And hold at most this many nodes. */
export const FILTER_MAX_NODES = 1000;

/**
 * Checks a caller's filter: unknown operators, variables the caller may not use (unknown or hidden
 * fields) and over-deep or over-large trees each become a problem located inside the filter.
 */
export function checkFilter(expr: JsonLogic, vars: readonly string[]): Problem[] {
  const allowed = new Set(vars);
  return checkLogic(expr, { vars: (name) => allowed.has(name), maxDepth: FILTER_MAX_DEPTH, maxNodes: FILTER_MAX_NODES });
}
