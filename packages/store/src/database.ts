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
  /** PGlite's buffer pool (`shared_buffers`, e.g. "512MB"); absent: PGlite's own 128MB. */
  readonly pgliteBuffers?: string;
}

/**
 * The buffer pool `tangram start` gives PGlite in a data dir. PGlite reads a page missing from its pool
 * through a file system call of the WebAssembly runtime, and a form of 1,000,000 records keeps more hot
 * pages than 128MB: its list with a total read 14,000 pages per query and took 1.6x the hand-written
 * query; with 512MB it took 1.27x (256MB: still 1.64x). The pool costs its size in memory from start.
 */
export const PGLITE_DATA_DIR_BUFFERS = '512MB';

const BUFFER_SIZE = /^([1-9]\d{0,6})(kB|MB|GB)$/;
const KB_PER_UNIT = { kB: 1, MB: 1024, GB: 1024 * 1024 } as const;
/**
 * PGlite runs in 32-bit WebAssembly: a 2GB pool did not start ("PGlite failed to initialize properly"),
 * 1.5GB did, and the rest of the database needs room beside it.
 */
const MAX_BUFFER_KB = 1024 * 1024;
const MIN_BUFFER_KB = 1024;

/** True for a memory size PGlite takes as `shared_buffers`, from 1MB to 1GB ("512MB", "1GB", "65536kB"). */
export function isBufferSize(value: string): boolean {
  const size = BUFFER_SIZE.exec(value);
  if (!size) return false;
  const kb = Number(size[1]) * KB_PER_UNIT[size[2] as keyof typeof KB_PER_UNIT];
  return kb >= MIN_BUFFER_KB && kb <= MAX_BUFFER_KB;
}

// Both back ends return the same JS types: int8 (count(*), bigserial) as number, numeric as an exact
// string (money is never a binary float), jsonb parsed, timestamptz as Date.
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (v) => Number(v));

function bufferSize(value: string): string {
  if (!isBufferSize(value)) throw new Error(`PGlite buffers must be a size like 512MB, from 1MB to 1GB, got "${value}"`);
  return value;
}

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
    ...(options.pgliteBuffers ? { postgresqlconf: [`shared_buffers = '${bufferSize(options.pgliteBuffers)}'`] } : {}),
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
