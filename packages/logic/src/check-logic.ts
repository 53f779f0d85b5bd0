/**
 * Static checks of an expression a client sent, before anything runs it: every problem located by a
 * JSON pointer into the expression. The server runs this on every filter.
 *
 *   checkLogic({ and: [{ '==': [{ var: 'nope' }, 1] }] }, { vars: (name) => name === 'stage' })
 *   // -> [{ path: '/and/0/==/0/var', code: 'ERR_LOGIC_UNKNOWN_VARIABLE', params: { name: 'nope' } }]
 */
import type { Problem } from '@tangram/schema';
import { BUILT_IN_OPERATORS } from './create-logic';
import { childPath } from './errors';
import { argumentsOf, isOperation, operatorOf } from './js-semantics';

export interface CheckLogicOptions {
  /** Which variable names exist; absent means any. Names inside `some`/`all`/`none`/`filter`/`map`/`reduce` read array items and are not checked. */
  readonly vars?: (name: string) => boolean;
  /** Deepest nesting of operations and arrays; default 32. */
  readonly maxDepth?: number;
  /** Most nodes in the whole expression; default 1,000. */
  readonly maxNodes?: number;
  /** Extra operators allowed (the custom operations of the `createLogic` instance that will run it). */
  readonly operators?: Iterable<string>;
}

/** Operators whose arity is fixed or bounded: [min, max]. */
const ARITY: Readonly<Record<string, readonly [number, number]>> = {
  '==': [2, 2], '===': [2, 2], '!=': [2, 2], '!==': [2, 2],
  '>': [2, 2], '>=': [2, 2], '<': [2, 3], '<=': [2, 3],
  '!': [1, 1], '!!': [1, 1], '%': [2, 2], '/': [2, 2], '-': [1, 2],
  in: [2, 2], substr: [2, 3], var: [0, 2], missing_some: [2, 2],
  filter: [2, 2], map: [2, 2], reduce: [2, 3], all: [2, 2], some: [2, 2], none: [2, 2],
};
const SCOPED = new Set(['filter', 'map', 'reduce', 'all', 'some', 'none']);

export function checkLogic(expression: unknown, options: CheckLogicOptions = {}): Problem[] {
  const maxDepth = options.maxDepth ?? 32;
  const maxNodes = options.maxNodes ?? 1000;
  const known = new Set([...BUILT_IN_OPERATORS, ...(options.operators ?? [])]);
  const problems: Problem[] = [];
  let nodes = 0;
  let stopped = false;

  const visit = (node: unknown, path: string, depth: number, scoped: boolean): void => {
    if (stopped) return;
    nodes += 1;
    if (nodes > maxNodes) {
      problems.push({ path, code: 'ERR_LOGIC_TOO_LARGE', params: { maxNodes } });
      stopped = true;
      return;
    }
    if (depth > maxDepth) {
      problems.push({ path, code: 'ERR_LOGIC_TOO_DEEP', params: { maxDepth } });
      stopped = true;
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, childPath(path, index), depth + 1, scoped));
      return;
    }
    if (typeof node === 'object' && node !== null && !isOperation(node)) {
      const keys = Object.keys(node);
      if (keys.length > 1) problems.push({ path, code: 'ERR_LOGIC_INVALID', params: { keys } });
      return;
    }
    if (!isOperation(node)) {
      if (typeof node === 'number' && !Number.isFinite(node)) problems.push({ path, code: 'ERR_LOGIC_INVALID', params: { value: String(node) } });
      return;
    }
    const operator = operatorOf(node);
    const at = childPath(path, operator);
    const args = argumentsOf(node);
    if (!known.has(operator)) {
      problems.push({ path: at, code: 'ERR_LOGIC_UNKNOWN_OPERATOR', params: { operator } });
      return;
    }
    const arity = ARITY[operator];
    if (arity && (args.length < arity[0] || args.length > arity[1])) {
      problems.push({ path: at, code: 'ERR_LOGIC_ARITY', params: { operator, min: arity[0], max: arity[1], actual: args.length } });
    }
    if (operator === 'var' && !scoped && options.vars) {
      const name = args[0];
      if (typeof name === 'string' || typeof name === 'number') {
        if (String(name) === '' || !options.vars(String(name))) {
          problems.push({ path: childPath(at, 0), code: 'ERR_LOGIC_UNKNOWN_VARIABLE', params: { name: String(name) } });
        }
      }
    }
    if ((operator === 'missing' || operator === 'missing_some') && !scoped && options.vars) {
      const keys = operator === 'missing' ? (Array.isArray(args[0]) ? args[0] : args) : Array.isArray(args[1]) ? args[1] : [];
      for (const key of keys) {
        if ((typeof key === 'string' || typeof key === 'number') && !options.vars(String(key))) {
          problems.push({ path: at, code: 'ERR_LOGIC_UNKNOWN_VARIABLE', params: { name: String(key) } });
        }
      }
    }
    args.forEach((arg, index) => {
      const inScope = scoped || (SCOPED.has(operator) && index === 1);
      visit(arg, childPath(at, index), depth + 1, inScope);
    });
  };

  visit(expression, '', 0, false);
  return problems;
}
