import pg from 'pg';

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface FreshDatabase {
  /** URL of the new, empty database. */
  readonly url: string;
  readonly name: string;
  /** Drops it (forcing out leftover connections). Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * A new database on the server `adminUrl` points at, named after the benchmark and the time, so a run never
 * measures leftovers of a previous one and never touches a database it did not create.
 */
export async function createFreshDatabase(adminUrl: string, prefix: string): Promise<FreshDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name "${name}"`);
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      // BENCH_KEEP_DATABASE=1 leaves it behind for EXPLAIN ANALYZE after the run; drop it by hand then.
      if (process.env.BENCH_KEEP_DATABASE === '1') return;
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
