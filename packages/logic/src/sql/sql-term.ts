/**
 * What the SQL compiler knows about a sub-expression: either a constant (computed in JS with the in-memory
 * semantics) or a typed SQL expression together with the exceptional JS values it may take.
 *
 * A typed SQL term stands for a JS value as follows (the store hands the in-memory back end the same values):
 *   number    float8 (numeric columns are cast), a JS number; never NaN unless `nan`, never infinite
 *   string    text, a JS string
 *   boolean   boolean, a JS boolean
 *   timestamp timestamptz, a canonical ISO-8601 UTC string in JS (`2024-05-01T08:00:00.000Z`)
 *   json      jsonb of any shape; SQL NULL and JSON null are both JS null
 *   object    jsonb known to be a non-null array or object
 * `nullable`: the SQL value may be NULL, which is JS null (a missing field).
 */
import { sql, type RawBuilder } from 'kysely';
import { LogicError } from '../errors';

export type TermType = 'number' | 'string' | 'boolean' | 'timestamp' | 'json' | 'object';

export type Term =
  | { readonly kind: 'const'; readonly value: unknown }
  | {
      readonly kind: 'sql';
      readonly type: TermType;
      readonly sql: RawBuilder<unknown>;
      readonly nullable: boolean;
      readonly nan: boolean;
      /** For a `numeric` column read as a number: the column itself, for exact index-friendly comparisons. */
      readonly decimal?: RawBuilder<unknown>;
    }
  /** A branch that must never be taken silently: evaluating it raises a SQL error naming the path. */
  | { readonly kind: 'raise'; readonly path: string; readonly subject: RawBuilder<unknown> }
  /** A value only its truthiness is known of (`missing` returns a list no SQL column can hold). */
  | { readonly kind: 'truth'; readonly truthy: Term };

export type SqlTerm = Extract<Term, { kind: 'sql' }>;

export const constant = (value: unknown): Term => ({ kind: 'const', value });
export const sqlTerm = (type: TermType, expression: RawBuilder<unknown>, nullable = false, nan = false): SqlTerm => ({
  kind: 'sql', type, sql: expression, nullable, nan,
});
export const bool = (expression: RawBuilder<unknown>): SqlTerm => sqlTerm('boolean', expression);

export function unsupported(path: string, reason: string, params: Record<string, unknown> = {}): never {
  throw new LogicError('ERR_LOGIC_UNSUPPORTED_IN_SQL', `not translatable to SQL exactly: ${reason}`, path, { reason, ...params });
}

export const SQL_TYPE_NAMES: Record<TermType, string> = {
  number: 'float8', string: 'text', boolean: 'boolean', timestamp: 'timestamptz', json: 'jsonb', object: 'jsonb',
};
const typeName = (type: TermType) => sql.raw(SQL_TYPE_NAMES[type]);

/** PostgreSQL text holds neither NUL nor unpaired UTF-16 surrogates; such a JS string equals no column value. */
export function isStorableText(value: string): boolean {
  return !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/** Strings that order the same by UTF-16 code units (JS) and by UTF-8 bytes (`COLLATE "C"`). */
export function ordersLikeUtf8(value: string): boolean {
  return isStorableText(value) && !/[\uD800-\uFFFF]/.test(value);
}

const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The one string form a timestamptz value has in memory. */
export function isCanonicalIso(value: unknown): value is string {
  if (typeof value !== 'string' || !CANONICAL_ISO.test(value)) return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString() === value;
}

/** A bound parameter of the given type holding a JS constant, or undefined when the type cannot hold it. */
export function constantAs(value: unknown, type: TermType): RawBuilder<unknown> | undefined {
  if (value === null || value === undefined) return sql`CAST(NULL AS ${typeName(type)})`;
  switch (type) {
    case 'number':
      return typeof value === 'number' && (Number.isFinite(value) || Number.isNaN(value)) ? sql`CAST(${String(value)} AS float8)` : undefined;
    case 'string':
      return typeof value === 'string' && isStorableText(value) ? sql`CAST(${value} AS text)` : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? (value ? sql`true` : sql`false`) : undefined;
    case 'timestamp':
      return isCanonicalIso(value) ? sql`CAST(${value} AS timestamptz)` : undefined;
    case 'json':
    case 'object':
      return isJsonValue(value) ? sql`CAST(${JSON.stringify(value)} AS jsonb)` : undefined;
  }
}

function isJsonValue(value: unknown): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return isStorableText(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value === 'object') return Object.values(value as object).every(isJsonValue);
  return false;
}

/** The SQL of a term as a value of `type`, for CASE branches and function arguments. */
export function renderAs(term: Term, type: TermType, path: string): RawBuilder<unknown> {
  switch (term.kind) {
    case 'const': {
      const rendered = constantAs(term.value, type);
      return rendered ?? unsupported(path, `constant ${describe(term.value)} cannot be a ${type} value`);
    }
    case 'sql':
      if (term.type === type || (type === 'json' && term.type === 'object')) return term.sql;
      if (type === 'json' && (term.type === 'string' || term.type === 'boolean')) return sql`to_jsonb(${term.sql})`;
      if (type === 'json' && term.type === 'number' && !term.nan) return sql`to_jsonb(${term.sql})`;
      return unsupported(path, `a ${term.type} value and a ${type} value in the same place`);
    case 'raise':
      // A value no row should reach silently: the cast fails with the message when the row does.
      return sql`CAST(CAST(CAST(CAST(${`ERR_LOGIC_UNSUPPORTED_IN_SQL at ${term.path || '/'}: `} AS text) || CAST(${term.subject} AS text) AS integer) AS text) AS ${typeName(type)})`;
    case 'truth':
      return unsupported(path, 'a list value (only its truthiness is known in SQL)');
  }
}

export function describe(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The JS type a constant takes when it sits in a CASE beside SQL terms. */
function constantType(value: unknown): TermType | 'null' | undefined {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'object') return 'json';
  return undefined;
}

const sameConstant = (a: unknown, b: unknown) => Object.is(a, b) || (a === b);

/**
 * `CASE WHEN c1 THEN v1 … ELSE otherwise END` with constant conditions folded away and the branch values
 * given one SQL type. Conditions are boolean terms that are never NULL.
 */
export function caseTerm(branches: readonly (readonly [Term, Term])[], otherwise: Term, path: string): Term {
  const kept: [RawBuilder<unknown>, Term][] = [];
  let final = otherwise;
  for (const [condition, value] of branches) {
    if (condition.kind === 'const') {
      if (condition.value === true) { final = value; break; }
      continue;
    }
    if (condition.kind !== 'sql') return unsupported(path, 'a condition that is not a boolean');
    kept.push([condition.sql, value]);
  }
  if (kept.length === 0) return final;
  const values = [...kept.map(([, value]) => value), final];
  if (values.every((value) => value.kind === 'const' && sameConstant(value.value, (values[0] as { value: unknown }).value))) {
    return values[0] as Term;
  }
  if (values.some((value) => value.kind === 'truth')) return unsupported(path, 'a list value in a CASE');
  const asLogic = booleanCase(kept, final);
  if (asLogic) return asLogic;
  const type = unifiedType(values, path);
  let nullable = false;
  let nan = false;
  for (const value of values) {
    if (value.kind === 'const') {
      nullable ||= value.value === null || value.value === undefined;
      nan ||= typeof value.value === 'number' && Number.isNaN(value.value);
    } else if (value.kind === 'sql') {
      nullable ||= value.nullable;
      nan ||= value.nan;
    }
  }
  const whens = kept.map(([condition, value]) => sql`WHEN ${condition} THEN ${renderAs(value, type, path)}`);
  return sqlTerm(type, sql`(CASE ${sql.join(whens, sql` `)} ELSE ${renderAs(final, type, path)} END)`, nullable || type === 'json', nan);
}

function unifiedType(values: readonly Term[], path: string): TermType {
  const types = new Set<TermType>();
  for (const value of values) {
    if (value.kind === 'sql') types.add(value.type === 'object' ? 'json' : value.type);
    if (value.kind === 'const') {
      const type = constantType(value.value);
      if (type === undefined) return unsupported(path, `constant ${describe(value.value)} in a CASE`);
      if (type !== 'null') types.add(type);
    }
  }
  if (types.size === 0) return 'json';
  if (types.size === 1) return [...types][0] as TermType;
  if (types.has('json')) return 'json';
  if (types.size === 2 && types.has('timestamp') && types.has('string')) {
    // A timestamp in memory is its ISO string; constants that are canonical ISO strings fit a timestamptz.
    const onlyIsoConstants = values.every((value) => value.kind !== 'const' || typeof value.value !== 'string' || isCanonicalIso(value.value));
    const noStringSql = values.every((value) => value.kind !== 'sql' || value.type !== 'string');
    if (onlyIsoConstants && noStringSql) return 'timestamp';
  }
  return unsupported(path, `values of different types (${[...types].join(', ')}) in one place`);
}

const isPlainBoolean = (term: Term) =>
  term.kind === 'const' ? typeof term.value === 'boolean' : term.kind === 'sql' && term.type === 'boolean' && !term.nullable;

/**
 * A CASE whose results are never-NULL booleans and whose branches are constants, written with AND/OR so
 * the planner can use indexes: `CASE WHEN x IS NULL THEN false ELSE x = $1 END` is `NOT (x IS NULL) AND x = $1`.
 * Exact because the ELSE side is only NULL where an earlier guard already decided.
 */
function booleanCase(branches: readonly [RawBuilder<unknown>, Term][], otherwise: Term): Term | undefined {
  if (!isPlainBoolean(otherwise) || !branches.every(([, value]) => value.kind === 'const' && typeof value.value === 'boolean')) return undefined;
  let result: RawBuilder<unknown> = otherwise.kind === 'const' ? (otherwise.value ? sql`true` : sql`false`) : (otherwise as SqlTerm).sql;
  for (const [guard, value] of [...branches].reverse()) {
    result = (value as { value: boolean }).value ? sql`(${guard} OR ${result})` : sql`(NOT ${guard} AND ${result})`;
  }
  return sqlTerm('boolean', result);
}
