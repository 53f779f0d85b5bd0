import type { JsonLogic } from '../json-logic';
import { pointer } from './json-pointer';

/** Operators whose later arguments run against each element, so their `var`s name the element, not a field. */
const ELEMENT_SCOPED = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);

/**
 * Calls `visit` with every field name an expression reads, and the JSON pointer of its `var`.
 * `{"var": "items.qty"}` visits "items"; whole-data (`""`) and numeric vars are skipped.
 *
 *   forEachLogicVar({"<": [{"var": "age"}, 12]}, "/when", v) -> v("age", "/when/</0/var")
 */
export function forEachLogicVar(expr: JsonLogic | undefined, path: string, visit: (name: string, path: string) => void): void {
  if (expr === null || typeof expr !== 'object') return;
  if (Array.isArray(expr)) {
    expr.forEach((item: JsonLogic, i: number) => forEachLogicVar(item, pointer(path, i), visit));
    return;
  }
  for (const [op, args] of Object.entries(expr as Record<string, JsonLogic>)) {
    const argsPath = pointer(path, op);
    if (op === 'var') {
      const name = Array.isArray(args) ? args[0] : args;
      if (typeof name === 'string' && name !== '') visit(name.split('.')[0] as string, argsPath);
      if (Array.isArray(args)) args.slice(1).forEach((a: JsonLogic, i: number) => forEachLogicVar(a, pointer(argsPath, i + 1), visit));
      continue;
    }
    if (ELEMENT_SCOPED.has(op) && Array.isArray(args)) {
      forEachLogicVar(args[0], pointer(argsPath, 0), visit);
      continue;
    }
    forEachLogicVar(args, argsPath, visit);
  }
}

/** Field names an expression reads (first path segment, `$`-context vars included). */
export function logicVars(expr: JsonLogic | undefined): string[] {
  const names = new Set<string>();
  forEachLogicVar(expr, '', (name) => names.add(name));
  return [...names];
}
