import { sql } from 'kysely';
import pg from 'pg';
import type { User } from '@tangram/schema';
import type { DefinitionsRepository, IdentityRepository } from './api';
import type { DatabaseHandle } from './database';

/** The channel the `tangram_notify_access` trigger (migration 0003) notifies. */
export const ACCESS_CHANNEL = 'tangram_access';

/** A safety net only: notifications and in-process writes drop entries long before this. */
const ENTRY_TTL_MS = 60_000;
const MAX_ENTRIES = 20_000;
const RECONNECT_MS = 1_000;

/**
 * Every request asks the same three questions before it touches a record: who is this credential,
 * what may this user do in this form, which form version is the latest. Their answers change only when
 * an admin changes users, roles, memberships, org units or publishes, so each process keeps them:
 *
 * - a write through this process's store drops every entry before it returns (synchronously, so the
 *   next request already sees it: disabling a user cuts them off at once);
 * - a write by any other process (or plain SQL) fires the `tangram_access` trigger, and the NOTIFY drops
 *   every entry here when it arrives. On PostgreSQL the cache is bypassed whenever the listening
 *   connection is down, so a missed notification can never leave a stale answer behind.
 * - an answer loaded while a change landed is used once and not kept (generation check).
 */
export interface AccessCache {
  readonly identity: IdentityRepository;
  readonly definitions: DefinitionsRepository;
  /** Drops every entry (a write this process made). */
  clear(): void;
  close(): Promise<void>;
}

interface Entry<T> { readonly value: Promise<T>; readonly at: number }

export function createAccessCache(handle: DatabaseHandle, identity: IdentityRepository, definitions: DefinitionsRepository, clock: () => number = Date.now): AccessCache {
  const entries = new Map<string, Entry<unknown>>();
  let generation = 0;
  // PGlite is one in-process database: every write goes through this process. PostgreSQL: only while listening.
  let listening = handle.capabilities.listenNotify === 'in-process';
  const clear = () => {
    generation++;
    entries.clear();
  };

  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    listener.start();
    if (!listening) return load();
    const hit = entries.get(key) as Entry<T> | undefined;
    if (hit && clock() - hit.at < ENTRY_TTL_MS) return hit.value;
    if (entries.size >= MAX_ENTRIES) entries.clear();
    const startedAt = generation;
    const value = load();
    const entry: Entry<T> = { value, at: clock() };
    entries.set(key, entry);
    const forget = () => { if (entries.get(key) === entry) entries.delete(key); };
    value.then((v) => { if (v === null || generation !== startedAt) forget(); }, forget);
    return value;
  }

  /** Runs a write, then drops every entry (also when it failed: it may have committed before failing). */
  const writing = <A extends unknown[], R>(write: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    try {
      return await write(...args);
    } finally {
      clear();
    }
  };

  const listener = handle.capabilities.listenNotify === 'cross-process' && handle.pool
    ? listenOnPostgres(handle.pool, {
      onListening: () => { clear(); listening = true; },
      onLost: () => { listening = false; clear(); },
      onNotice: clear,
    })
    : listenInProcess(handle, clear);

  const sessionUser = async (tokenHash: string): Promise<{ user: User; expiresAt: number } | null> => {
    // Cached with its expiry, so an expired session is refused without asking the database.
    const { rows } = await sql<{ expires_at: Date }>`select expires_at from sessions where token_hash = ${tokenHash}`.execute(handle.db);
    const user = rows[0] ? await identity.findSessionUser(tokenHash, new Date(0)) : null;
    return user && rows[0] ? { user, expiresAt: rows[0].expires_at.getTime() } : null;
  };

  const cachedIdentity: IdentityRepository = Object.freeze({
    ...identity,
    createUser: writing(identity.createUser),
    createFirstUser: writing(identity.createFirstUser),
    setUserDisabled: writing(identity.setUserDisabled),
    deleteSession: writing(identity.deleteSession),
    createOrgUnit: writing(identity.createOrgUnit),
    saveRole: writing(identity.saveRole),
    addMembership: writing(identity.addMembership),
    async findSessionUser(tokenHash, now) {
      const session = await cached(`s:${tokenHash}`, () => sessionUser(tokenHash));
      return session && session.expiresAt > now.getTime() ? session.user : null;
    },
    findTokenUser: (tokenHash) => cached(`t:${tokenHash}`, () => identity.findTokenUser(tokenHash)),
    resolveAccess: (user, app, form) => (user
      ? cached(`a:${JSON.stringify([user.id, user.isAdmin, user.disabled, app, form])}`, () => identity.resolveAccess(user, app, form))
      : identity.resolveAccess(user, app, form)),
    appPermissions: (user, app) => cached(`p:${JSON.stringify([user.id, user.isAdmin, user.disabled, app])}`, () => identity.appPermissions(user, app)),
  } satisfies IdentityRepository);

  const cachedDefinitions: DefinitionsRepository = Object.freeze({
    ...definitions,
    createApp: writing(definitions.createApp),
    publish: writing(definitions.publish),
    latestPublishedVersion: (app, kind, key) => (kind === 'form'
      ? cached(`v:${JSON.stringify([app, key])}`, () => definitions.latestPublishedVersion(app, kind, key))
      : definitions.latestPublishedVersion(app, kind, key)),
  } satisfies DefinitionsRepository);

  return {
    identity: cachedIdentity,
    definitions: cachedDefinitions,
    clear,
    async close() {
      listening = false;
      clear();
      await listener.close();
    },
  };
}

interface Listener {
  /** Starts listening if not yet started (idempotent, returns at once). */
  start(): void;
  close(): Promise<void>;
}

/** PGlite: SQL run by anyone in this process (not only the repositories) still reaches the cache. */
function listenInProcess(handle: DatabaseHandle, onNotice: () => void): Listener {
  let unlisten: Promise<(() => Promise<void>) | undefined> | undefined;
  return {
    start() {
      unlisten ??= handle.pglite?.listen(ACCESS_CHANNEL, onNotice).catch(() => undefined) ?? Promise.resolve(undefined);
    },
    async close() {
      const stop = await unlisten;
      await stop?.().catch(() => undefined);
    },
  };
}

/**
 * PostgreSQL: one dedicated connection (outside the pool) LISTENs, reconnecting after a loss. It starts
 * on the first use of the store rather than at construction, and gives up once the database is gone.
 */
function listenOnPostgres(pool: pg.Pool, events: { onListening(): void; onLost(): void; onNotice(): void }): Listener {
  let client: pg.Client | null = null;
  let closed = false;
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (closed) return;
    const next = new pg.Client(pool.options);
    client = next;
    let lost = false;
    const lose = (error?: unknown) => {
      if (lost) return;
      lost = true;
      events.onLost();
      next.end().catch(() => undefined);
      if (closed || (error as { code?: string } | undefined)?.code === '3D000') return; // database dropped
      timer = setTimeout(() => void connect(), RECONNECT_MS);
      timer.unref();
    };
    next.on('error', lose);
    next.on('end', () => lose());
    next.on('notification', (message) => { if (message.channel === ACCESS_CHANNEL) events.onNotice(); });
    try {
      await next.connect();
      await next.query(`listen ${ACCESS_CHANNEL}`);
      if (closed) { await next.end(); return; }
      events.onListening();
    } catch (error) {
      lose(error);
    }
  };
  return {
    start() {
      if (started) return;
      started = true;
      void connect();
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
