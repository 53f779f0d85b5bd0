/**
 * The realtime hub of one server process: the sockets open on it, their topics, and the notices of every
 * process on the same database (the store's LISTEN/NOTIFY), delivered to the sockets that may see them.
 *
 *   await app.hub.publish(`job:${job.id}`, { processed: 400, total: 1000 }, { users: [job.startedBy] });
 */
import type { Locale, User } from '@tangram/schema';
import type { Store, StoreNotice } from '@tangram/store';
import type { FastifyBaseLogger } from 'fastify';
import { ApiError, type ApiErrorCode } from '../errors';
import { problemFor } from '../http/problem';
import { CLOSE_GOING_AWAY, CLOSE_UNAUTHENTICATED, Connection, type LiveSocket } from './connection';
import { isFrameProblem, parseClientMessage, type ClientMessage } from './protocol';
import { fanOutRecordNotices, type RecordsNotice } from './record-fanout';
import { parseTopic, type Topic } from './topics';

export interface HubOptions {
  /** Ping interval; a socket that missed the previous pong is dropped, and its credential re-checked. */
  readonly heartbeatMs: number;
  /** Per socket and topic, events are gathered and sent at most once per this many ms. */
  readonly flushMs: number;
  /** Record notices arriving within this window are checked together (one visibility query per scope). */
  readonly batchMs: number;
  /** Unsent bytes past which a slow socket is dropped. */
  readonly maxBufferedBytes: number;
  /** Topics one socket may hold. */
  readonly maxTopics: number;
}

export const DEFAULT_HUB_OPTIONS: HubOptions = Object.freeze({
  heartbeatMs: 30_000,
  flushMs: 250,
  batchMs: 50,
  maxBufferedBytes: 1024 * 1024,
  maxTopics: 200,
});

export interface Hub {
  /** Sends `data` to the subscribers of `topic` on every server process; to the listed users only when given. */
  publish(topic: string, data: unknown, options?: { readonly users?: readonly string[] }): Promise<void>;
  /** Takes over an authenticated socket. */
  attach(socket: LiveSocket & { on(event: 'message' | 'close' | 'pong', listener: (...args: any[]) => void): unknown }, who: {
    readonly user: User; readonly credential: { readonly kind: 'session' | 'token'; readonly hash: string }; readonly locale: Locale;
  }): void;
  /** Open sockets on this process. */
  readonly size: number;
  close(): Promise<void>;
}

export async function createHub(store: Store, options: HubOptions, log: FastifyBaseLogger, now: () => Date): Promise<Hub> {
  const connections = new Set<Connection>();
  let queued: RecordsNotice[] = [];
  let batchTimer: NodeJS.Timeout | null = null;
  let delivering: Promise<void> = Promise.resolve();

  const deliverRecords = async (notices: readonly RecordsNotice[]): Promise<void> => {
    const byForm = new Map<string, RecordsNotice[]>();
    for (const n of notices) {
      const key = JSON.stringify([n.app, n.form]);
      byForm.set(key, [...(byForm.get(key) ?? []), n]);
    }
    for (const group of byForm.values()) {
      try {
        await fanOutRecordNotices(store, group[0]!.app, group[0]!.form, group, connections);
      } catch (error) {
        log.warn({ err: error, app: group[0]!.app, form: group[0]!.form }, 'realtime: record changes not delivered');
      }
    }
  };

  const onNotice = (notice: StoreNotice): void => {
    switch (notice.kind) {
      case 'records':
        queued.push(notice);
        batchTimer ??= setTimeout(() => {
          batchTimer = null;
          const batch = queued;
          queued = [];
          // One batch at a time, in arrival order.
          delivering = delivering.then(() => deliverRecords(batch));
        }, options.batchMs);
        return;
      case 'topic':
        for (const c of connections) {
          if (notice.users && !notice.users.includes(c.user.id)) continue;
          c.gather<unknown>(notice.topic, () => notice.data, (data) => data);
        }
        return;
      case 'userDisabled':
        for (const c of connections) if (c.user.id === notice.userId) c.close(CLOSE_UNAUTHENTICATED, 'ERR_UNAUTHENTICATED');
        return;
      case 'sessionEnded':
        for (const c of connections) if (c.credential.hash === notice.sessionHash) c.close(CLOSE_UNAUTHENTICATED, 'ERR_UNAUTHENTICATED');
        return;
    }
  };

  // Notices may have been missed while the listening connection was down: every client refetches.
  const unlisten = await store.listen(onNotice, { onGap: () => { for (const c of connections) c.send({ type: 'resync' }); } });

  const refuse = (c: Connection, code: ApiErrorCode, topic: string | undefined, path?: string): void => {
    const problem = problemFor(new ApiError(code), c.locale);
    c.send({ type: 'error', ...(topic !== undefined ? { topic } : {}), code, message: problem.title, ...(path !== undefined ? { path } : {}) });
  };

  /** May this socket's user follow this topic? An error code when not. */
  const admission = async (c: Connection, topic: Topic): Promise<ApiErrorCode | null> => {
    if (topic.kind === 'job') return null; // events name their users (see publish)
    const access = await store.identity.resolveAccess(c.user, topic.app, topic.form);
    // No action at all: as far as this user knows, the form does not exist.
    if (access.actions.size === 0) return 'ERR_NOT_FOUND';
    if (!access.actions.has('read')) return 'ERR_FORBIDDEN';
    if (topic.kind === 'record' && (await store.records(topic.app, topic.form).visibleIds(access, [topic.id])).length === 0) return 'ERR_NOT_FOUND';
    return null;
  };

  const handle = async (c: Connection, message: ClientMessage): Promise<void> => {
    if (message.type === 'unsubscribe') {
      c.topics.delete(message.topic);
      c.send({ type: 'unsubscribed', topic: message.topic });
      return;
    }
    const topic = parseTopic(message.topic);
    if (!topic) return refuse(c, 'ERR_BAD_REQUEST', message.topic, '/topic');
    if (c.topics.has(message.topic)) return c.send({ type: 'subscribed', topic: message.topic });
    if (c.topics.size >= options.maxTopics) return refuse(c, 'ERR_BATCH_TOO_LARGE', message.topic, '/topic');
    const refusal = await admission(c, topic);
    if (refusal) return refuse(c, refusal, message.topic, '/topic');
    if (c.isClosed) return;
    c.topics.set(message.topic, topic);
    c.send({ type: 'subscribed', topic: message.topic });
  };

  const heartbeat = setInterval(() => {
    for (const c of connections) {
      if (!c.alive) {
        c.drop();
        continue;
      }
      c.alive = false;
      c.socket.ping();
      void stillSignedIn(c).then((user) => {
        if (user) c.user = user;
        else c.close(CLOSE_UNAUTHENTICATED, 'ERR_UNAUTHENTICATED');
      }, () => undefined);
    }
  }, options.heartbeatMs);
  heartbeat.unref();

  // Sessions expire and tokens are revoked without a notice: each heartbeat looks the credential up again.
  const stillSignedIn = (c: Connection): Promise<User | null> => (c.credential.kind === 'token'
    ? store.identity.findTokenUser(c.credential.hash)
    : store.identity.findSessionUser(c.credential.hash, now()));

  return {
    async publish(topic, data, publishOptions = {}) {
      if (!parseTopic(topic)) throw new TypeError(`not a realtime topic: ${topic}`);
      await store.publish({ kind: 'topic', topic, data, users: publishOptions.users ?? null });
    },
    attach(socket, { user, credential, locale }) {
      const c = new Connection(socket, user, credential, locale, options);
      connections.add(c);
      // Frames are handled one after another, so "subscribe then unsubscribe" keeps its order.
      let chain: Promise<void> = Promise.resolve();
      socket.on('message', (raw: Buffer, isBinary: boolean) => {
        const parsed = isBinary ? { path: '' } : parseClientMessage(raw.toString());
        if (isFrameProblem(parsed)) return refuse(c, 'ERR_BAD_REQUEST', undefined, parsed.path);
        chain = chain.then(() => handle(c, parsed)).catch((error: unknown) => {
          log.warn({ err: error }, 'realtime: subscription failed');
          refuse(c, 'ERR_INTERNAL', parsed.topic);
        });
      });
      socket.on('pong', () => { c.alive = true; });
      socket.on('close', () => {
        c.release();
        connections.delete(c);
      });
    },
    get size() {
      return connections.size;
    },
    async close() {
      clearInterval(heartbeat);
      if (batchTimer) clearTimeout(batchTimer);
      await unlisten();
      await delivering;
      for (const c of connections) c.close(CLOSE_GOING_AWAY, 'server closing');
      connections.clear();
    },
  };
}
