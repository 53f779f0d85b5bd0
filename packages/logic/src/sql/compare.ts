/**
 * Equality, ordering and membership on plain values (see `lift.ts`), each answering exactly what
 * JavaScript's `==`, `===`, `<`, `indexOf` answer for the values the SQL stands for.
 */
import { sql, type RawBuilder } from 'kysely';
import { EAGER_OPERATIONS } from '../operations';
import { roundingInterval } from './double-bounds';
import {
  bool, constant, constantAs, describe, isCanonicalIso, isStorableText, ordersLikeUtf8, SQL_TYPE_NAMES, unsupported, type SqlTerm, type Term,
} from './sql-term';

export type Equality = '==' | '===';
export type Ordering = '<' | '<=' | '>' | '>=';

const FALSE = constant(false);
const raise = (subject: SqlTerm, path: string): Term => ({ kind: 'raise', path, subject: subject.sql });
const literal = (value: boolean) => (value ? sql`true` : sql`false`);
const num = (value: number) => sql`CAST(${String(value)} AS float8)`;
const asNumber = (term: SqlTerm): RawBuilder<unknown> =>
  term.type === 'boolean' ? sql`CAST(CAST(${term.sql} AS integer) AS float8)` : term.sql;

const decimal = (value: string) => sql`CAST(${value} AS numeric)`;

/**
 * `Number(d) === n` for a numeric column `d`: d lies in the interval of decimals that round to n.
 * Written on the column itself so an index on it applies.
 */
function numberEquals(x: SqlTerm, n: number): Term {
  const interval = x.decimal && Number.isFinite(n) ? roundingInterval(n) : undefined;
  if (!interval || !x.decimal) return bool(sql`(${x.sql} = ${num(n)})`);
  const low = interval.lowIncluded ? sql`>=` : sql`>`;
  const high = interval.highIncluded ? sql`<=` : sql`<`;
  return bool(sql`(${x.decimal} ${low} ${decimal(interval.low)} AND ${x.decimal} ${high} ${decimal(interval.high)})`);
}

/** `Number(d) op n` for a numeric column `d`, as a comparison of `d` with a bound of n's interval. */
function numberOrder(op: Ordering, x: SqlTerm, n: number): Term {
  const interval = x.decimal && Number.isFinite(n) ? roundingInterval(n) : undefined;
  if (!interval || !x.decimal) return bool(sql`(${x.sql} ${sqlOperator(op)} ${num(n)})`);
  switch (op) {
    case '>': return bool(sql`(${x.decimal} ${interval.highIncluded ? sql`>` : sql`>=`} ${decimal(interval.high)})`);
    case '>=': return bool(sql`(${x.decimal} ${interval.lowIncluded ? sql`>=` : sql`>`} ${decimal(interval.low)})`);
    case '<': return bool(sql`(${x.decimal} ${interval.lowIncluded ? sql`<` : sql`<=`} ${decimal(interval.low)})`);
    case '<=': return bool(sql`(${x.decimal} ${interval.highIncluded ? sql`<=` : sql`<`} ${decimal(interval.high)})`);
  }
}

/** `x == c` / `x === c` for a plain SQL value and a constant. */
function equalsConstant(op: Equality, x: SqlTerm, c: unknown, path: string): Term {
  if (x.type === 'object') {
    // An array or object is never === a constant (a fresh value); `==` would compare its string form.
    return op === '===' || c === null || c === undefined ? FALSE : raise(x, path);
  }
  if (op === '===') {
    if (x.type === 'number') return typeof c === 'number' && !Number.isNaN(c) ? numberEquals(x, c) : FALSE;
    if (x.type === 'string') return typeof c === 'string' && isStorableText(c) ? bool(sql`(${x.sql} = CAST(${c} AS text))`) : FALSE;
    if (x.type === 'boolean') return typeof c === 'boolean' ? bool(c ? x.sql : sql`(NOT ${x.sql})`) : FALSE;
    return isCanonicalIso(c) ? bool(sql`(${x.sql} = CAST(${c} AS timestamptz))`) : FALSE;
  }
  if (c === null || c === undefined) return FALSE;
  if (x.type === 'number' || x.type === 'boolean') {
    // number == anything non-null compares numbers (strings, booleans, arrays are converted).
    const n = Number(c);
    if (Number.isNaN(n)) return FALSE;
    if (x.type === 'boolean') return n === 1 ? bool(x.sql) : n === 0 ? bool(sql`(NOT ${x.sql})`) : FALSE;
    return Number.isFinite(n) ? numberEquals(x, n) : FALSE;
  }
  if (typeof c === 'number' || typeof c === 'boolean') {
    if (x.type === 'timestamp') return FALSE; // Number('2024-…Z') is NaN
    return unsupported(path, `comparing text with ${describe(c)} needs JavaScript's number parsing`);
  }
  return equalsConstant('===', x, String(c), path);
}

/** `x == y` / `x === y` for two plain SQL values. */
function equalsSql(op: Equality, x: SqlTerm, y: SqlTerm, path: string): Term {
  // Two arrays or objects are equal only when they are the same object (the same field read twice).
  if (x.type === 'object' && y.type === 'object') return raise(x, path);
  if (x.type === 'object') return op === '===' ? FALSE : raise(x, path);
  if (y.type === 'object') return op === '===' ? FALSE : raise(y, path);
  if (x.type === y.type) return bool(sql`(${x.sql} = ${y.sql})`);
  const types = new Set([x.type, y.type]);
  if (op === '===') {
    if (types.has('timestamp') && types.has('string')) return unsupported(path, 'comparing a timestamp with text');
    return FALSE;
  }
  if (types.has('number') && types.has('boolean')) return bool(sql`(${asNumber(x)} = ${asNumber(y)})`);
  if (types.has('timestamp') && (types.has('number') || types.has('boolean'))) return FALSE;
  return unsupported(path, `loose equality between ${x.type} and ${y.type}`);
}

export function equals(op: Equality, a: Term, b: Term, path: string): Term {
  if (a.kind === 'sql' && b.kind === 'sql') return equalsSql(op, a, b, path);
  if (a.kind === 'sql' && b.kind === 'const') return equalsConstant(op, a, b.value, path);
  if (a.kind === 'const' && b.kind === 'sql') return equalsConstant(op, b, a.value, path);
  return unsupported(path, 'an operand without a SQL value');
}

const FLIPPED: Record<Ordering, Ordering> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const sqlOperator = (op: Ordering) => sql.raw(op);

/** `x op c` for a plain SQL value and a constant, as JS orders them (strings by text, else numbers). */
function orderConstant(op: Ordering, x: SqlTerm, c: unknown, path: string): Term {
  if (x.type === 'object') return raise(x, path);
  const primitive = typeof c === 'object' && c !== null ? String(c) : c;
  if (x.type === 'string' || x.type === 'timestamp') {
    if (typeof primitive === 'string') {
      if (x.type === 'timestamp') {
        return isCanonicalIso(primitive)
          ? bool(sql`(${x.sql} ${sqlOperator(op)} CAST(${primitive} AS timestamptz))`)
          : unsupported(path, `ordering a timestamp against ${describe(primitive)}, which is not a canonical ISO-8601 UTC time`);
      }
      return ordersLikeUtf8(primitive)
        ? bool(sql`(${x.sql} COLLATE "C" ${sqlOperator(op)} CAST(${primitive} AS text))`)
        : unsupported(path, 'ordering text against a constant with characters whose UTF-16 and UTF-8 orders differ');
    }
    if (x.type === 'timestamp') return FALSE; // the ISO string is NaN as a number
    return unsupported(path, 'ordering text against a number needs JavaScript\'s number parsing');
  }
  const n = Number(primitive);
  if (Number.isNaN(n)) return FALSE;
  return x.type === 'number' ? numberOrder(op, x, n) : bool(sql`(${asNumber(x)} ${sqlOperator(op)} ${num(n)})`);
}

function orderSql(op: Ordering, x: SqlTerm, y: SqlTerm, path: string): Term {
  if (x.type === 'object') return raise(x, path);
  if (y.type === 'object') return raise(y, path);
  const numeric = (t: SqlTerm) => t.type === 'number' || t.type === 'boolean';
  if (numeric(x) && numeric(y)) return bool(sql`(${asNumber(x)} ${sqlOperator(op)} ${asNumber(y)})`);
  if (x.type === 'timestamp' && y.type === 'timestamp') return bool(sql`(${x.sql} ${sqlOperator(op)} ${y.sql})`);
  if ((x.type === 'timestamp' && numeric(y)) || (y.type === 'timestamp' && numeric(x))) return FALSE;
  return unsupported(path, `ordering ${x.type} against ${y.type}`);
}

export function order(op: Ordering, a: Term, b: Term, path: string): Term {
  if (a.kind === 'sql' && b.kind === 'sql') return orderSql(op, a, b, path);
  if (a.kind === 'sql' && b.kind === 'const') return orderConstant(op, a, b.value, path);
  if (a.kind === 'const' && b.kind === 'sql') return orderConstant(FLIPPED[op], b, a.value, path);
  return unsupported(path, 'an operand without a SQL value');
}

/** `{"in": [needle, haystack]}`: substring of a string, strict element of an array, else false. */
export function contains(needle: Term, haystack: Term, path: string): Term {
  if (haystack.kind === 'const') {
    const h = haystack.value;
    if (needle.kind !== 'sql') return constant(EAGER_OPERATIONS.in([(needle as { value?: unknown }).value, h]));
    if (typeof h === 'string') {
      if (needle.type === 'string') return isStorableText(h) ? bool(sql`(strpos(CAST(${h} AS text), ${needle.sql}) > 0)`) : unsupported(path, 'text with NUL');
      if (needle.type === 'boolean') {
        return bool(sql`(CASE WHEN ${needle.sql} THEN ${literal(h.includes('true'))} ELSE ${literal(h.includes('false'))} END)`);
      }
      return unsupported(path, `the text form of a ${needle.type} value`);
    }
    if (!Array.isArray(h)) return FALSE;
    if (needle.type === 'object') return FALSE;
    const jsType: Record<string, string> = { number: 'number', string: 'string', boolean: 'boolean' };
    const matches = h.filter((item) => (needle.type === 'timestamp' ? isCanonicalIso(item) : typeof item === jsType[needle.type]));
    if (needle.type === 'boolean') {
      return matches.length === 0 ? FALSE : bool(sql`(${needle.sql} IN (${sql.join(matches.map((item) => constantAs(item, needle.type)!))}))`);
    }
    // One array parameter however long the list: an import's lookup of 1,000 phones compiled 1,000
    // casts (~2 ms a chunk) and bound 1,000 parameters, and each length of list was another statement.
    // As `constantAs` takes them: text without NUL, numbers but the infinities (NaN equals NaN in SQL).
    const usable = matches.filter((item) => (typeof item === 'string' ? isStorableText(item) : Number.isFinite(item) || Number.isNaN(item)));
    if (usable.length === 0) return FALSE;
    // Cast as `constantAs` casts one value: numbers compare as doubles.
    return bool(sql`(${needle.sql} = ANY(CAST(${usable.map(String)} AS ${sql.raw(SQL_TYPE_NAMES[needle.type])}[])))`);
  }
  if (haystack.kind !== 'sql') return unsupported(path, 'an operand without a SQL value');
  if (haystack.type === 'number' || haystack.type === 'boolean') return FALSE;
  if (haystack.type === 'string') {
    if (needle.kind === 'const') {
      const text = String(needle.value);
      return isStorableText(text) ? bool(sql`(strpos(${haystack.sql}, CAST(${text} AS text)) > 0)`) : FALSE;
    }
    if (needle.kind === 'sql' && needle.type === 'string') return bool(sql`(strpos(${haystack.sql}, ${needle.sql}) > 0)`);
    return unsupported(path, `the text form of a ${needle.kind === 'sql' ? needle.type : 'computed'} value`);
  }
  if (haystack.type === 'object') {
    const isArray = sql`(jsonb_typeof(${haystack.sql}) = 'array')`;
    if (needle.kind === 'const') {
      const c = needle.value;
      if (typeof c === 'number') {
        if (!Number.isFinite(c)) return FALSE;
        // Compare as doubles, as JS does: 0.10000000000000001 in the JSON is the double 0.1.
        return bool(sql`(${isArray} AND EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN ${isArray} THEN ${haystack.sql} ELSE '[]' END) AS logic_item(v) WHERE jsonb_typeof(logic_item.v) = 'number' AND CAST(logic_item.v #>> '{}' AS float8) = ${num(c)}))`);
      }
      if (c === null || typeof c === 'boolean' || (typeof c === 'string' && isStorableText(c))) {
        return bool(sql`(${isArray} AND ${haystack.sql} @> CAST(${JSON.stringify([c])} AS jsonb))`);
      }
      return typeof c === 'string' ? FALSE : unsupported(path, `looking for ${describe(c)} in an array`);
    }
    if (needle.kind === 'sql' && (needle.type === 'string' || needle.type === 'boolean')) {
      return bool(sql`(${isArray} AND ${haystack.sql} @> jsonb_build_array(${needle.sql}))`);
    }
    if (needle.kind === 'sql' && needle.type === 'number') {
      return bool(sql`(${isArray} AND EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN ${isArray} THEN ${haystack.sql} ELSE '[]' END) AS logic_item(v) WHERE jsonb_typeof(logic_item.v) = 'number' AND CAST(logic_item.v #>> '{}' AS float8) = ${needle.sql}))`);
    }
    // An array or object is an element of an array only if it was read from it (`items.0` in `items`).
    if (needle.kind === 'sql' && needle.type === 'object') return raise(needle, path);
    return unsupported(path, 'looking for this value in an array');
  }
  return unsupported(path, `membership in a ${haystack.type} value`);
}
