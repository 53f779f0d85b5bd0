/**
 * The in-memory back end: an expression is walked once and turned into nested closures, so evaluating
 * it against a record is a chain of function calls with no re-interpretation of the tree.
 *
 *   const logic = createLogic();
 *   const isHot = logic.compile({ and: [{ '==': [{ var: 'channel' }, 'web'] }, { '>': [{ var: 'budget' }, 50000] }] });
 *   isHot({ channel: 'web', budget: 80000 }) // -> true
 */
import { childPath, LogicError } from './errors';
import { argumentsOf, isOperation, operatorOf, truthy } from './js-semantics';
import { EAGER_OPERATIONS, type EagerOperation } from './operations';

export type Evaluate = (data: unknown) => unknown;
/** A custom operation receives its evaluated arguments, like json-logic's `add_operation`. */
export type CustomOperation = (...args: unknown[]) => unknown;

export interface LogicOptions {
  /** Extra operations for this instance only. They may not replace a built-in. */
  readonly operations?: Readonly<Record<string, CustomOperation>>;
}

export interface Logic {
  /** Compiles once; the returned function is pure and may be called any number of times. */
  compile(expression: unknown): Evaluate;
  /** One-off evaluation: `compile(expression)(data)`. */
  apply(expression: unknown, data?: unknown): unknown;
  /** Every operator this instance knows (built-in and custom), for `checkLogic`. */
  readonly operators: ReadonlySet<string>;
}

type Compile = (node: unknown, path: string) => Evaluate;
/** Operations that decide themselves when (and on which data) their arguments are evaluated. */
type LazyOperation = (args: readonly unknown[], path: string, compile: Compile) => Evaluate;

const compileAll = (args: readonly unknown[], path: string, compile: Compile): Evaluate[] =>
  args.map((arg, index) => compile(arg, childPath(path, index)));

const scopedArgs = (args: readonly unknown[], path: string, compile: Compile): [Evaluate, Evaluate] => [
  compile(args[0], childPath(path, 0)),
  compile(args[1], childPath(path, 1)),
];

const filterWith = (args: readonly unknown[], path: string, compile: Compile): Evaluate => {
  const [source, predicate] = scopedArgs(args, path, compile);
  return (data) => {
    const items = source(data);
    return Array.isArray(items) ? items.filter((item) => truthy(predicate(item))) : [];
  };
};

const conditional: LazyOperation = (args, path, compile) => {
  const parts = compileAll(args, path, compile);
  return (data) => {
    let i = 0;
    for (; i < parts.length - 1; i += 2) {
      if (truthy(parts[i]!(data))) return parts[i + 1]!(data);
    }
    return i === parts.length - 1 ? parts[i]!(data) : null;
  };
};

export const LAZY_OPERATIONS = {
  if: conditional,
  '?:': conditional,
  and: (args, path, compile) => {
    const parts = compileAll(args, path, compile);
    return (data) => {
      let current: unknown;
      for (const part of parts) {
        current = part(data);
        if (!truthy(current)) return current;
      }
      return current;
    };
  },
  or: (args, path, compile) => {
    const parts = compileAll(args, path, compile);
    return (data) => {
      let current: unknown;
      for (const part of parts) {
        current = part(data);
        if (truthy(current)) return current;
      }
      return current;
    };
  },
  filter: filterWith,
  map: (args, path, compile) => {
    const [source, mapper] = scopedArgs(args, path, compile);
    return (data) => {
      const items = source(data);
      return Array.isArray(items) ? items.map((item) => mapper(item)) : [];
    };
  },
  reduce: (args, path, compile) => {
    const [source, reducer] = scopedArgs(args, path, compile);
    const initial = args[2] === undefined ? () => null : compile(args[2], childPath(path, 2));
    return (data) => {
      const items = source(data);
      const start = initial(data);
      if (!Array.isArray(items)) return start;
      return items.reduce((accumulator, current) => reducer({ current, accumulator }), start);
    };
  },
  all: (args, path, compile) => {
    const [source, predicate] = scopedArgs(args, path, compile);
    return (data) => {
      const items = source(data);
      if (!Array.isArray(items) || items.length === 0) return false;
      return items.every((item) => truthy(predicate(item)));
    };
  },
  some: (args, path, compile) => {
    const filtered = filterWith(args, path, compile);
    return (data) => (filtered(data) as unknown[]).length > 0;
  },
  none: (args, path, compile) => {
    const filtered = filterWith(args, path, compile);
    return (data) => (filtered(data) as unknown[]).length === 0;
  },
} satisfies Record<string, LazyOperation>;

export const BUILT_IN_OPERATORS: ReadonlySet<string> = new Set([
  ...Object.keys(EAGER_OPERATIONS),
  ...Object.keys(LAZY_OPERATIONS),
]);

const hasOwn = (table: object, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key);

export function createLogic(options: LogicOptions = {}): Logic {
  const custom = new Map<string, EagerOperation>();
  for (const [name, operation] of Object.entries(options.operations ?? {})) {
    if (BUILT_IN_OPERATORS.has(name) || name === 'method') {
      throw new LogicError('ERR_LOGIC_INVALID', `custom operation "${name}" would replace a built-in`, '', { operator: name });
    }
    custom.set(name, (args) => operation(...args));
  }
  const operators: ReadonlySet<string> = new Set([...BUILT_IN_OPERATORS, ...custom.keys()]);

  const compile: Compile = (node, path) => {
    if (Array.isArray(node)) {
      const items = compileAll(node, path, compile);
      return (data) => items.map((item) => item(data));
    }
    if (!isOperation(node)) return () => node;
    const operator = operatorOf(node);
    const args = argumentsOf(node);
    const at = childPath(path, operator);
    if (hasOwn(LAZY_OPERATIONS, operator)) {
      return LAZY_OPERATIONS[operator as keyof typeof LAZY_OPERATIONS](args, at, compile);
    }
    const eager = hasOwn(EAGER_OPERATIONS, operator)
      ? (EAGER_OPERATIONS[operator as keyof typeof EAGER_OPERATIONS] as EagerOperation)
      : custom.get(operator);
    if (!eager) {
      throw new LogicError('ERR_LOGIC_UNKNOWN_OPERATOR', `unknown operator "${operator}"`, at, { operator });
    }
    const parts = compileAll(args, at, compile);
    return (data) => eager(parts.map((part) => part(data)), data);
  };

  return Object.freeze({
    compile: (expression: unknown) => compile(expression, ''),
    apply: (expression: unknown, data?: unknown) => compile(expression, '')(data ?? null),
    operators,
  });
}
