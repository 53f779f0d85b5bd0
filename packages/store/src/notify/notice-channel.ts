import type { ListenOptions, StoreNotice } from '../api';
import type { DatabaseHandle } from '../database';
import { decodeNotice, encodeNotice, NOTICE_CHANNEL } from './notice-codec';
import { listenOnPglite, listenOnPostgres, type PayloadListener } from './notice-listeners';

export interface NoticeChannel {
  publish(notice: StoreNotice): Promise<void>;
  listen(handler: (notice: StoreNotice) => void, options?: ListenOptions): Promise<() => Promise<void>>;
  /** Sends what is queued and stops listening. */
  close(): Promise<void>;
}

const NOTIFY_ALL = 'select pg_notify($1, p) from unnest($2::text[]) with ordinality as n(p, i) order by i';

interface Subscription { readonly handler: (notice: StoreNotice) => void; readonly onGap: (() => void) | undefined }

/**
 * Notices between server processes over one NOTIFY channel.
 *
 * Publishing never holds up the write that caused it: notices queue and go out together on the next turn
 * of the event loop, as ONE statement (`select pg_notify($1, p) from unnest($2::text[]) p`), so a burst of
 * writes costs one round trip. Listening uses one connection per store however many handlers there are.
 */
export function createNoticeChannel(handle: DatabaseHandle): NoticeChannel {
  const subscriptions = new Set<Subscription>();
  let listener: Promise<PayloadListener> | null = null;
  let queue: string[] = [];
  let scheduled: Promise<void> | null = null;
  const inFlight = new Set<Promise<void>>();

  const dispatch = (payload: string): void => {
    const notice = decodeNotice(payload);
    if (!notice) return;
    for (const s of subscriptions) {
      try {
        s.handler(notice);
      } catch {
        // One handler's bug must not stop the others from hearing the notice.
      }
    }
  };
  const sink = { onPayload: dispatch, onGap: () => { for (const s of subscriptions) s.onGap?.(); } };

  const startListening = (): Promise<PayloadListener> => {
    if (handle.pglite) return listenOnPglite(handle.pglite, NOTICE_CHANNEL, sink);
    if (handle.pool) return listenOnPostgres(handle.pool.options, NOTICE_CHANNEL, sink);
    throw new Error('this database handle cannot listen for notices');
  };

  // Straight to the pool / the PGlite instance, not through kysely: on PGlite kysely runs a query issued
  // while another caller's transaction is open INSIDE that transaction, and a rollback would take the
  // notice with it. PGlite's own query waits for the transaction to end instead.
  const sender: { query(text: string, values: unknown[]): Promise<unknown> } | undefined = handle.pglite ?? handle.pool;
  if (!sender) throw new Error('this database handle cannot send notices');

  const flush = async (): Promise<void> => {
    const payloads = queue;
    queue = [];
    if (payloads.length === 0) return;
    try {
      await sender.query(NOTIFY_ALL, [NOTICE_CHANNEL, payloads]);
    } catch {
      // At most once: the writes committed; listeners that miss a notice refetch on their next read.
    }
  };

  return {
    publish(notice) {
      queue.push(encodeNotice(notice));
      scheduled ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        scheduled = null;
        const sending = flush();
        inFlight.add(sending);
        return sending.finally(() => inFlight.delete(sending));
      });
      return scheduled;
    },
    async listen(handler, options = {}) {
      const subscription: Subscription = { handler, onGap: options.onGap };
      subscriptions.add(subscription);
      try {
        await (listener ??= startListening());
      } catch (error) {
        subscriptions.delete(subscription);
        listener = null;
        throw error;
      }
      return async () => {
        subscriptions.delete(subscription);
      };
    },
    async close() {
      await scheduled;
      await Promise.all(inFlight);
      const current = listener;
      listener = null;
      subscriptions.clear();
      if (current) await (await current.catch(() => null))?.stop();
    },
  };
}
