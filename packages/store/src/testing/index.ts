import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type DialectName } from '../database';

/**
 * The dialect matrix every store and API test loops over: PGlite always, PostgreSQL when
 * TEST_DATABASE_URL is set. In CI (CI=true) PostgreSQL is required: a run that silently skipped it
 * would hide a broken back end.
 */
export function testDialects(): DialectName[] {
  if (process.env.CI === 'true' && !process.env.TEST_DATABASE_URL) {
    throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL half of the matrix would be skipped');
  }
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export const PGLITE_SNAPSHOT = join(tmpdir(), 'tangram-pglite-empty.tar');

/**
 * A fresh, empty database of the given dialect, owned by the caller.
 * PGlite: cloned from a snapshot made once per run (initdb costs seconds; a clone ~0.6 s).
 * PostgreSQL: a new database created from TEST_DATABASE_URL and dropped on close.
 */
export async function openTestDatabase(dialect: DialectName): Promise<DatabaseHandle> {
  if (dialect === 'pglite') {
    const loadDataDir = existsSync(PGLITE_SNAPSHOT) ? new Blob([readFileSync(PGLITE_SNAPSHOT)]) : undefined;
    return openDatabase(loadDataDir ? { loadDataDir } : {});
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `tangram_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 4 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
