import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** One place that hears raw NOTIFY payloads on a channel until stopped. */
export interface PayloadListener {
  stop(): Promise<void>;
}

export interface PayloadSink {
  readonly onPayload: (payload: string) => void;
  /** The connection was lost and is back: payloads sent in between were missed. */
  readonly onGap: () => void;
}

const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5_000;

/**
 * PostgreSQL: a dedicated connection (never a pooled one: LISTEN belongs to a session) that reconnects
 * with a doubling delay after it drops (server restart, pg_terminate_backend, network) and then reports
 * the gap, because NOTIFY is not queued for a session that was gone.
 */
export async function listenOnPostgres(config: pg.ClientConfig, channel: string, sink: PayloadSink): Promise<PayloadListener> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = FIRST_RETRY_MS;
  let timer: NodeJS.Timeout | null = null;

  const open = async (): Promise<void> => {
    const next = new pg.Client(config);
    // Errors end the connection; 'end' below schedules the reconnect.
    next.on('error', () => {});
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) sink.onPayload(message.payload);
    });
    next.on('end', () => {
      if (client === next) client = null;
      if (!stopped) schedule(true);
    });
    await next.connect();
    try {
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    if (stopped) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    retryMs = FIRST_RETRY_MS;
  };

  const schedule = (lost: boolean): void => {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      open().then(() => { if (lost && !stopped) sink.onGap(); }, () => {
        retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
        schedule(lost);
      });
    }, retryMs);
    timer.unref();
  };

  await open();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}

/** PGlite: one in-process connection, so a notice never crosses a process and is never lost in transit. */
export async function listenOnPglite(pglite: PGlite, channel: string, sink: PayloadSink): Promise<PayloadListener> {
  const unlisten = await pglite.listen(channel, sink.onPayload);
  return {
    async stop() {
      if (!pglite.closed) await unlisten();
    },
  };
}
