import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PreparingClient } from './prepared-statements';

export type DialectName = 'pglite' | 'postgres';

/**
 * What differs between the two back ends, as flags — repositories read these, never `dialect === 'pglite'`.
 * `parallelConnections`: PGlite is one in-process connection, so work that would fan out runs serially.
 */
export interface DialectCapabilities {
  readonly parallelConnections: boolean;
  readonly listenNotify: 'in-process' | 'cross-process';
}

export interface DatabaseHandle {
  readonly db: Kysely<any>;
  readonly dialect: DialectName;
  readonly capabilities: DialectCapabilities;
  /** The raw PGlite instance (for dumps and LISTEN), when embedded. */
  readonly pglite?: PGlite;
  /** The pg pool, when on PostgreSQL. */
  readonly pool?: pg.Pool;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…`: PostgreSQL. Absent: embedded PGlite. */
  readonly url?: string;
  /** PGlite data directory; absent means in memory. */
  readonly dataDir?: string;
  /** Start PGlite from a dumped data dir (tests clone one snapshot instead of running initdb each time). */
  readonly loadDataDir?: Blob;
  readonly poolSize?: number;
}

// Both back ends return the same JS types: int8 (count(*), bigserial) as number, numeric as an exact
// string (money is never a binary float), jsonb parsed, timestamptz as Date.
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (v) => Number(v));

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, Client: PreparingClient });
    // An idle client whose connection dies (server restart, pg_terminate_backend, DROP DATABASE … FORCE)
    // is emitted here; unhandled, it would crash the process. The pool drops it and reconnects on demand.
    pool.on('error', () => {});
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      capabilities: { parallelConnections: true, listenNotify: 'cross-process' },
      pool,
      close: () => db.destroy(),
    };
  }
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = new Kysely<any>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    dialect: 'pglite',
    capabilities: { parallelConnections: false, listenNotify: 'in-process' },
    pglite,
    close: () => db.destroy(),
  };
}
