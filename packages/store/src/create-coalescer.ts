import type { Kysely } from 'kysely';
import type { FormLayout } from './form-layout';
import { insertRecords, type InsertItem, type InsertRow } from './record-insert';

/** The most records one shared statement carries (what `createMany` accepts). */
const MAX_SHARED = 1000;

interface Waiting {
  readonly item: InsertItem;
  resolve(row: InsertRow | null): void;
  reject(error: unknown): void;
}

interface Queue {
  readonly layout: FormLayout;
  waiting: Waiting[];
  flushing: boolean;
}

// Per database (tests open many), per form layout: the single creates waiting for the statement in flight.
const queuesByDb = new WeakMap<Kysely<any>, Map<string, Queue>>();

/**
 * Group commit for single creates. Each create is checked on its own (access, values, key) before it
 * gets here; here, creates of the same form that arrive while a statement is in flight wait for it and
 * then go together as ONE statement (one parse, one commit, one round trip), each getting its own row.
 * Alone, a create goes at once: nothing waits for company, so a quiet server answers as fast as before.
 *
 * If the shared statement fails (one record's unique value is taken), every record in it is retried in a
 * statement of its own, so only the record at fault fails; the others are late by one round trip.
 * Resolves to the inserted row, or null when the item's idempotency key was used before.
 */
export function insertCoalesced(db: Kysely<any>, layout: FormLayout, item: InsertItem): Promise<InsertRow | null> {
  let queues = queuesByDb.get(db);
  if (!queues) queuesByDb.set(db, (queues = new Map()));
  const key = `${layout.formId}:${layout.layoutVersion}`;
  let queue = queues.get(key);
  if (!queue || queue.layout !== layout) {
    // A new layout (a publish) starts a new queue; the old one drains on its own.
    queue = { layout, waiting: [], flushing: false };
    queues.set(key, queue);
  }
  const target = queue;
  return new Promise((resolve, reject) => {
    target.waiting.push({ item, resolve, reject });
    if (!target.flushing) void flush(db, target);
  });
}

async function flush(db: Kysely<any>, queue: Queue): Promise<void> {
  queue.flushing = true;
  try {
    while (queue.waiting.length > 0) {
      const group = queue.waiting.splice(0, MAX_SHARED);
      await insertGroup(db, queue.layout, group);
    }
  } finally {
    queue.flushing = false;
  }
}

async function insertGroup(db: Kysely<any>, layout: FormLayout, group: readonly Waiting[]): Promise<void> {
  try {
    const rows = await insertRecords(db, layout, group.map((w) => w.item));
    const byOrd = new Map(rows.map((row) => [row.ord, row]));
    group.forEach((w, i) => w.resolve(byOrd.get(i + 1) ?? null));
  } catch (error) {
    if (group.length === 1) {
      group[0]!.reject(error);
      return;
    }
    // Nothing of the shared statement was stored: each record again on its own, for its own answer.
    await Promise.all(group.map(async (w) => {
      try {
        const [row] = await insertRecords(db, layout, [w.item]);
        w.resolve(row ?? null);
      } catch (own) {
        w.reject(own);
      }
    }));
  }
}
