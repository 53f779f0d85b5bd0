import type { DatabaseHandle } from '@tangram/store';
import type { SqlRunner } from '../lib/sql-runner';

export interface CapturedQuery { readonly sql: string; readonly params: readonly unknown[] }

export interface QueryCapture {
  /** Records every statement the store sends while `work` runs. */
  record(work: () => Promise<unknown>): Promise<readonly CapturedQuery[]>;
}

type QueryFn = (text: unknown, params?: unknown, ...rest: unknown[]) => Promise<unknown>;

/**
 * Taps the driver under the store, so the benchmark can EXPLAIN ANALYZE exactly the SQL the store ran,
 * whatever it compiles to. Install it before the store's first query: pg clients are tapped as the pool
 * opens them, PGlite on its one instance.
 */
export function installQueryCapture(handle: DatabaseHandle): QueryCapture {
  let sink: CapturedQuery[] | null = null;
  const tap = (original: QueryFn): QueryFn =>
    function tapped(this: unknown, text, params, ...rest) {
      if (sink) {
        const sqlText = typeof text === 'string' ? text : (text as { text?: string }).text;
        const values = Array.isArray(params) ? params : ((text as { values?: unknown[] }).values ?? []);
        if (sqlText) sink.push({ sql: sqlText, params: values });
      }
      return original.call(this, text, params, ...rest);
    };
  if (handle.pool) {
    handle.pool.on('connect', (client) => {
      const target = client as unknown as { query: QueryFn };
      target.query = tap(target.query);
    });
  } else if (handle.pglite) {
    const target = handle.pglite as unknown as { query: QueryFn };
    target.query = tap(target.query.bind(handle.pglite));
  }
  return {
    async record(work) {
      sink = [];
      try {
        await work();
        return Object.freeze(sink);
      } finally {
        sink = null;
      }
    },
  };
}

/** `EXPLAIN (ANALYZE, BUFFERS)` of each read the store sent, as plan text. */
export async function explainQueries(run: SqlRunner, queries: readonly CapturedQuery[]): Promise<string> {
  const reads = queries.filter((q) => /^\s*(select|with)\b/i.test(q.sql));
  const parts: string[] = [];
  for (const query of reads) parts.push(await explainOne(run, query.sql, query.params));
  return parts.join('\n\n');
}

export async function explainOne(run: SqlRunner, sqlText: string, params: readonly unknown[]): Promise<string> {
  const rows = await run<Record<string, string>>(`explain (analyze, buffers) ${sqlText}`, params);
  const plan = rows.map((row) => Object.values(row)[0]).join('\n');
  return `-- ${sqlText.replace(/\s+/g, ' ').trim()}\n-- params: ${JSON.stringify(params)}\n${plan}`;
}
