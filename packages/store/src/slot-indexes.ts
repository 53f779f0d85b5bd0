import { sql, type Kysely } from 'kysely';
import type { DialectCapabilities } from './database';
import type { FormLayout } from './form-layout';
import { INDEXED_KINDS } from './slots';

/**
 * Per-form slot indexes, built when a list or count first filters or sorts on the slot instead of at
 * publish: every index costs every insert an entry, and most slots of most forms are never filtered on
 * (a 10-field form had 7 slot indexes of its 11 on `records`; without them PostgreSQL's work per inserted
 * record was 23% lower). Reports scan their rows and need none.
 *
 * The query that asks never waits: it runs (a sequential scan over the form's rows) and the build starts
 * after it, in the background. Builds run one at a time: in a process one queue, across processes a session
 * advisory lock on all index DDL on `records` (a process that finds it taken tries again later). On
 * PostgreSQL the build is `CREATE INDEX CONCURRENTLY` on a connection of its own, so writes go on while it
 * runs; an INVALID index left by a failed concurrent build is dropped and built again. PGlite is one
 * connection in the process: a plain CREATE INDEX, which holds that connection while it builds.
 * When the index is valid, `form_fields.slot_indexed` records it, so no process asks again.
 *
 * A publish creates indexes on `records` too (created, unique) inside its transaction. A concurrent build
 * waits for every older transaction, and the publish's CREATE INDEX waits for the build's table lock: a
 * deadlock. So a publish takes the same advisory lock (`withIndexDdlLock`) before its transaction starts,
 * waiting for a running build to finish; a build never starts while a publish holds it.
 */
export interface SlotIndexes {
  /** Asks for the slot indexes of these fields (a list's filter and sort keys); returns at once. */
  want(layout: FormLayout, fieldKeys: Iterable<string>): void;
  /** Resolves once no build is queued or running (benches measure with the indexes in place). */
  settled(): Promise<void>;
  /** Starts no more builds (queued ones are dropped) and waits for the running one. */
  close(): Promise<void>;
}

export interface SlotIndexEvent {
  readonly formId: number;
  readonly slot: string;
  /** built: this process created it; present: it was there (another process built it); busy: another process holds the form's build lock; failed: see error. */
  readonly outcome: 'built' | 'present' | 'busy' | 'failed';
  readonly error?: unknown;
}

export interface SlotIndexOptions {
  /** After a busy or failed attempt, the next query asks again after this long. Default 10 s. */
  readonly retryAfterMs?: number;
  readonly onEvent?: (event: SlotIndexEvent) => void;
  readonly clock?: () => number;
}

/** The advisory lock (`tang`, 1) held by whoever creates indexes on `records` outside migrations. */
const INDEX_DDL_LOCK = sql`${0x74616e67}::int, 1`;

/** How often a publish tries the index DDL lock again while a build holds it. */
const PUBLISH_RETRY_MS = 100;

/**
 * Runs `fn` (a publish, which creates indexes on `records` in its transaction) while holding the index DDL
 * lock on a connection of its own, taken before the transaction starts: the transaction never waits for a
 * build while a build waits for it. The lock is polled with `pg_try_advisory_lock`, never waited for in a
 * statement: a statement that waits holds a snapshot, and a concurrent build waits for every older
 * snapshot — that would be the same deadlock. PGlite has one connection and runs one thing at a time: no
 * lock needed.
 */
export async function withIndexDdlLock<T>(db: Kysely<any>, capabilities: DialectCapabilities, fn: () => Promise<T>): Promise<T> {
  if (!capabilities.parallelConnections) return fn();
  return db.connection().execute(async (conn) => {
    const tryLock = async () => (await sql<{ got: boolean }>`select pg_try_advisory_lock(${INDEX_DDL_LOCK}) as got`.execute(conn)).rows[0]?.got === true;
    while (!(await tryLock())) await new Promise((resolve) => setTimeout(resolve, PUBLISH_RETRY_MS));
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${INDEX_DDL_LOCK})`.execute(conn);
    }
  });
}

export function slotIndexName(formId: number, slot: string): string {
  return `records_f${formId}_${slot}`;
}

export function createSlotIndexes(db: Kysely<any>, capabilities: DialectCapabilities, options: SlotIndexOptions = {}): SlotIndexes {
  const retryAfterMs = options.retryAfterMs ?? 10_000;
  const clock = options.clock ?? Date.now;
  const concurrently = capabilities.parallelConnections ? 'concurrently ' : '';
  /** formId:slot of indexes known to be valid, queued or running, and refused until a time. */
  const done = new Set<string>();
  const pending = new Set<string>();
  const retryAt = new Map<string, number>();
  /** The tail of the build queue. */
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  async function build(formId: number, slot: string): Promise<SlotIndexEvent['outcome']> {
    return db.connection().execute(async (conn) => {
      const { rows: [lock] } = await sql<{ got: boolean }>`select pg_try_advisory_lock(${INDEX_DDL_LOCK}) as got`.execute(conn);
      if (!lock?.got) return 'busy';
      try {
        const name = slotIndexName(formId, slot);
        const { rows: [found] } = await sql<{ valid: boolean }>`
          select i.indisvalid as valid from pg_class c join pg_index i on i.indexrelid = c.oid where c.relname = ${name}`.execute(conn);
        if (found && !found.valid) await sql.raw(`drop index ${concurrently}if exists ${name}`).execute(conn);
        if (!found?.valid) {
          await sql.raw(`create index ${concurrently}if not exists ${name} on records (${slot}) where form_id = ${formId} and deleted_at is null`).execute(conn);
        }
        await sql`update form_fields set slot_indexed = true where form_id = ${formId} and slot = ${slot}`.execute(conn);
        return found?.valid ? 'present' : 'built';
      } finally {
        await sql`select pg_advisory_unlock(${INDEX_DDL_LOCK})`.execute(conn);
      }
    });
  }

  async function attempt(formId: number, slot: string, id: string): Promise<void> {
    if (closed) {
      pending.delete(id);
      return;
    }
    let event: SlotIndexEvent;
    try {
      event = { formId, slot, outcome: await build(formId, slot) };
    } catch (error) {
      event = { formId, slot, outcome: 'failed', error };
    }
    pending.delete(id);
    if (event.outcome === 'built' || event.outcome === 'present') done.add(id);
    else retryAt.set(id, clock() + retryAfterMs);
    options.onEvent?.(event);
  }

  async function settled(): Promise<void> {
    let tail: Promise<void>;
    do {
      tail = queue;
      await tail;
    } while (tail !== queue);
  }

  return {
    want(layout, fieldKeys) {
      if (closed) return;
      for (const key of fieldKeys) {
        const field = layout.fields.get(key);
        if (!field?.slot || field.slotIndexed || !INDEXED_KINDS.has(field.kind)) continue;
        const { formId } = layout;
        const slot = field.slot;
        const id = `${formId}:${slot}`;
        if (done.has(id) || pending.has(id) || (retryAt.get(id) ?? -Infinity) > clock()) continue;
        pending.add(id);
        queue = queue.then(() => attempt(formId, slot, id));
      }
    },
    settled,
    async close() {
      closed = true;
      await settled();
    },
  };
}
