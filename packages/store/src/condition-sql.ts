import { sql, type RawBuilder } from 'kysely';
import type { JsonLogic } from '@tangram/schema';
import { StoreError } from './errors';
import type { ValueType } from './form-layout';

/** A resolved variable: its SQL and its type (`textList` = a bound text[] such as `$user.orgUnitIds`). */
export interface SqlOperand {
  readonly sql: RawBuilder<unknown>;
  readonly type: ValueType | 'textList';
}
export type ResolveVar = (name: string, path: string) => SqlOperand;

/**
 * The typed json-logic subset the store turns into SQL: and, or, !, ==, ===, !=, !==, <, <=, >, >=
 * (and the 3-argument "between" form of < and <=), in, var. A literal is bound as a parameter of the
 * variable's type, so `{">": [{"var": "budget"}, 50000]}` becomes `r.n1 > $1::numeric` and can use the
 * slot's index. Anything else is refused with a located ERR_INVALID_FILTER, never guessed.
 */
export function compileCondition(expr: JsonLogic, resolve: ResolveVar, path: string): RawBuilder<unknown> {
  return predicate(expr, resolve, path);
}

type Handler = (args: readonly JsonLogic[], resolve: ResolveVar, path: string) => RawBuilder<unknown>;

const COMPARISONS = { '==': '=', '===': '=', '!=': '<>', '!==': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' } as const;
type Comparison = keyof typeof COMPARISONS;

const HANDLERS: Readonly<Record<string, Handler>> = {
  and: (args, resolve, path) => (args.length === 0 ? sql`true` : sql`(${sql.join(args.map((a, i) => predicate(a, resolve, `${path}/${i}`)), sql` and `)})`),
  or: (args, resolve, path) => (args.length === 0 ? sql`false` : sql`(${sql.join(args.map((a, i) => predicate(a, resolve, `${path}/${i}`)), sql` or `)})`),
  // A comparison with NULL is NULL in SQL but false in json-logic: coalesce before negating.
  '!': (args, resolve, path) => sql`not coalesce(${predicate(args[0] ?? null, resolve, `${path}/0`)}, false)`,
  in: (args, resolve, path) => compileIn(args, resolve, path),
  ...Object.fromEntries((Object.keys(COMPARISONS) as Comparison[]).map((op) => [op, (args: readonly JsonLogic[], resolve: ResolveVar, path: string) => compileComparison(op, args, resolve, path)])),
};

function invalid(message: string, path: string, params: Record<string, unknown> = {}): StoreError {
  return new StoreError('ERR_INVALID_FILTER', message, { path, params });
}

function operatorOf(expr: JsonLogic, path: string): [string, readonly JsonLogic[]] {
  if (expr === null || typeof expr !== 'object' || Array.isArray(expr)) throw invalid('expected a condition object', path);
  const keys = Object.keys(expr);
  if (keys.length !== 1) throw invalid('a condition has exactly one operator', path, { operators: keys });
  const op = keys[0]!;
  const raw = (expr as Record<string, JsonLogic>)[op]!;
  return [op, Array.isArray(raw) ? raw : [raw]];
}

function predicate(expr: JsonLogic, resolve: ResolveVar, path: string): RawBuilder<unknown> {
  if (typeof expr === 'boolean') return expr ? sql`true` : sql`false`;
  const [op, args] = operatorOf(expr, path);
  if (op === 'var') {
    const operand = resolve(varName(args, `${path}/var`), `${path}/var`);
    if (operand.type !== 'boolean') throw invalid('only a yes/no field can stand alone as a condition', `${path}/var`);
    return operand.sql;
  }
  const handler = Object.hasOwn(HANDLERS, op) ? HANDLERS[op] : undefined;
  if (!handler) throw invalid(`operator ${op} is not supported in filters`, `${path}/${op}`, { operator: op });
  return handler(args, resolve, `${path}/${op}`);
}

function varName(args: readonly JsonLogic[], path: string): string {
  const name = args[0];
  if (typeof name !== 'string' || name === '') throw invalid('var needs a field name', path);
  return name;
}

function isVar(expr: JsonLogic): expr is { readonly var: JsonLogic } {
  return expr !== null && typeof expr === 'object' && !Array.isArray(expr) && Object.keys(expr).length === 1 && 'var' in expr;
}

function operand(expr: JsonLogic, resolve: ResolveVar, path: string): SqlOperand | undefined {
  if (!isVar(expr)) return undefined;
  const args = Array.isArray(expr.var) ? expr.var : [expr.var];
  return resolve(varName(args, `${path}/var`), `${path}/var`);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Binds a literal as a parameter of `type`; a value that can't be one is a located error. */
export function literal(value: JsonLogic, type: ValueType, path: string): RawBuilder<unknown> {
  const bad = () => invalid(`${JSON.stringify(value)} is not a valid ${type} value`, path, { value, type });
  const BIND: Readonly<Record<ValueType, () => RawBuilder<unknown>>> = {
    text: () => {
      if (typeof value === 'string') return sql`${value}::text`;
      if (typeof value === 'number' || typeof value === 'boolean') return sql`${String(value)}::text`;
      throw bad();
    },
    numeric: () => {
      if (typeof value === 'number' && Number.isFinite(value)) return sql`${String(value)}::numeric`;
      if (typeof value === 'string' && DECIMAL.test(value)) return sql`${value}::numeric`;
      throw bad();
    },
    time: () => {
      if (typeof value === 'string' && DATE_ONLY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return sql`${`${value}T00:00:00Z`}::timestamptz`;
      if (typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return sql`${value}::timestamptz`;
      throw bad();
    },
    boolean: () => {
      if (typeof value === 'boolean') return sql`${value}::boolean`;
      throw bad();
    },
    json: () => sql`${JSON.stringify(value)}::jsonb`,
  };
  return BIND[type]();
}

function compileComparison(op: Comparison, args: readonly JsonLogic[], resolve: ResolveVar, path: string): RawBuilder<unknown> {
  if (args.length === 3 && (op === '<' || op === '<=')) {
    // Between: {"<": [1, {"var": "x"}, 10]}
    return sql`(${compileComparison(op, [args[0]!, args[1]!], resolve, path)} and ${compileComparison(op, [args[1]!, args[2]!], resolve, path)})`;
  }
  if (args.length !== 2) throw invalid(`${op} takes two arguments`, path, { operator: op });
  const left = operand(args[0]!, resolve, `${path}/0`);
  const right = operand(args[1]!, resolve, `${path}/1`);
  const sqlOp = sql.raw(COMPARISONS[op]);
  if (left && right) {
    if (left.type === 'textList' || right.type === 'textList') throw invalid('a list can only be used with "in"', path);
    if (left.type === right.type) return sql`${left.sql} ${sqlOp} ${right.sql}`;
    return sql`${asText(left)} ${sqlOp} ${asText(right)}`;
  }
  if (!left && !right) throw invalid('a comparison needs a field on one side', path);
  const column = (left ?? right)!;
  if (column.type === 'textList') throw invalid('a list can only be used with "in"', path);
  const value = left ? args[1]! : args[0]!;
  const valuePath = left ? `${path}/1` : `${path}/0`;
  if (value === null) {
    if (op === '==' || op === '===') return sql`${column.sql} is null`;
    if (op === '!=' || op === '!==') return sql`${column.sql} is not null`;
    throw invalid('null can only be compared for equality', valuePath);
  }
  const bound = literal(value, column.type, valuePath);
  return left ? sql`${column.sql} ${sqlOp} ${bound}` : sql`${bound} ${sqlOp} ${column.sql}`;
}

function asText(operand: SqlOperand): RawBuilder<unknown> {
  return operand.type === 'json' ? sql`(${operand.sql} #>> '{}')` : sql`(${operand.sql})::text`;
}

function compileIn(args: readonly JsonLogic[], resolve: ResolveVar, path: string): RawBuilder<unknown> {
  if (args.length !== 2) throw invalid('in takes two arguments', path);
  const needle = operand(args[0]!, resolve, `${path}/0`);
  const haystack = args[1]!;
  const haystackOperand = operand(haystack, resolve, `${path}/1`);
  if (needle && Array.isArray(haystack)) {
    if (needle.type === 'textList') throw invalid('a list can only be searched, not searched for', `${path}/0`);
    if (haystack.length === 0) return sql`false`;
    return sql`${needle.sql} in (${sql.join(haystack.map((v, i) => literal(v as JsonLogic, needle.type as ValueType, `${path}/1/${i}`)))})`;
  }
  if (needle && haystackOperand?.type === 'textList') return sql`${asText(needle)} = any(${haystackOperand.sql})`;
  if (!needle && haystackOperand) {
    // "web" in a multi-value field (jsonb array), or a substring of a text field.
    if (haystackOperand.type === 'json') return sql`${haystackOperand.sql} @> ${JSON.stringify([args[0]])}::jsonb`;
    if (haystackOperand.type === 'text' && typeof args[0] === 'string') return sql`strpos(${haystackOperand.sql}, ${args[0]}::text) > 0`;
  }
  throw invalid('unsupported form of "in"', path);
}
