import { compileToSql, compileTypedValueToSql, createLogic, jsonPathResolver, LogicError, truthy } from '@tangram/logic';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database';
import { loadConformanceTriples } from './logic-sql/conformance';
import { openTestDatabase, testDialects } from './testing';

const logic = createLogic();

/** Reads a SQL result back into the JS value it stands for. */
function decode(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'timestamptz') return (value as Date).toISOString();
  if (type === 'float8') return typeof value === 'string' ? Number(value) : value;
  return value;
}

function isUnsupported(error: unknown): boolean {
  if (error instanceof LogicError) return error.code === 'ERR_LOGIC_UNSUPPORTED_IN_SQL';
  return String((error as Error)?.message ?? error).includes('ERR_LOGIC_UNSUPPORTED_IN_SQL');
}

describe.each(testDialects())('json-logic in SQL on %s', (dialect) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('gives the in-memory answer or refuses, for every conformance vector', async () => {
    const triples = loadConformanceTriples();
    let values = 0;
    let predicates = 0;
    const mismatches: string[] = [];
    for (const [rule, data, expected] of triples) {
      const resolve = jsonPathResolver(sql`CAST(${JSON.stringify(data)} AS jsonb)`);
      const inMemory = logic.apply(rule, data);
      expect(inMemory).toStrictEqual(expected);
      try {
        const compiled = compileTypedValueToSql(rule, resolve);
        const { rows } = await sql<{ v: unknown }>`SELECT ${compiled.sql} AS v`.execute(handle.db);
        const got = decode(rows[0]!.v, compiled.type);
        values += 1;
        if (!Object.is(got, expected) && JSON.stringify(got) !== JSON.stringify(expected)) {
          mismatches.push(`value ${JSON.stringify(rule)} on ${JSON.stringify(data)}: SQL ${JSON.stringify(got)}, memory ${JSON.stringify(expected)}`);
        }
      } catch (error) {
        if (!isUnsupported(error)) mismatches.push(`value ${JSON.stringify(rule)}: ${String(error)}`);
      }
      try {
        const predicate = compileToSql(rule, resolve);
        const { rows } = await sql<{ v: boolean }>`SELECT ${predicate} AS v`.execute(handle.db);
        predicates += 1;
        if (rows[0]!.v !== truthy(expected)) {
          mismatches.push(`predicate ${JSON.stringify(rule)} on ${JSON.stringify(data)}: SQL ${rows[0]!.v}, memory ${truthy(expected)}`);
        }
      } catch (error) {
        if (!isUnsupported(error)) mismatches.push(`predicate ${JSON.stringify(rule)}: ${String(error)}`);
      }
    }
    console.info(`[${dialect}] conformance in SQL: ${values}/${triples.length} as values, ${predicates}/${triples.length} as predicates`);
    expect(mismatches).toEqual([]);
  });
});
