/**
 * Lifting an operation over terms: constants are folded with the in-memory semantics; a SQL term's
 * exceptional values (NULL, NaN) and a jsonb term's possible JSON types become CASE branches, so the
 * operation's own SQL only ever sees plain, non-null values of one known type.
 */
import { sql } from 'kysely';
import { bool, caseTerm, constant, sqlTerm, type SqlTerm, type Term } from './sql-term';

/** The operation on plain values: each term is a constant or a non-null SQL term that is not `json`. */
export type Base = (terms: readonly Term[]) => Term;
export type Fold = (values: readonly unknown[]) => unknown;

function exceptional(term: SqlTerm): [Term, unknown][] {
  const cases: [Term, unknown][] = [];
  if (term.nullable) {
    cases.push([
      term.type === 'json' ? bool(sql`(${term.sql} IS NULL OR jsonb_typeof(${term.sql}) = 'null')`) : bool(sql`(${term.decimal ?? term.sql} IS NULL)`),
      null,
    ]);
  }
  if (term.nan) cases.push([bool(sql`(${term.sql} = CAST('NaN' AS float8))`), Number.NaN]);
  return cases;
}

const plain = (term: SqlTerm): SqlTerm => ({ ...term, nullable: false, nan: false });

/** A non-null jsonb value seen as each JS type it may hold. */
function jsonShapes(term: SqlTerm): { branches: [Term, Term][]; otherwise: Term } {
  const x = term.sql;
  return {
    branches: [
      [bool(sql`(jsonb_typeof(${x}) = 'string')`), sqlTerm('string', sql`(${x} #>> '{}')`)],
      [bool(sql`(jsonb_typeof(${x}) = 'number')`), sqlTerm('number', sql`CAST(${x} #>> '{}' AS float8)`)],
      [bool(sql`(jsonb_typeof(${x}) = 'boolean')`), sqlTerm('boolean', sql`CAST(${x} #>> '{}' AS boolean)`)],
    ],
    otherwise: sqlTerm('object', x),
  };
}

export function lift(terms: readonly Term[], base: Base, fold: Fold, path: string): Term {
  if (terms.every((term) => term.kind === 'const')) {
    return constant(fold(terms.map((term) => (term as { value: unknown }).value)));
  }
  const raised = terms.find((term) => term.kind === 'raise');
  if (raised) return raised;
  for (let i = 0; i < terms.length; i += 1) {
    const term = terms[i] as Term;
    if (term.kind !== 'sql') continue;
    const replaced = (by: Term) => terms.map((t, j) => (j === i ? by : t));
    const cases = exceptional(term);
    if (cases.length > 0) {
      return caseTerm(
        cases.map(([guard, value]) => [guard, lift(replaced(constant(value)), base, fold, path)] as const),
        lift(replaced(plain(term)), base, fold, path),
        path,
      );
    }
  }
  for (let i = 0; i < terms.length; i += 1) {
    const term = terms[i] as Term;
    if (term.kind !== 'sql' || term.type !== 'json') continue;
    const replaced = (by: Term) => terms.map((t, j) => (j === i ? by : t));
    const shapes = jsonShapes(term);
    return caseTerm(
      shapes.branches.map(([guard, shape]) => [guard, lift(replaced(shape), base, fold, path)] as const),
      lift(replaced(shapes.otherwise), base, fold, path),
      path,
    );
  }
  return base(terms);
}
