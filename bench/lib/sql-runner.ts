import type { DatabaseHandle } from '@tangram/store';

/** Runs one parameterised statement on the raw driver, with no query builder in between: the baseline. */
export type SqlRunner = <Row = Record<string, unknown>>(text: string, params?: readonly unknown[]) => Promise<Row[]>;

/** The same call on both back ends: the pg pool, or the PGlite instance. */
export function createSqlRunner(handle: DatabaseHandle): SqlRunner {
  const { pool, pglite } = handle;
  if (pool) return async <Row>(text: string, params: readonly unknown[] = []) => (await pool.query(text, [...params])).rows as Row[];
  if (pglite) return async <Row>(text: string, params: readonly unknown[] = []) => (await pglite.query<Row>(text, [...params])).rows;
  throw new Error(`database handle for ${handle.dialect} exposes neither a pool nor a PGlite instance`);
}
