/**
 * A database for one benchmark run: a fresh PostgreSQL database (dropped afterwards), or PGlite on disk
 * in a temporary directory (removed afterwards).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '@tangram/server';
import { openDatabase, type DatabaseHandle } from '@tangram/store';
import { createFreshDatabase, DEFAULT_BENCH_DATABASE_URL, type FreshDatabase } from './fresh-postgres-database';
import { progress } from './output';

export interface OpenedDatabase { readonly handle: DatabaseHandle; cleanUp(): Promise<void> }

export async function openBenchDatabase(dialect: 'pg' | 'pglite', name: string): Promise<OpenedDatabase> {
  if (dialect === 'pg') {
    const fresh: FreshDatabase = await createFreshDatabase(process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL, `tangram_${name}`);
    progress(`pg: created database ${fresh.name}`);
    const handle = await openDatabase({ url: fresh.url, poolSize: 10 });
    let closing = false;
    // pool.end() resolves before its sockets have closed, so DROP … WITH (FORCE) can still terminate a
    // backend whose client is on its way out; that FATAL is expected then, and only then.
    handle.pool?.on('error', (error) => {
      if (!closing) progress(`pg: idle connection failed: ${error.message}`);
    });
    return {
      handle,
      async cleanUp() {
        closing = true;
        await handle.close();
        // The raw pool is ours too: end it even if the query builder never opened it.
        if (handle.pool && !handle.pool.ended) await handle.pool.end();
        await fresh.drop();
      },
    };
  }
  // On disk, as `tangram start` runs it: a million rows would not fit PGlite's in-memory file system well.
  // While PGlite works, Ctrl-C did not reach the signal handler in our runs, so an interrupted PGlite run
  // leaves this directory behind (/tmp/tangram-bench-pglite-*); PostgreSQL runs stop cleanly.
  const dataDir = await mkdtemp(join(tmpdir(), `tangram-${name}-pglite-`));
  // With the buffer pool `tangram start` gives it (TANGRAM_PGLITE_BUFFERS, read as the server reads it);
  // the hand-written side runs in the same instance.
  const { pgliteBuffers } = readConfig(process.env);
  progress(`pglite: buffer pool ${pgliteBuffers}`);
  const handle = await openDatabase({ dataDir, pgliteBuffers });
  return {
    handle,
    async cleanUp() {
      await handle.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
