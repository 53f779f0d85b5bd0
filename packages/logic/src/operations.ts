/**
 * The built-in json-logic operations whose arguments are all evaluated first ("eager"), exactly as
 * json-logic-js 2.0.5 defines them. Control-flow and array operations, which evaluate their arguments
 * lazily or in a new scope, live in `create-logic.ts`.
 */
import { missingKeys, readVar, truthy } from './js-semantics';

/** An eager operation: receives evaluated arguments and the current data (for `var` and `missing`). */
export type EagerOperation = (args: readonly unknown[], data: unknown) => unknown;

/* eslint-disable eqeqeq -- json-logic is defined by JavaScript's loose equality and coercions. */
const loose = (a: any, b: any): boolean => a == b;
const lt = (a: any, b: any): boolean => a < b;
const le = (a: any, b: any): boolean => a <= b;
const num = (value: unknown): number => parseFloat(value as string);

export const EAGER_OPERATIONS = {
  '==': ([a, b]) => loose(a, b),
  '===': ([a, b]) => a === b,
  '!=': ([a, b]) => !loose(a, b),
  '!==': ([a, b]) => a !== b,
  '>': ([a, b]) => lt(b, a),
  '>=': ([a, b]) => le(b, a),
  // With a third argument `<` and `<=` test "between": a < b < c.
  '<': ([a, b, c]) => (c === undefined ? lt(a, b) : lt(a, b) && lt(b, c)),
  '<=': ([a, b, c]) => (c === undefined ? le(a, b) : le(a, b) && le(b, c)),
  '!!': ([a]) => truthy(a),
  '!': ([a]) => !truthy(a),
  '%': ([a, b]) => (a as number) % (b as number),
  in: ([a, b]) => {
    if (typeof b === 'string') return b.indexOf(a as string) !== -1;
    if (Array.isArray(b)) return b.indexOf(a) !== -1;
    return false;
  },
  cat: (args) => args.join(''),
  substr: ([source, start, end]) => {
    const text = String(source);
    if ((end as number) < 0) {
      const tail = text.substr(start as number);
      return tail.substr(0, tail.length + (end as number));
    }
    return text.substr(start as number, end as number);
  },
  '+': (args) => args.reduce<number>((sum, value) => num(sum) + num(value), 0),
  '*': (args) => (args.length === 0 ? undefined : args.reduce((product, value) => num(product) * num(value))),
  '-': ([a, b]) => (b === undefined ? -(a as number) : (a as number) - (b as number)),
  '/': ([a, b]) => (a as number) / (b as number),
  min: (args) => Math.min(...(args as number[])),
  max: (args) => Math.max(...(args as number[])),
  merge: (args) => args.reduce<unknown[]>((all, value) => all.concat(value), []),
  var: ([name, fallback], data) => readVar(data, name, fallback),
  missing: (args, data) => missingKeys(data, Array.isArray(args[0]) ? args[0] : args),
  missing_some: ([needCount, options], data) => {
    const keys = Array.isArray(options) ? options : [];
    const missing = missingKeys(data, keys);
    return keys.length - missing.length >= (needCount as number) ? [] : missing;
  },
} satisfies Record<string, EagerOperation>;
/* eslint-enable eqeqeq */

export type EagerOperator = keyof typeof EAGER_OPERATIONS;
