/**
 * The SQL back end: json-logic compiled to a parameterised kysely expression that gives, for every row,
 * exactly the value the in-memory back end gives for the same record — or a LogicError
 * ERR_LOGIC_UNSUPPORTED_IN_SQL at compile time. User values are always bound parameters.
 *
 *   compileToSql({ and: [{ '==': [{ var: 'channel' }, 'web'] }, { '>': [{ var: 'budget' }, 50000] }] }, resolve)
 *   // -> (COALESCE… "channel" = CAST($1 AS text) …) AND (… CAST("budget" AS float8) > CAST($2 AS float8) …)
 */
import { sql, type RawBuilder } from 'kysely';
import { childPath, LogicError } from '../errors';
import { argumentsOf, isOperation, operatorOf, truthy } from '../js-semantics';
import { createLogic } from '../create-logic';
import { EAGER_OPERATIONS } from '../operations';
import { concat, divide, numberStep, parseFloatTerm, remainder, substring, textTerm, toNumberTerm } from './arithmetic';
import { contains, equals, order, type Ordering } from './compare';
import { lift } from './lift';
import { bool, caseTerm, constant, constantAs, isStorableText, renderAs, unsupported, type SqlTerm, type Term, type TermType } from './sql-term';
import { jsonPathResolver, termOf, type VarResolver } from './var-resolver';

const memory = createLogic();

interface Context {
  readonly resolve: VarResolver;
  /** Nesting of `some`/`all`/`none`, to name each element alias uniquely. */
  readonly scope: number;
}

type Handler = (args: readonly unknown[], path: string, context: Context) => Term;

const TRUE = constant(true);
const FALSE = constant(false);

// ---- truthiness -------------------------------------------------------------------------------------

function truthyBase([term]: readonly Term[]): Term {
  if (term!.kind !== 'sql') return term!;
  const x = term!.sql;
  switch (term!.type) {
    case 'number': return bool(sql`(${x} <> 0)`);
    case 'string': return bool(sql`(${x} <> '')`);
    case 'boolean': return term!;
    case 'timestamp': return TRUE;
    case 'object': return bool(sql`(CASE WHEN jsonb_typeof(${x}) = 'array' THEN jsonb_array_length(${x}) > 0 ELSE true END)`);
    case 'json': return unsupported('', 'internal: unsplit json');
  }
}

/** A never-NULL SQL boolean (or constant) that is the json-logic truthiness of a term. */
export function truthyTerm(term: Term, path: string): Term {
  if (term.kind === 'truth') return term.truthy;
  if (term.kind === 'raise') return unsupported(path, 'a value the SQL back end cannot compute');
  return lift([term], truthyBase, ([value]) => truthy(value), path);
}

const not = (term: Term): Term => {
  if (term.kind === 'const') return constant(!term.value);
  if (term.kind === 'sql') return bool(sql`(NOT ${term.sql})`);
  return term;
};

function junction(kind: 'AND' | 'OR', terms: readonly Term[]): Term {
  const absorbing = kind === 'OR';
  const kept: RawBuilder<unknown>[] = [];
  for (const term of terms) {
    if (term.kind === 'const') {
      if (term.value === absorbing) return constant(absorbing);
      continue;
    }
    kept.push((term as SqlTerm).sql);
  }
  if (kept.length === 0) return constant(!absorbing);
  if (kept.length === 1) return bool(kept[0]!);
  return bool(sql`(${sql.join(kept, sql.raw(` ${kind} `))})`);
}

// ---- helpers ----------------------------------------------------------------------------------------

function compileArgs(args: readonly unknown[], path: string, context: Context): Term[] {
  return args.map((arg, index) => compileValue(arg, childPath(path, index), context));
}

function constantArg(term: Term, path: string, what: string): unknown {
  if (term.kind !== 'const') return unsupported(path, `${what} computed from the record`);
  return term.value;
}

const arg = (args: readonly Term[], index: number): Term => args[index] ?? constant(undefined);

/** Negation inside the lifted operation, so NULL branches fold to their own constants. */
const negated = (base: (terms: readonly Term[]) => Term) => (terms: readonly Term[]) => not(base(terms));

function comparison(op: '==' | '===' | '!=' | '!=='): Handler {
  const strict = op === '===' || op === '!==';
  const fold = EAGER_OPERATIONS[op] as (args: readonly unknown[]) => unknown;
  return (raw, path, context) => {
    const args = compileArgs(raw, path, context);
    const pathed = (terms: readonly Term[]) => equals(strict ? '===' : '==', terms[0]!, terms[1]!, path);
    return lift([arg(args, 0), arg(args, 1)], op.startsWith('!') ? negated(pathed) : pathed, (values) => fold(values), path);
  };
}

function ordering(op: Ordering): Handler {
  const fold = EAGER_OPERATIONS[op] as (args: readonly unknown[]) => unknown;
  const pair = (a: Term, b: Term, path: string) =>
    lift([a, b], (terms) => order(op, terms[0]!, terms[1]!, path), (values) => fold(values), path);
  return (raw, path, context) => {
    const args = compileArgs(raw, path, context);
    if (args.every((term) => term.kind === 'const')) return constant(fold(args.map((t) => (t as { value: unknown }).value)));
    if (args.length < 2) return unsupported(path, `"${op}" with ${args.length} argument(s)`);
    const between = (op === '<' || op === '<=') && args.length >= 3 && !(args[2]!.kind === 'const' && args[2]!.value === undefined);
    if (!between) return pair(args[0]!, args[1]!, path);
    return junction('AND', [pair(args[0]!, args[1]!, path), pair(args[1]!, args[2]!, path)]);
  };
}

function arithmetic(op: '+' | '*' | 'min' | 'max'): Handler {
  const fold = EAGER_OPERATIONS[op] as (args: readonly unknown[]) => unknown;
  return (raw, path, context) => {
    const args = compileArgs(raw, path, context);
    if (args.every((term) => term.kind === 'const')) return constant(fold(args.map((t) => (t as { value: unknown }).value)));
    const convert = op === '+' || op === '*' ? parseFloatTerm : toNumberTerm;
    const unary = (term: Term) => lift([term], ([t]) => convert(t!, path), ([v]) => (op === '+' || op === '*' ? parseFloat(v as string) : Number(v)), path);
    if (op === '*' && args.length === 1) return args[0]!; // reduce without a start returns the only item as is
    let accumulator = op === '+' ? constant(0) : unary(args[0]!);
    for (const next of op === '+' ? args : args.slice(1)) {
      const right = unary(next);
      accumulator = lift([accumulator, right], ([a, b]) => numberStep(op, a!, b!, path), ([a, b]) => fold([a, b]), path);
    }
    return accumulator;
  };
}

// ---- scoped array operations ---------------------------------------------------------------------------

function quantifier(kind: 'some' | 'all' | 'none'): Handler {
  return (raw, path, context) => {
    const source = compileValue(raw[0], childPath(path, 0), context);
    if (source.kind === 'const') return constant(memory.apply({ [kind]: [{ var: 'items' }, raw[1] ?? null] }, { items: source.value }));
    if (source.kind !== 'sql') return unsupported(path, 'an array computed in a way SQL cannot hold');
    if (source.type !== 'json' && source.type !== 'object') return constant(kind === 'none');
    const alias = sql.raw(`logic_e${context.scope}`);
    const element = sql`${alias}.v`;
    const inner = truthyTerm(
      compileValue(raw[1] ?? null, childPath(path, 1), { resolve: jsonPathResolver(element, childPath(path, 1)), scope: context.scope + 1 }),
      childPath(path, 1),
    );
    const isArray = sql`(jsonb_typeof(${source.sql}) = 'array')`;
    const elements = sql`jsonb_array_elements(CASE WHEN ${isArray} THEN ${source.sql} ELSE CAST('[]' AS jsonb) END) AS ${alias}(v)`;
    const predicate = (term: Term) => (term.kind === 'const' ? (term.value ? sql`true` : sql`false`) : (term as SqlTerm).sql);
    switch (kind) {
      case 'some': return bool(sql`(EXISTS (SELECT 1 FROM ${elements} WHERE ${predicate(inner)}))`);
      case 'none': return bool(sql`(NOT EXISTS (SELECT 1 FROM ${elements} WHERE ${predicate(inner)}))`);
      case 'all':
        return bool(sql`(COALESCE(${isArray} AND jsonb_array_length(${source.sql}) > 0, false) AND NOT EXISTS (SELECT 1 FROM ${elements} WHERE NOT ${predicate(inner)}))`);
    }
  };
}

// ---- missing ----------------------------------------------------------------------------------------------

function missingPredicate(name: unknown, path: string, context: Context): Term {
  const value = compileValue({ var: name }, path, context);
  return lift([value], ([t]) => (t!.kind === 'sql' && t!.type === 'string' ? bool(sql`(${t!.sql} = '')`) : FALSE), ([v]) => v === null || v === '', path);
}

const missingKeysOf = (args: readonly Term[], path: string): unknown[] => {
  const values = args.map((term, index) => constantArg(term, childPath(path, index), 'a key'));
  return Array.isArray(values[0]) ? values[0] : values;
};

function missingTerm(keys: readonly unknown[], path: string, context: Context, needCount?: number): Term {
  const predicates = keys.map((key) => missingPredicate(key, path, context));
  if (predicates.every((p) => p.kind === 'const')) {
    const missing = keys.filter((_, i) => (predicates[i] as { value: unknown }).value === true);
    if (needCount === undefined) return constant(missing);
    return constant(keys.length - missing.length >= needCount ? [] : missing);
  }
  if (needCount === undefined) return { kind: 'truth', truthy: junction('OR', predicates) };
  const count = sql.join(predicates.map((p) => (p.kind === 'const' ? sql`CAST(${p.value ? 1 : 0} AS integer)` : sql`(CASE WHEN ${(p as SqlTerm).sql} THEN 1 ELSE 0 END)`)), sql` + `);
  return { kind: 'truth', truthy: bool(sql`((${count}) > 0 AND CAST(${keys.length} AS integer) - (${count}) < CAST(${needCount} AS float8))`) };
}

// ---- the operator table ---------------------------------------------------------------------------------

const conditional: Handler = (raw, path, context) => {
  const args = compileArgs(raw, path, context);
  const branches: (readonly [Term, Term])[] = [];
  let i = 0;
  for (; i < args.length - 1; i += 2) branches.push([truthyTerm(args[i]!, childPath(path, i)), args[i + 1]!]);
  return caseTerm(branches, i === args.length - 1 ? args[i]! : constant(null), path);
};

/** `and`/`or` return an operand, not a boolean: the first falsy (or truthy) one, else the last. */
function junctionValue(kind: 'and' | 'or'): Handler {
  return (raw, path, context) => {
    const args = compileArgs(raw, path, context);
    if (args.length === 0) return unsupported(path, `an empty "${kind}" (undefined)`);
    if (args.every((t) => t.kind === 'const')) {
      const values = args.map((t) => (t as { value: unknown }).value);
      return constant(values.find((value) => truthy(value) === (kind === 'or')) ?? values[values.length - 1]);
    }
    const isBoolean = (t: Term) => (t.kind === 'const' ? typeof t.value === 'boolean' : t.kind === 'sql' && t.type === 'boolean' && !t.nullable);
    if (args.every(isBoolean)) {
      return junction(kind === 'and' ? 'AND' : 'OR', args);
    }
    let result = args[args.length - 1]!;
    for (let i = args.length - 2; i >= 0; i -= 1) {
      const test = truthyTerm(args[i]!, childPath(path, i));
      result = caseTerm([[kind === 'and' ? not(test) : test, args[i]!]], result, path);
    }
    return result;
  };
}

const SQL_OPERATIONS = {
  var: (raw, path, context) => {
    const args = compileArgs(raw, path, context);
    const name = constantArg(arg(args, 0), childPath(path, 0), 'a variable name');
    const key = name === null || name === undefined ? '' : String(name);
    const resolution = context.resolve(key);
    if (resolution === undefined) {
      if (key === '') return unsupported(path, 'reading the whole record');
      throw new LogicError('ERR_LOGIC_UNKNOWN_VARIABLE', `unknown variable "${key}"`, path, { name: key });
    }
    const term = termOf(resolution);
    const fallback = arg(args, 1);
    if (fallback.kind === 'const' && (fallback.value === undefined || fallback.value === null)) return term;
    if (term.kind === 'const') return term.value === null ? fallback : term;
    if (term.kind !== 'sql') return term;
    // SQL NULL is a missing value; a JSON null is a present one, which the default does not replace.
    return caseTerm([[bool(sql`(${term.sql} IS NULL)`), fallback]], term.type === 'json' ? term : { ...term, nullable: false }, path);
  },
  '==': comparison('=='),
  '===': comparison('==='),
  '!=': comparison('!='),
  '!==': comparison('!=='),
  '<': ordering('<'),
  '<=': ordering('<='),
  '>': ordering('>'),
  '>=': ordering('>='),
  '!': (raw, path, context) => not(truthyTerm(compileValue(raw[0], childPath(path, 0), context), childPath(path, 0))),
  '!!': (raw, path, context) => truthyTerm(compileValue(raw[0], childPath(path, 0), context), childPath(path, 0)),
  and: junctionValue('and'),
  or: junctionValue('or'),
  if: conditional,
  '?:': conditional,
  in: (raw, path, context) => {
    const args = compileArgs(raw, path, context);
    return lift([arg(args, 0), arg(args, 1)], ([a, b]) => contains(a!, b!, path), (values) => EAGER_OPERATIONS.in(values), path);
  },
  '+': arithmetic('+'),
  '*': arithmetic('*'),
  min: arithmetic('min'),
  max: arithmetic('max'),
  '-': (raw, path, context) => {
    const args = compileArgs(raw, path, context);
    const number = (t: Term) => lift([t], ([x]) => toNumberTerm(x!, path), ([v]) => Number(v), path);
    if (args.length === 1 || (args.length >= 2 && args[1]!.kind === 'const' && args[1]!.value === undefined)) {
      return lift([number(args[0]!)], ([x]) => numberStep('-', constant(-0), x!, path), ([v]) => -(v as number), path);
    }
    if (args.length === 0) return constant(Number.NaN);
    return lift([number(args[0]!), number(args[1]!)], ([a, b]) => numberStep('-', a!, b!, path), ([a, b]) => (a as number) - (b as number), path);
  },
  '/': (raw, path, context) => {
    const args = compileArgs(raw, path, context);
    const number = (t: Term) => lift([t], ([x]) => toNumberTerm(x!, path), ([v]) => Number(v), path);
    return lift([number(arg(args, 0)), number(arg(args, 1))], ([a, b]) => divide(a!, b!, path), ([a, b]) => (a as number) / (b as number), path);
  },
  '%': (raw, path, context) => {
    const args = compileArgs(raw, path, context);
    const number = (t: Term) => lift([t], ([x]) => toNumberTerm(x!, path), ([v]) => Number(v), path);
    return lift([number(arg(args, 0)), number(arg(args, 1))], ([a, b]) => remainder(a!, b!, path), ([a, b]) => (a as number) % (b as number), path);
  },
  substr: (raw, path, context) => {
    const args = compileArgs(raw, path, context);
    const start = constantArg(arg(args, 1), childPath(path, 1), 'a start');
    const end = constantArg(arg(args, 2), childPath(path, 2), 'a length');
    if (typeof start !== 'number' || !Number.isInteger(start) || (end !== undefined && (typeof end !== 'number' || !Number.isInteger(end)))) {
      return unsupported(path, 'substr with a start or length that is not an integer');
    }
    const fold = ([source]: readonly unknown[]) => EAGER_OPERATIONS.substr([source, start, end]);
    const text = (t: Term) => (t.kind === 'sql' && t.type === 'string' ? t : textTerm(t, path));
    return lift([arg(args, 0)], ([source]) => {
      if (source!.kind === 'const') return constant(fold([source!.value]));
      if (source!.kind === 'sql' && source!.type === 'string') return substring(source!, start, end as number | undefined, path);
      if (source!.kind === 'sql' && source!.type === 'number') return unsupported(path, 'substr of a number (JavaScript and PostgreSQL print numbers differently)');
      return lift([text(source!)], ([t]) => (t!.kind === 'sql' ? substring(t!, start, end as number | undefined, path) : t!), fold, path);
    }, fold, path);
  },
  cat: (raw, path, context) => {
    const args = compileArgs(raw, path, context);
    const text = (t: Term) => lift([t], ([x]) => textTerm(x!, path), ([v]) => (v === null || v === undefined ? '' : String(v)), path);
    let result: Term = constant('');
    for (const next of args) {
      const part = text(next);
      if (part.kind === 'const' && !isStorableText(String(part.value))) return unsupported(path, 'text PostgreSQL cannot hold');
      result = concat(result, part);
    }
    return result;
  },
  some: quantifier('some'),
  all: quantifier('all'),
  none: quantifier('none'),
  missing: (raw, path, context) => missingTerm(missingKeysOf(compileArgs(raw, path, context), path), path, context),
  missing_some: (raw, path, context) => {
    const args = compileArgs(raw, path, context);
    const need = constantArg(arg(args, 0), childPath(path, 0), 'a count');
    if (typeof need !== 'number' || !Number.isFinite(need)) return unsupported(childPath(path, 0), 'a count that is not a number');
    const keys = constantArg(arg(args, 1), childPath(path, 1), 'a key list');
    return missingTerm(Array.isArray(keys) ? keys : [], path, context, need as number);
  },
} satisfies Partial<Record<string, Handler>>;

/** Operators the in-memory back end knows that SQL refuses (they build lists or need exact text). */
const MEMORY_ONLY = new Set<string>(['merge', 'filter', 'map', 'reduce']);

/** Whether a node reads the record (outside the per-element logic of array operations). */
function readsData(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(readsData);
  if (!isOperation(node)) return false;
  const operator = operatorOf(node);
  const args = argumentsOf(node);
  if (operator === 'var' || operator === 'missing' || operator === 'missing_some') return true;
  if (['filter', 'map', 'reduce', 'all', 'some', 'none'].includes(operator)) {
    return readsData(args[0]) || readsData(args[2]);
  }
  return args.some(readsData);
}

export function compileValue(node: unknown, path: string, context: Context): Term {
  if (Array.isArray(node)) {
    const items = node.map((item, index) => compileValue(item, childPath(path, index), context));
    if (items.every((item) => item.kind === 'const')) return constant(items.map((item) => (item as { value: unknown }).value));
    return unsupported(path, 'an array built from record values');
  }
  if (!isOperation(node)) return constant(node);
  const operator = operatorOf(node);
  const at = childPath(path, operator);
  const handler = Object.prototype.hasOwnProperty.call(SQL_OPERATIONS, operator)
    ? (SQL_OPERATIONS as Record<string, Handler>)[operator]
    : undefined;
  if (!handler && !MEMORY_ONLY.has(operator)) {
    throw new LogicError('ERR_LOGIC_UNKNOWN_OPERATOR', `unknown operator "${operator}"`, at, { operator });
  }
  // A part that reads nothing from the record is computed here, with the in-memory semantics.
  if (!readsData(node)) return constant(memory.apply(node, null));
  if (!handler) return unsupported(at, `"${operator}" is evaluated in memory only`, { operator });
  return handler(argumentsOf(node), at, context);
}

// ---- public API --------------------------------------------------------------------------------------------

const topContext = (resolve: VarResolver): Context => ({ resolve: (name) => (name === '' ? undefined : resolve(name)), scope: 0 });

/** Compiles in boolean context: `and`/`or`/`!`/`if` combine truthiness directly instead of values. */
function compilePredicate(node: unknown, path: string, context: Context): Term {
  if (isOperation(node) && readsData(node)) {
    const operator = operatorOf(node);
    const args = argumentsOf(node);
    const at = childPath(path, operator);
    const sub = (index: number) => compilePredicate(args[index], childPath(at, index), context);
    if (operator === 'and' && args.length > 0) return junction('AND', args.map((_, i) => sub(i)));
    if (operator === 'or' && args.length > 0) return junction('OR', args.map((_, i) => sub(i)));
    if (operator === '!') return not(sub(0));
    if (operator === '!!') return sub(0);
  }
  return truthyTerm(compileValue(node, path, context), path);
}

const render = (term: Term): RawBuilder<boolean> => {
  if (term.kind === 'const') return term.value ? sql<boolean>`true` : sql<boolean>`false`;
  return (term as SqlTerm).sql as RawBuilder<boolean>;
};

/**
 * A WHERE predicate: true exactly for the rows whose record makes the expression truthy in memory.
 *   compileToSql({ in: [{ var: 'stage' }, ['won', 'lost']] }, resolve)  // -> ("stage" = ANY(CAST($1 AS text[])))
 * Throws LogicError: ERR_LOGIC_UNSUPPORTED_IN_SQL, ERR_LOGIC_UNKNOWN_OPERATOR, ERR_LOGIC_UNKNOWN_VARIABLE.
 */
export function compileToSql(expression: unknown, resolve: VarResolver): RawBuilder<boolean> {
  return render(compilePredicate(expression, '', topContext(resolve)));
}

export interface TypedSqlValue {
  readonly sql: RawBuilder<unknown>;
  /** The JS type of the result; `jsonb` results are parsed JSON, `timestamptz` stand for ISO strings. */
  readonly type: 'float8' | 'text' | 'boolean' | 'timestamptz' | 'jsonb';
}

const RESULT_TYPES: Record<TermType, TypedSqlValue['type']> = {
  number: 'float8', string: 'text', boolean: 'boolean', timestamp: 'timestamptz', json: 'jsonb', object: 'jsonb',
};

/** A value expression with its result type (numbers are float8: JS doubles). */
export function compileTypedValueToSql(expression: unknown, resolve: VarResolver): TypedSqlValue {
  const term = compileValue(expression, '', topContext(resolve));
  if (term.kind === 'sql') return { sql: term.sql, type: RESULT_TYPES[term.type] };
  if (term.kind === 'const') {
    const v = term.value;
    const type: TermType = typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : 'json';
    const rendered = constantAs(v, type);
    if (rendered && v !== undefined) return { sql: rendered, type: RESULT_TYPES[type] };
    return unsupported('', `the constant result ${String(v)}`);
  }
  return { sql: renderAs(term, 'json', ''), type: 'jsonb' };
}

/** A value expression (a formula, a computed column): the SQL of `compileTypedValueToSql`. */
export function compileValueToSql(expression: unknown, resolve: VarResolver): RawBuilder<unknown> {
  return compileTypedValueToSql(expression, resolve).sql;
}
