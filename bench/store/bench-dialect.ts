import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStoreFromHandle } from '@tangram/store';
import { compareTimings, type ComparedTimings } from '../lib/compare-timings';
import { createCustomerGenerator, type CustomerRow } from '../lib/customer-generator';
import { openBenchDatabase } from '../lib/bench-database';
import { progress, throwIfInterrupted } from '../lib/output';
import { createSqlRunner, type SqlRunner } from '../lib/sql-runner';
import { aggregatesAgree, pagesAgree } from './agreement';
import { mirrorStoreIndexes } from './mirror-indexes';
import { explainOne, explainQueries, installQueryCapture } from './query-capture';
import { insertStoreRows, setUpStoreSide, storeAggregate, storeList, type StoreSide } from './store-side';
import {
  createTypedIndexes, insertTypedRows, createTypedTable, TYPED_SQL, TYPED_TABLE, typedAggregate, typedListPage1, typedListPage2, type ListFilter,
} from './typed-table';

export type DialectKey = 'pg' | 'pglite';

export interface ScenarioFigures {
  readonly storeMs: number;
  readonly sqlMs: number;
  readonly ratio: number;
  readonly storeP95Ms: number;
  readonly sqlP95Ms: number;
  /** null when the store's answer matched the hand-written SQL's; otherwise what differed. */
  readonly mismatch: string | null;
}

export interface DialectFigures {
  readonly list: ScenarioFigures;
  readonly aggregate: ScenarioFigures;
  readonly page2: ScenarioFigures;
  /** Records per second through `createMany`, 1,000 per call, each with its event and outbox entry. */
  readonly seedRecordsPerSec: number;
  /** Every scenario within 1.5x of hand-written SQL at the median. */
  readonly meetsGoal: boolean;
  readonly plansFile: string;
}

export interface BenchOptions { readonly size: number; readonly runs: number; readonly warmupRuns: number }

const BATCH = 1000;
const LIST_FILTER: ListFilter = { channel: 'web', minBudget: 50_000 };
const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');


export async function benchDialect(dialect: DialectKey, options: BenchOptions): Promise<DialectFigures> {
  const { handle, cleanUp } = await openBenchDatabase(dialect, 'bench');
  try {
    const capture = installQueryCapture(handle);
    const run = createSqlRunner(handle);
    const store = createStoreFromHandle(handle);
    await store.migrate();
    const side = await setUpStoreSide(store);

    // The store builds a form's slot indexes when a list first filters or sorts on them: the scenarios run
    // once on the empty form and their builds are awaited, so the indexes exist before the seed. The typed
    // table then gets the same indexes before it is filled, so both sides' indexes are built alike.
    await storeList(side, LIST_FILTER);
    await storeAggregate(side);
    await store.slotIndexesSettled();
    const mirrored = await mirrorStoreIndexes(run, side.access.app, side.access.form);
    await createTypedTable(run);
    await createTypedIndexes(run, mirrored.statements);
    progress(`${dialect}: store indexes mirrored: ${mirrored.statements.length}; unmirrored: ${mirrored.skipped.join('; ') || 'none'}`);

    const seedRecordsPerSec = await seed(dialect, 'store', options.size, (rows) => insertStoreRows(side, rows));
    await seed(dialect, 'typed table', options.size, (rows) => insertTypedRows(run, rows));
    progress(`${dialect}: vacuum analyze`);
    await run('vacuum analyze');

    const timing = { runs: options.runs, warmupRuns: options.warmupRuns };
    const page1 = await storeList(side, LIST_FILTER);
    const typedPage1 = await typedListPage1(run, LIST_FILTER);
    const lastRow = typedPage1.rows[typedPage1.rows.length - 1];
    if (!page1.nextCursor || !lastRow) throw new Error(`${dialect}: the list has a single page; seed more records`);
    const after = { created: lastRow.created, id: lastRow.id };
    const cursor = page1.nextCursor;

    progress(`${dialect}: list`);
    const list = await scenario(
      () => storeList(side, LIST_FILTER), () => typedListPage1(run, LIST_FILTER), pagesAgree(page1, typedPage1), timing);
    progress(`${dialect}: page 2`);
    const page2 = await scenario(
      () => storeList(side, LIST_FILTER, cursor), () => typedListPage2(run, LIST_FILTER, after),
      pagesAgree(await storeList(side, LIST_FILTER, cursor), await typedListPage2(run, LIST_FILTER, after)), timing);
    progress(`${dialect}: aggregate`);
    const aggregate = await scenario(
      () => storeAggregate(side), () => typedAggregate(run), aggregatesAgree(await storeAggregate(side), await typedAggregate(run)), timing);

    const plansFile = await writePlans(dialect, options.size, run, side, capture, mirrored, { cursor, after });
    const figures: DialectFigures = {
      list, aggregate, page2, seedRecordsPerSec,
      meetsGoal: [list, aggregate, page2].every((s) => s.ratio <= 1.5 && s.mismatch === null),
      plansFile,
    };
    for (const [name, s] of Object.entries({ list, page2, aggregate })) {
      progress(`${dialect}: ${name.padEnd(9)} store ${s.storeMs} ms (p95 ${s.storeP95Ms}) | sql ${s.sqlMs} ms (p95 ${s.sqlP95Ms}) | ratio ${s.ratio}${s.ratio > 1.5 ? '  MISSES the 1.5x goal' : ''}${s.mismatch ? `  ANSWERS DIFFER: ${s.mismatch}` : ''}`);
    }
    return figures;
  } finally {
    await cleanUp();
  }
}

async function scenario(
  store: () => Promise<unknown>, sql: () => Promise<unknown>, mismatch: string | null, timing: { runs: number; warmupRuns: number },
): Promise<ScenarioFigures> {
  const t: ComparedTimings = await compareTimings(store, sql, timing);
  return { storeMs: t.store.medianMs, sqlMs: t.sql.medianMs, ratio: t.ratio, storeP95Ms: t.store.p95Ms, sqlP95Ms: t.sql.p95Ms, mismatch };
}

/** Feeds the seeded customer stream, 1,000 rows per call, to one side; returns rows per second of insert time. */
async function seed(dialect: DialectKey, side: string, size: number, insert: (rows: readonly CustomerRow[]) => Promise<void>): Promise<number> {
  const generator = createCustomerGenerator();
  let insertMs = 0;
  const every = Math.max(1, Math.round(size / BATCH / 10));
  for (let done = 0, batch = 0; done < size; batch++) {
    throwIfInterrupted();
    const rows = generator.take(Math.min(BATCH, size - done));
    const start = performance.now();
    await insert(rows);
    insertMs += performance.now() - start;
    done += rows.length;
    if (batch % every === every - 1 || done === size) {
      progress(`${dialect}: seeded ${done.toLocaleString("en")} into the ${side} — ${Math.round((done / insertMs) * 1000)} rows/s`);
    }
  }
  return Math.round((size / insertMs) * 1000);
}

/** How wide each side's rows are on disk: heap pages drive the cost of counts and GROUP BYs. */
async function tableSizes(run: SqlRunner): Promise<string> {
  const rows = await run<Record<string, unknown>>(`
    select c.relname as table, c.relpages as heap_pages, c.reltuples::bigint as rows,
           round(pg_relation_size(c.oid) / 1048576.0, 1) as heap_mb,
           round(coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) / 1048576.0, 1) as toast_mb,
           round(pg_indexes_size(c.oid) / 1048576.0, 1) as indexes_mb
    from pg_class c where c.relname in ('records', 'record_data', 'record_events', 'outbox', '${TYPED_TABLE}') order by c.relname`);
  return rows.map((row) => Object.entries(row).map(([k, v]) => `${k}=${String(v)}`).join(' ')).join('\n');
}

/** EXPLAIN ANALYZE of both sides of each scenario, for whoever tunes the storage layout. */
async function writePlans(
  dialect: DialectKey, size: number, run: SqlRunner, side: StoreSide, capture: ReturnType<typeof installQueryCapture>,
  mirrored: Awaited<ReturnType<typeof mirrorStoreIndexes>>, page2: { cursor: string; after: { created: unknown; id: unknown } },
): Promise<string> {
  const section = (title: string, body: string) => `==== ${title} ====\n${body}\n`;
  const storeList1 = await capture.record(() => storeList(side, LIST_FILTER));
  const storeList2 = await capture.record(() => storeList(side, LIST_FILTER, page2.cursor));
  const storeAgg = await capture.record(() => storeAggregate(side));
  const listParams = [LIST_FILTER.channel, LIST_FILTER.minBudget];
  const text = [
    `${dialect}, ${size.toLocaleString('en')} records`,
    section('table sizes (heap pages, heap / toast / indexes MB)', await tableSizes(run)),
    section('store indexes', mirrored.storeIndexes.join('\n')),
    section('typed table indexes (mirrored)', `${mirrored.statements.join('\n')}\nunmirrored: ${mirrored.skipped.join('; ') || 'none'}`),
    section('list page 1 — store', await explainQueries(run, storeList1)),
    section('list page 1 — sql', `${await explainOne(run, TYPED_SQL.listPage1, listParams)}\n\n${await explainOne(run, TYPED_SQL.listCount, listParams)}`),
    section('list page 2 — store', await explainQueries(run, storeList2)),
    section('list page 2 — sql', await explainOne(run, TYPED_SQL.listPage2, [...listParams, page2.after.created, page2.after.id])),
    section('aggregate — store', await explainQueries(run, storeAgg)),
    section('aggregate — sql', await explainOne(run, TYPED_SQL.aggregate, [])),
  ].join('\n');
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `store-plans-${dialect}-${size}.txt`);
  await writeFile(file, text);
  const shown = relative(join(RESULTS_DIR, '..', '..'), file);
  progress(`${dialect}: query plans written to ${shown}`);
  return shown;
}

