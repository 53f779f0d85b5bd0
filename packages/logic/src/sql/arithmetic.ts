/**
 * `+ - * / min max cat` on plain values (see `lift.ts`). Numbers are float8 in SQL: the same IEEE doubles
 * JavaScript computes with, so sums and products round the same way.
 */
import { sql, type RawBuilder } from 'kysely';
import { constant, sqlTerm, unsupported, type SqlTerm, type Term } from './sql-term';

const num = (value: number) => sql`CAST(${String(value)} AS float8)`;
const raise = (subject: SqlTerm, path: string): Term => ({ kind: 'raise', path, subject: subject.sql });

/** `parseFloat(value)`, which `+` and `*` apply to every argument. */
export function parseFloatTerm(term: Term, path: string): Term {
  if (term.kind === 'const') return constant(parseFloat(term.value as string));
  if (term.kind !== 'sql') return term;
  switch (term.type) {
    case 'number': return term;
    case 'boolean': return constant(Number.NaN);
    case 'object': return raise(term, path);
    default: return unsupported(path, `parseFloat of a ${term.type} value`);
  }
}

/** `Number(value)`, which `-`, `/`, `min`, `max` and comparisons apply. */
export function toNumberTerm(term: Term, path: string): Term {
  if (term.kind === 'const') return constant(Number(term.value));
  if (term.kind !== 'sql') return term;
  switch (term.type) {
    case 'number': return term;
    case 'boolean': return sqlTerm('number', sql`CAST(CAST(${term.sql} AS integer) AS float8)`);
    case 'timestamp': return constant(Number.NaN);
    case 'object': return raise(term, path);
    default: return unsupported(path, `Number() of a ${term.type} value`);
  }
}

const render = (term: Term): RawBuilder<unknown> =>
  term.kind === 'const' ? num(term.value as number) : (term as SqlTerm).sql;

type NumberOp = '+' | '-' | '*' | 'min' | 'max';
const JS: Record<NumberOp, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  min: (a, b) => Math.min(a, b),
  max: (a, b) => Math.max(a, b),
};
const SQL: Record<NumberOp, (a: RawBuilder<unknown>, b: RawBuilder<unknown>) => RawBuilder<unknown>> = {
  '+': (a, b) => sql`(${a} + ${b})`,
  '-': (a, b) => sql`(${a} - ${b})`,
  '*': (a, b) => sql`(${a} * ${b})`,
  min: (a, b) => sql`LEAST(${a}, ${b})`,
  max: (a, b) => sql`GREATEST(${a}, ${b})`,
};

/**
 * One binary step on numbers that are constants or non-NaN finite float8 terms.
 * A NaN constant poisons the result in every operation; an infinite constant is only kept where the
 * result cannot depend on the SQL value's sign or zeroness.
 */
export function numberStep(op: NumberOp, a: Term, b: Term, path: string): Term {
  if (a.kind === 'raise') return a;
  if (b.kind === 'raise') return b;
  if (a.kind === 'const' && b.kind === 'const') return constant(JS[op](a.value as number, b.value as number));
  for (const term of [a, b]) {
    if (term.kind !== 'const') continue;
    const value = term.value as number;
    if (Number.isNaN(value)) return constant(Number.NaN);
    if (!Number.isFinite(value)) {
      if (op === '+') return constant(value);
      if (op === '-') return constant(term === a ? value : -value);
      if (op === 'min') return value < 0 ? constant(value) : (term === a ? b : a);
      if (op === 'max') return value > 0 ? constant(value) : (term === a ? b : a);
      return unsupported(path, 'multiplying by an infinite constant');
    }
  }
  return sqlTerm('number', SQL[op](render(a), render(b)));
}

/** `a / c` with a SQL dividend and a finite, non-zero constant divisor; other divisions are refused. */
export function divide(a: Term, b: Term, path: string): Term {
  if (a.kind === 'raise') return a;
  if (b.kind === 'raise') return b;
  if (a.kind === 'const' && b.kind === 'const') return constant((a.value as number) / (b.value as number));
  if (b.kind !== 'const') return unsupported(path, 'dividing by a value from the record (division by zero differs)');
  const divisor = b.value as number;
  if (Number.isNaN(divisor)) return constant(Number.NaN);
  if (divisor === 0 || !Number.isFinite(divisor)) return unsupported(path, `dividing by ${divisor}`);
  return sqlTerm('number', sql`(${render(a)} / ${num(divisor)})`);
}

/** `String(value)` as `cat` (Array.prototype.join) applies it: null and undefined are empty. */
export function textTerm(term: Term, path: string): Term {
  if (term.kind === 'const') return constant(term.value === null || term.value === undefined ? '' : String(term.value));
  if (term.kind !== 'sql') return term;
  switch (term.type) {
    case 'string': return term;
    case 'boolean': return sqlTerm('string', sql`(CASE WHEN ${term.sql} THEN 'true' ELSE 'false' END)`);
    case 'timestamp':
      return sqlTerm('string', sql`to_char(${term.sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
    case 'object': return raise(term, path);
    default: return unsupported(path, 'the text form of a number (JavaScript and PostgreSQL format numbers differently)');
  }
}

export function concat(a: Term, b: Term): Term {
  if (a.kind === 'raise') return a;
  if (b.kind === 'raise') return b;
  if (a.kind === 'const' && b.kind === 'const') return constant(`${a.value as string}${b.value as string}`);
  const part = (t: Term) => (t.kind === 'const' ? sql`CAST(${t.value as string} AS text)` : (t as SqlTerm).sql);
  return sqlTerm('string', sql`(${part(a)} || ${part(b)})`);
}

/** Integers up to 15 digits survive float8 -> numeric exactly, where `mod` equals JS `%` (fmod). */
const EXACT_INTEGER = 1e15;

/**
 * `x % c` for a number term and a non-zero integer constant. Rows whose value is not an integer below
 * 1e15 refuse at run time: decimal `mod` and binary `fmod` differ on fractions.
 */
export function remainder(a: Term, b: Term, path: string): Term {
  if (a.kind === 'raise') return a;
  if (b.kind === 'raise') return b;
  if (a.kind === 'const' && b.kind === 'const') return constant((a.value as number) % (b.value as number));
  if (b.kind !== 'const') return unsupported(path, 'a remainder by a value from the record');
  const divisor = b.value as number;
  if (Number.isNaN(divisor)) return constant(Number.NaN);
  if (!Number.isInteger(divisor) || divisor === 0 || Math.abs(divisor) >= EXACT_INTEGER) {
    return unsupported(path, `a remainder by ${divisor} (only non-zero integer divisors are exact)`);
  }
  const x = (a as SqlTerm).sql;
  const rowRefuses: Term = { kind: 'raise', path, subject: x };
  const exact = sqlTerm('number', sql`CAST(mod(CAST(${x} AS numeric), CAST(${String(divisor)} AS numeric)) AS float8)`);
  return {
    ...exact,
    sql: sql`(CASE WHEN ${x} = trunc(${x}) AND abs(${x}) < CAST(${String(EXACT_INTEGER)} AS float8) THEN ${exact.sql} ELSE ${renderRaise(rowRefuses)} END)`,
  };
}

const renderRaise = (term: Term & { kind: 'raise' }) =>
  sql`CAST(CAST(CAST(CAST(${`ERR_LOGIC_UNSUPPORTED_IN_SQL at ${term.path || '/'}: `} AS text) || CAST(${term.subject} AS text) AS integer) AS text) AS float8)`;

/**
 * `substr` with constant integer start and length, on text. JS counts UTF-16 units and PostgreSQL code
 * points: rows holding characters beyond U+FFFF refuse at run time.
 */
export function substring(source: Term, start: number, end: number | undefined, path: string): Term {
  if (source.kind === 'raise') return source;
  if (source.kind !== 'sql') return unsupported(path, 'internal: constant substr');
  const s = source.sql;
  const begin = start >= 0 ? sql`CAST(${start + 1} AS integer)` : sql`(GREATEST(char_length(${s}) + CAST(${start} AS integer), 0) + 1)`;
  const tail = sql`substr(${s}, ${begin})`;
  let result: RawBuilder<unknown>;
  if (end === undefined) result = tail;
  else if (end >= 0) result = sql`substr(${s}, ${begin}, CAST(${end} AS integer))`;
  else result = sql`substr(${tail}, 1, GREATEST(char_length(${tail}) + CAST(${end} AS integer), 0))`;
  const refuse = sql`CAST(CAST(CAST(CAST(${`ERR_LOGIC_UNSUPPORTED_IN_SQL at ${path || '/'}: `} AS text) || ${s} AS integer) AS text) AS text)`;
  return sqlTerm('string', sql`(CASE WHEN ${s} ~ CAST(${'[\\U00010000-\\U0010FFFF]'} AS text) THEN ${refuse} ELSE ${result} END)`);
}
