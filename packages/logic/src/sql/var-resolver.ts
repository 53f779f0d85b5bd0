/**
 * How a variable name becomes SQL. The store maps a field key to a typed column, or to `data->'key'`
 * as jsonb; a context value (`$user.id`) may be handed over as a constant.
 */
import { sql, type RawBuilder } from 'kysely';
import { constant, sqlTerm, unsupported, type Term } from './sql-term';

/** The SQL type of a resolved variable. Money and other decimals are `numeric`. */
export type SqlType = 'text' | 'numeric' | 'timestamptz' | 'boolean' | 'jsonb';

export type VarResolution =
  | { readonly sql: RawBuilder<unknown>; readonly type: SqlType }
  /** A value known before the query runs (context such as `$user.id`); `undefined` means missing. */
  | { readonly value: unknown };

/** `undefined` = no such variable: compiling fails with ERR_LOGIC_UNKNOWN_VARIABLE. */
export type VarResolver = (name: string) => VarResolution | undefined;

/** A resolution as a term: NULL is a missing value, which `var` reads as null (or its default). */
export function termOf(resolution: VarResolution): Term {
  if ('value' in resolution) return constant(resolution.value === undefined ? null : resolution.value);
  switch (resolution.type) {
    case 'numeric': return { ...sqlTerm('number', sql`CAST(${resolution.sql} AS float8)`, true), decimal: resolution.sql };
    case 'text': return sqlTerm('string', resolution.sql, true);
    case 'boolean': return sqlTerm('boolean', resolution.sql, true);
    case 'timestamptz': return sqlTerm('timestamp', resolution.sql, true);
    case 'jsonb': return sqlTerm('json', resolution.sql, true);
  }
}

const ARRAY_INDEX = /^(0|[1-9]\d{0,8})$/;

/**
 * A resolver reading dotted paths out of one jsonb value with json-logic's rules: an array index reads an
 * array element, any other key only an object's own key. Used for `some`/`all`/`none` elements, and by
 * callers whose record is a single jsonb document.
 *
 *   jsonPathResolver(sql`r.data`)('customer.city')
 *   // -> CASE WHEN jsonb_typeof(CASE WHEN jsonb_typeof(r.data) = 'object' THEN r.data -> 'customer' END) = 'object' THEN … END
 */
export function jsonPathResolver(root: RawBuilder<unknown>, path = ''): VarResolver {
  return (name) => {
    if (name === '') return { sql: root, type: 'jsonb' };
    let current = root;
    for (const key of name.split('.')) {
      // JS reads `length` of strings and arrays and characters of strings: no jsonb operator does.
      if (key === 'length') unsupported(path, 'reading "length"');
      current = ARRAY_INDEX.test(key)
        ? sql`(CASE jsonb_typeof(${current}) WHEN 'object' THEN ${current} -> CAST(${key} AS text) WHEN 'array' THEN ${current} -> CAST(${Number(key)} AS integer) WHEN 'string' THEN to_jsonb(CAST(CAST(CAST(${`ERR_LOGIC_UNSUPPORTED_IN_SQL at ${path || "/"}: indexing text `} AS text) || CAST(${current} AS text) AS integer) AS text)) END)`
        : sql`(CASE WHEN jsonb_typeof(${current}) = 'object' THEN ${current} -> CAST(${key} AS text) END)`;
    }
    return { sql: current, type: 'jsonb' };
  };
}
