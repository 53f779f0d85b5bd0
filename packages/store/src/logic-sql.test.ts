import { compileToSql, compileTypedValueToSql, createLogic, jsonPathResolver, LogicError, truthy, type SqlType, type VarResolver } from '@tangram/logic';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database';
import { loadConformanceTriples } from './logic-sql/conformance';
import { createRandom, randomCondition, randomRows, recordOf } from './logic-sql/random-conditions';
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

  it('filters random rows exactly as memory does, for random conditions', async () => {
    const random = createRandom(Number(process.env.LOGIC_SQL_SEED ?? 20261123));
    const rows = randomRows(random, 200);
    const context = { $user: { id: 'u1' }, $now: '2024-05-01T08:30:00.000Z' };
    await sql`CREATE TABLE logic_rows (id integer PRIMARY KEY, t text, n numeric, ts timestamptz, b boolean, j jsonb)`.execute(handle.db);
    for (const row of rows) {
      const j = row.j === undefined ? null : JSON.stringify(row.j);
      await sql`INSERT INTO logic_rows VALUES (${row.id}, ${row.t}, ${row.n}, ${row.ts}, ${row.b}, CAST(${j} AS jsonb))`.execute(handle.db);
    }
    const columns: Record<string, SqlType> = { t: 'text', n: 'numeric', ts: 'timestamptz', b: 'boolean', j: 'jsonb' };
    const resolve: VarResolver = (name) => {
      if (name === '$user.id') return { value: context.$user.id };
      if (name === '$now') return { value: context.$now };
      if (name.startsWith('j.')) return jsonPathResolver(sql.ref('j'))(name.slice(2));
      const type = columns[name];
      return type ? { sql: sql.ref(name), type } : undefined;
    };
    const records = rows.map((row) => ({ id: row.id, record: recordOf(row, context) }));
    let compiled = 0;
    let refusedAtRuntime = 0;
    const failures: string[] = [];
    for (let i = 0; i < 300; i += 1) {
      const condition = randomCondition(random);
      const expected = records.filter(({ record }) => truthy(logic.apply(condition, record))).map(({ id }) => id);
      let predicate;
      try {
        predicate = compileToSql(condition, resolve);
      } catch (error) {
        if (!isUnsupported(error)) failures.push(`${JSON.stringify(condition)}: ${String(error)}`);
        continue;
      }
      compiled += 1;
      try {
        const { rows: found } = await sql<{ id: number }>`SELECT id FROM logic_rows WHERE ${predicate} ORDER BY id`.execute(handle.db);
        const got = found.map((row) => Number(row.id));
        if (JSON.stringify(got) !== JSON.stringify(expected)) {
          const diff = [...got.filter((id) => !expected.includes(id)), ...expected.filter((id) => !got.includes(id))];
          const row = rows.find((r) => r.id === diff[0]);
          failures.push(`${JSON.stringify(condition)} differs on row ${JSON.stringify(row)} (SQL has it: ${got.includes(diff[0]!)})`);
        }
      } catch (error) {
        if (isUnsupported(error)) refusedAtRuntime += 1;
        else failures.push(`${JSON.stringify(condition)}: ${String(error)}`);
      }
    }
    console.info(`[${dialect}] random conditions: ${compiled}/300 compiled, ${refusedAtRuntime} refused by a row at run time`);
    expect(failures).toEqual([]);
    expect(compiled).toBeGreaterThan(150);
  });
});
