import { PGlite } from '@electric-sql/pglite';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { PGLITE_SNAPSHOT } from './index';

/** Vitest global setup: run PGlite's initdb once and keep the empty cluster as a snapshot to clone. */
export default async function setup(): Promise<void> {
  if (existsSync(PGLITE_SNAPSHOT)) return;
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('none');
  // Written aside then renamed, so a run killed mid-write never leaves a torn snapshot.
  const partial = `${PGLITE_SNAPSHOT}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, PGLITE_SNAPSHOT);
  await db.close();
}
