import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, type RawBuilder } from 'kysely';
import { describe, expect, it } from 'vitest';
import { LogicError } from '../errors';
import { compileToSql, compileValueToSql } from './compile-to-sql';
import type { SqlType, VarResolver } from './var-resolver';

// A Kysely that only compiles: the SQL text and its parameters, no database.
const db = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const compiled = (raw: RawBuilder<unknown>) => raw.compile(db);

const FIELDS: Record<string, SqlType> = { channel: 'text', budget: 'numeric', tags: 'jsonb', won: 'boolean', created: 'timestamptz' };
const resolve: VarResolver = (name) => {
  if (name === '$user.id') return { value: 'u1' };
  const type = FIELDS[name];
  return type ? { sql: sql.ref(`r.${name}`), type } : undefined;
};

describe('compileToSql', () => {
  it('binds every user value as a parameter', () => {
    const hostile = "web'; DROP TABLE records; --";
    const { sql: text, parameters } = compiled(compileToSql({ and: [{ '==': [{ var: 'channel' }, hostile] }, { '>': [{ var: 'budget' }, 50000] }] }, resolve));
    expect(text).not.toContain('DROP');
    expect(text).not.toContain('50000');
    // 50000 as JS sees it: the numeric column compares with the bound of the decimals that round to it.
    expect(parameters).toEqual([hostile, '50000.00000000000363797880709171295166015625']);
    expect(text).toBe('((NOT ("r"."channel" IS NULL) AND ("r"."channel" = CAST($1 AS text))) AND (NOT ("r"."budget" IS NULL) AND ("r"."budget" > CAST($2 AS numeric))))');
  });

  it('turns membership in a constant list into = ANY over one typed array parameter', () => {
    const { sql: text, parameters } = compiled(compileToSql({ in: [{ var: 'channel' }, ['web', 'expo', 3]] }, resolve));
    expect(text).toBe('(NOT ("r"."channel" IS NULL) AND ("r"."channel" = ANY(CAST($1 AS text[]))))');
    expect(parameters).toEqual([['web', 'expo']]);
  });

  it('compares a numeric field with a numeric string as JavaScript does (as numbers)', () => {
    const { sql: text, parameters } = compiled(compileToSql({ '>=': [{ var: 'budget' }, '50000'] }, resolve));
    expect(text).toBe('(NOT ("r"."budget" IS NULL) AND ("r"."budget" >= CAST($1 AS numeric)))');
    expect(parameters).toEqual(['49999.99999999999636202119290828704833984375']);
  });

  it('binds context constants and folds what does not read the record', () => {
    const { sql: text, parameters } = compiled(compileToSql({ '==': [{ var: 'channel' }, { cat: ['we', 'b'] }] }, resolve));
    expect(parameters).toEqual(['web']);
    expect(text).toContain('CAST($1 AS text)');
    expect(compiled(compileToSql({ '==': [{ var: '$user.id' }, 'u1'] }, resolve)).sql).toBe('true');
  });

  it('refuses what it cannot answer exactly, with the JSON path', () => {
    const attempt = (expression: unknown) => {
      try {
        compileToSql(expression, resolve);
      } catch (error) {
        return error as LogicError;
      }
      throw new Error('expected a refusal');
    };
    // Text compared with a number needs JavaScript's Number("…") parsing.
    expect(attempt({ and: [true, { '>': [{ var: 'channel' }, 5] }] })).toMatchObject({ code: 'ERR_LOGIC_UNSUPPORTED_IN_SQL', path: '/and/1/>' });
    expect(attempt({ '%': [{ var: 'budget' }, { var: 'budget' }] })).toMatchObject({ code: 'ERR_LOGIC_UNSUPPORTED_IN_SQL', path: '/%' });
    expect(attempt({ '==': [{ var: 'nope' }, 1] })).toMatchObject({ code: 'ERR_LOGIC_UNKNOWN_VARIABLE', path: '/==/0/var', params: { name: 'nope' } });
    expect(attempt({ '==': [{ nope: [] }, 1] })).toMatchObject({ code: 'ERR_LOGIC_UNKNOWN_OPERATOR', path: '/==/0/nope' });
  });

  it('compiles value expressions to float8 arithmetic and text concatenation', () => {
    const { sql: text } = compiled(compileValueToSql({ '*': [{ var: 'budget' }, 1.1] }, resolve));
    expect(text).toContain('* CAST($');
    const cat = compiled(compileValueToSql({ cat: [{ var: 'channel' }, '-', { var: 'won' }] }, resolve));
    expect(cat.parameters).toContain('-');
  });
});
