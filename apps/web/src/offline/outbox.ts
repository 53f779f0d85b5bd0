import type { FormDefinition } from '@tangram/schema';
import { retryDelayMs } from './backoff';
import type { QueuedSubmission } from './outbox-types';
import type { SendOutcome } from './send-submission';

export interface OutboxSnapshot {
  readonly entries: readonly QueuedSubmission[];
  readonly online: boolean;
}

export interface OutboxDeps {
  readonly db: { all(): Promise<QueuedSubmission[]>; put(entry: QueuedSubmission): Promise<void>; remove(id: string): Promise<void> };
  readonly send: (entry: QueuedSubmission) => Promise<SendOutcome>;
  readonly now: () => Date;
  readonly newKey: () => string;
  /** Runs `run` after `ms` (a retry after backoff). */
  readonly later: (run: () => void, ms: number) => void;
  readonly online: () => boolean;
  /** The signed-in user's id, or null (signed out, or no answer). Asked once per round. */
  readonly currentUser: () => Promise<string | null>;
}

export interface NewSubmission {
  readonly userId: string;
  readonly app: string;
  readonly form: string;
  readonly definition: FormDefinition;
  readonly body: QueuedSubmission['body'];
}

/**
 * The device's queue of records made offline. Entries are sent one at a time, oldest first; an entry the
 * server refuses is set aside with its reason (the others go on), and a failed attempt (no network, server
 * down) stops the round and retries after a growing delay, or at once when the network comes back.
 *
 *   const outbox = createOutbox(deps); await outbox.start();
 *   await outbox.enqueue({ app: 'crm', form: 'lead', definition, body: { data } }); // sent when online
 */
export function createOutbox(deps: OutboxDeps) {
  let entries: readonly QueuedSubmission[] = [];
  let online = deps.online();
  let snapshot: OutboxSnapshot = { entries, online };
  let running: Promise<void> | null = null;
  const listeners = new Set<() => void>();

  const publish = () => {
    snapshot = Object.freeze({ entries, online });
    for (const listener of listeners) listener();
  };
  const save = async (entry: QueuedSubmission) => {
    entries = [...entries.filter((e) => e.id !== entry.id), entry].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    publish();
    await deps.db.put(entry);
  };

  async function round(ignoreBackoff: boolean): Promise<void> {
    // Offline, an attempt can only fail; the `online` event starts the next round.
    if (!online || !entries.some((e) => e.status === 'waiting')) return;
    const user = await deps.currentUser();
    if (user === null) return;
    for (;;) {
      if (!online) return;
      const now = deps.now().getTime();
      const next = entries.find((e) => e.status === 'waiting' && e.userId === user && (ignoreBackoff || e.retryAt === null || Date.parse(e.retryAt) <= now));
      if (!next) return;
      await save({ ...next, status: 'sending' });
      const outcome = await deps.send(next);
      if (outcome.kind === 'sent') await save({ ...next, status: 'sent', recordId: outcome.recordId, refusal: null, retryAt: null });
      else if (outcome.kind === 'rejected') await save({ ...next, status: 'rejected', refusal: outcome.refusal, retryAt: null });
      else {
        const attempts = next.attempts + 1;
        const delay = retryDelayMs(attempts);
        await save({ ...next, status: 'waiting', attempts, retryAt: new Date(deps.now().getTime() + delay).toISOString() });
        deps.later(() => void outbox.flush(), delay);
        return;
      }
      ignoreBackoff = false;
    }
  }

  const outbox = {
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: (): OutboxSnapshot => snapshot,
    /** Loads the queue; an entry left `sending` (the page closed mid-send) is sent again with its same key. */
    async start(): Promise<void> {
      const stored = await deps.db.all();
      entries = stored.map((e) => (e.status === 'sending' ? { ...e, status: 'waiting' as const } : e));
      publish();
      await outbox.flush({ now: true });
    },
    setOnline(value: boolean): void {
      online = value;
      publish();
      if (value) void outbox.flush({ now: true });
    },
    /** Sends what is due; `now` ignores the backoff (the network just came back, or the app started). */
    flush(options: { now?: boolean } = {}): Promise<void> {
      if (running) return running;
      running = round(options.now ?? false).finally(() => {
        running = null;
      });
      return running;
    },
    async enqueue(input: NewSubmission): Promise<QueuedSubmission> {
      const entry: QueuedSubmission = {
        ...input, id: deps.newKey(), status: 'waiting', queuedAt: deps.now().toISOString(), attempts: 0, retryAt: null, recordId: null, refusal: null,
      };
      await save(entry);
      void outbox.flush({ now: true });
      return entry;
    },
    /** A refused entry, corrected or not, goes back in the queue under a new key (its body may differ now). */
    async resend(id: string, body?: QueuedSubmission['body']): Promise<void> {
      const old = entries.find((e) => e.id === id);
      if (!old) return;
      entries = entries.filter((e) => e.id !== id);
      await deps.db.remove(id);
      await save({ ...old, id: deps.newKey(), body: body ?? old.body, status: 'waiting', attempts: 0, retryAt: null, refusal: null });
      void outbox.flush({ now: true });
    },
    async discard(id: string): Promise<void> {
      entries = entries.filter((e) => e.id !== id);
      publish();
      await deps.db.remove(id);
    },
    async clearSent(): Promise<void> {
      const sent = entries.filter((e) => e.status === 'sent');
      entries = entries.filter((e) => e.status !== 'sent');
      publish();
      await Promise.all(sent.map((e) => deps.db.remove(e.id)));
    },
  };
  return outbox;
}

export type Outbox = ReturnType<typeof createOutbox>;
