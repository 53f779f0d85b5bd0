import type { CustomerRow } from '../lib/customer-generator';
import type { SqlRunner } from '../lib/sql-runner';

/**
 * The hand-written side: the customer list as a table a developer would write by hand, with real typed
 * columns, and the plain SQL they would write against it. The store must come within 1.5x of this.
 */
export const TYPED_TABLE = 'bench_customers_typed';

export const TYPED_COLUMNS: Readonly<Record<keyof CustomerRow, string>> = {
  name: 'text not null',
  phone: 'text',
  channel: 'text',
  store: 'text',
  stage: 'text',
  budget: 'numeric(14,2)',
  gender: 'text',
  age: 'integer',
  created: 'date',
  owner: 'text',
};
const COLUMN_NAMES = Object.keys(TYPED_COLUMNS) as (keyof CustomerRow)[];
export async function createTypedTable(run: SqlRunner): Promise<void> {
  const columns = COLUMN_NAMES.map((name) => `${name} ${TYPED_COLUMNS[name]}`).join(', ');
  await run(`create table ${TYPED_TABLE} (id bigint generated always as identity primary key, ${columns})`);
}

// unnest() takes one array per column, so a batch is one statement with ten parameters whatever its size.
const ARRAY_TYPES: Readonly<Record<keyof CustomerRow, string>> = {
  name: 'text[]', phone: 'text[]', channel: 'text[]', store: 'text[]', stage: 'text[]',
  budget: 'numeric[]', gender: 'text[]', age: 'int[]', created: 'date[]', owner: 'text[]',
};

/**
 * Appends rows in one statement. The benchmark replays the same seeded stream it gave the store, so both
 * tables hold the same rows in the same order without reading the store's internal tables.
 */
export async function insertTypedRows(run: SqlRunner, rows: readonly CustomerRow[]): Promise<void> {
  const params = COLUMN_NAMES.map((name) => rows.map((row) => row[name]));
  const unnest = COLUMN_NAMES.map((name, i) => `$${i + 1}::${ARRAY_TYPES[name]}`).join(', ');
  await run(`insert into ${TYPED_TABLE} (${COLUMN_NAMES.join(', ')}) select * from unnest(${unnest})`, params);
}

/** `create index` statements, already translated from the store's indexes (see mirror-indexes.ts). */
export async function createTypedIndexes(run: SqlRunner, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await run(statement);
  await run(`analyze ${TYPED_TABLE}`);
}

export interface ListFilter { readonly channel: string; readonly minBudget: number }
export interface TypedPage { readonly rows: readonly Record<string, unknown>[]; readonly total: number }

// `created` comes back as 'YYYY-MM-DD' text, as the store returns dates, so the keyset needs no time-zone
// care; ORDER BY names the table's column, not that text alias, so the index still serves it.
const SELECT_LIST = `select id, ${COLUMN_NAMES.map((c) => (c === 'created' ? 'created::text as created' : c)).join(', ')} from ${TYPED_TABLE}`;
const ORDER = `order by ${TYPED_TABLE}.created desc, id desc limit 50`;
const LIST_WHERE = 'channel = $1 and budget > $2';

export const TYPED_SQL = {
  listPage1: `${SELECT_LIST} where ${LIST_WHERE} ${ORDER}`,
  listPage2: `${SELECT_LIST} where ${LIST_WHERE} and (${TYPED_TABLE}.created, id) < ($3::date, $4::bigint) ${ORDER}`,
  listCount: `select count(*)::int as total from ${TYPED_TABLE} where ${LIST_WHERE}`,
  aggregate: `select channel, count(*)::int as count, sum(budget) as budget from ${TYPED_TABLE} group by channel`,
} as const;

/**
 * Page 1 and its total as two statements sent together, as the store sends them (on PostgreSQL they run on
 * two connections at once; PGlite has one and runs them in turn), so the comparison isolates storage.
 */
export async function typedListPage1(run: SqlRunner, filter: ListFilter): Promise<TypedPage> {
  const [rows, [count]] = await Promise.all([
    run(TYPED_SQL.listPage1, [filter.channel, filter.minBudget]),
    run<{ total: number }>(TYPED_SQL.listCount, [filter.channel, filter.minBudget]),
  ]);
  return { rows, total: Number(count?.total ?? 0) };
}

/** Page 2 by keyset after the last row of page 1, again with its total (the store returns one per page). */
export async function typedListPage2(run: SqlRunner, filter: ListFilter, after: { readonly created: unknown; readonly id: unknown }): Promise<TypedPage> {
  const [rows, [count]] = await Promise.all([
    run(TYPED_SQL.listPage2, [filter.channel, filter.minBudget, after.created, after.id]),
    run<{ total: number }>(TYPED_SQL.listCount, [filter.channel, filter.minBudget]),
  ]);
  return { rows, total: Number(count?.total ?? 0) };
}

export async function typedAggregate(run: SqlRunner): Promise<readonly Record<string, unknown>[]> {
  return run(TYPED_SQL.aggregate);
}
