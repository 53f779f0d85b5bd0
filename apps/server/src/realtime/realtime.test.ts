import { createStoreFromHandle, openDatabase, type Store } from '@tangram/store';
import { testDialects } from '@tangram/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../app';
import { buildCrm, type Crm } from '../testing/crm-fixture';
import { call, createTestApp, setupAdmin, type Session, type TestApp } from '../testing/test-app';

const LEADS = '/api/apps/crm/forms/lead/records';

interface Message { type: string; topic?: string; data?: any; code?: string; message?: string; path?: string }

/** A real websocket client whose messages are read in order: `next()` waits for the next one. */
class Client {
  private readonly arrived: Message[] = [];
  private readonly waiting: ((m: Message) => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as Message;
      const waiter = this.waiting.shift();
      if (waiter) waiter(message);
      else this.arrived.push(message);
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.opened = new Promise((resolve, reject) => { socket.once('open', () => resolve()); socket.once('error', reject); });
  }

  next(): Promise<Message> {
    const first = this.arrived.shift();
    if (first) return Promise.resolve(first);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** The next message, or null when none arrives within `ms` (a quiet spell). */
  async nextWithin(ms: number): Promise<Message | null> {
    const first = this.arrived.shift();
    if (first) return first;
    return new Promise((resolve) => {
      const waiter = (m: Message) => { clearTimeout(timer); resolve(m); };
      const timer = setTimeout(() => { this.waiting.splice(this.waiting.indexOf(waiter), 1); resolve(null); }, ms);
      this.waiting.push(waiter);
    });
  }

  send(value: unknown): void {
    this.socket.send(typeof value === 'string' ? value : JSON.stringify(value));
  }

  async subscribe(topic: string): Promise<Message> {
    this.send({ type: 'subscribe', topic });
    return this.next();
  }

  close(): void {
    this.socket.close();
  }
}

function socketUrl(app: FastifyInstance, query = ''): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `ws://127.0.0.1:${address.port}/api/ws${query}`;
}

async function connect(app: FastifyInstance, who: Session | null, options: { query?: string; headers?: Record<string, string>; autoPong?: boolean } = {}): Promise<Client> {
  const headers = { ...(who ? who.headers : {}), ...options.headers };
  const client = new Client(new WebSocket(socketUrl(app, options.query), { headers, autoPong: options.autoPong ?? true }));
  await client.opened;
  return client;
}

describe.each(testDialects())('realtime websocket on %s', (dialect) => {
  let t: TestApp;
  let crm: Crm;
  const clients: Client[] = [];
  const open = async (...args: Parameters<typeof connect>) => {
    const client = await connect(...args);
    clients.push(client);
    return client;
  };
  const create = async (who: Session, data: Record<string, unknown>) => {
    const res = await call(t.app, { method: 'POST', url: LEADS, headers: who.headers, payload: { data } });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };

  beforeAll(async () => {
    // Not shorter: PGlite runs queries on the main thread, and a pong can wait behind a long one.
    t = await createTestApp(dialect, { realtime: { heartbeatMs: 2000, flushMs: 30, batchMs: 10 } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    crm = await buildCrm(t.app, await setupAdmin(t.app));
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t?.close();
  });

  it('sends a subscriber of a form the records created in it: ids and versions, no field values', async () => {
    const manager = await open(t.app, crm.manager1);
    expect(await manager.subscribe('form:crm/lead')).toEqual({ type: 'subscribed', topic: 'form:crm/lead' });
    const record = await call(t.app, { method: 'POST', url: LEADS, headers: crm.admin.headers, payload: { data: { name: 'Wang', secret: 'vault-code-881' }, orgUnitId: 'sh01' } }).then((res) => res.body as { id: string });
    const event = await manager.next();
    expect(event).toEqual({ type: 'event', topic: 'form:crm/lead', data: { changes: [{ id: record.id, kind: 'created', version: 1 }], refetch: false } });
    expect(JSON.stringify(event)).not.toContain('vault-code-881');
  });

  it("does not tell a clerk scoped to their own records about another clerk's record", async () => {
    const clerkB = await open(t.app, crm.clerkB);
    await clerkB.subscribe('form:crm/lead');
    const others = await create(crm.clerkA, { name: 'Not yours' });
    const own = await create(crm.clerkB, { name: 'Yours' });
    // The next event B gets lists only B's own record: A's never reached this socket.
    const event = await clerkB.next();
    expect(event.data.changes).toEqual([{ id: own.id, kind: 'created', version: 1 }]);
    expect(JSON.stringify(event)).not.toContain(`"${others.id}"`);
  });

  it('follows one record: an update arrives with the new version; a record the user cannot see is not found', async () => {
    const clerkA = await open(t.app, crm.clerkA, { headers: { 'accept-language': 'zh-CN' } });
    await clerkA.subscribe('form:crm/lead');
    const record = await create(crm.clerkA, { name: 'Follow me' });
    // Its creation has gone by before the record is followed, so the next event is the update.
    expect((await clerkA.next()).data.changes).toEqual([{ id: record.id, kind: 'created', version: 1 }]);
    clerkA.send({ type: 'unsubscribe', topic: 'form:crm/lead' });
    await clerkA.next();
    expect(await clerkA.subscribe(`record:crm/lead/${record.id}`)).toMatchObject({ type: 'subscribed' });
    const res = await call(t.app, { method: 'PATCH', url: `${LEADS}/${record.id}`, headers: crm.clerkA.headers, payload: { version: 1, data: { name: 'Followed' } } });
    expect(res.status).toBe(200);
    expect(await clerkA.next()).toEqual({ type: 'event', topic: `record:crm/lead/${record.id}`, data: { id: record.id, kind: 'updated', version: 2 } });

    const clerkB = await open(t.app, crm.clerkB, { headers: { 'accept-language': 'zh-CN' } });
    const refused = await clerkB.subscribe(`record:crm/lead/${record.id}`);
    expect(refused).toMatchObject({ type: 'error', topic: `record:crm/lead/${record.id}`, code: 'ERR_NOT_FOUND', path: '/topic' });
    expect(refused.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses malformed frames and topics, forms without access, and answers in the caller language', async () => {
    const clerk = await open(t.app, crm.clerkA, { headers: { 'accept-language': 'en' } });
    clerk.send('not json');
    expect(await clerk.next()).toMatchObject({ type: 'error', code: 'ERR_BAD_REQUEST', path: '' });
    clerk.send({ type: 'shout', topic: 'form:crm/lead' });
    expect(await clerk.next()).toMatchObject({ type: 'error', code: 'ERR_BAD_REQUEST', path: '/type' });
    expect(await clerk.subscribe('dashboard:crm/main')).toMatchObject({ type: 'error', topic: 'dashboard:crm/main', code: 'ERR_BAD_REQUEST', path: '/topic', message: 'The request is not valid' });
    // Clerks hold no role in the hr app: its form does not exist for them.
    expect(await clerk.subscribe('form:hr/lead')).toMatchObject({ type: 'error', code: 'ERR_NOT_FOUND' });
    expect(await clerk.subscribe('form:crm/lead')).toMatchObject({ type: 'subscribed' });
    clerk.send({ type: 'unsubscribe', topic: 'form:crm/lead' });
    expect(await clerk.next()).toEqual({ type: 'unsubscribed', topic: 'form:crm/lead' });
  });

  it('closes a socket without a valid credential with 4401, and one opened by another site with a cookie with 4403', async () => {
    expect((await (await open(t.app, null)).closed).code).toBe(4401);
    expect((await (await open(t.app, null, { query: '?token=wrong' })).closed).code).toBe(4401);
    const byQuery = await open(t.app, null, { query: `?token=${crm.manager1.token}` });
    expect(await byQuery.subscribe('form:crm/lead')).toMatchObject({ type: 'subscribed' });
    const crossSite = await open(t.app, null, { headers: { cookie: `tangram_session=${crm.manager1.token}`, origin: 'https://evil.example' } });
    expect((await crossSite.closed).code).toBe(4403);
    const sameSite = await open(t.app, null, { headers: { cookie: `tangram_session=${crm.manager1.token}`, origin: `http://${new URL(socketUrl(t.app)).host}` } });
    expect(await sameSite.subscribe('form:crm/lead')).toMatchObject({ type: 'subscribed' });
  });

  it('answers a plain GET (no websocket upgrade) with a problem document', async () => {
    const res = await call(t.app, { method: 'GET', url: '/api/ws', headers: crm.manager1.headers });
    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'ERR_BAD_REQUEST', errors: [{ path: '/headers/upgrade' }] });
  });

  it('pushes job progress published by server code only to the users it names', async () => {
    const clerkA = await open(t.app, crm.clerkA);
    const clerkB = await open(t.app, crm.clerkB);
    await clerkA.subscribe('job:import-1');
    await clerkB.subscribe('job:import-1');
    await t.app.hub.publish('job:import-1', { processed: 400, total: 1000 }, { users: [crm.clerkA.userId] });
    expect(await clerkA.next()).toEqual({ type: 'event', topic: 'job:import-1', data: { processed: 400, total: 1000 } });
    await t.app.hub.publish('job:import-1', { processed: 1000, total: 1000 }, { users: [crm.clerkB.userId] });
    // B's first event is the one naming B: the one for A never reached B.
    expect(await clerkB.next()).toEqual({ type: 'event', topic: 'job:import-1', data: { processed: 1000, total: 1000 } });
    await expect(t.app.hub.publish('nonsense', {})).rejects.toThrow(TypeError);
  });

  it('coalesces a 1,000-row import into a few messages per socket, then lists single changes again', async () => {
    const manager = await open(t.app, crm.manager1);
    await manager.subscribe('form:crm/lead');
    for (let chunk = 0; chunk < 10; chunk++) {
      const res = await call(t.app, { method: 'POST', url: `${LEADS}/batch`, headers: crm.admin.headers, payload: { records: Array.from({ length: 100 }, (_, i) => ({ data: { name: `Row ${chunk}-${i}` }, orgUnitId: 'sh01' })) } });
      expect(res.status).toBe(201);
    }
    // The burst, until a quiet spell well past the flush window: either lists of what was created, or
    // "refetch" once a burst is too long to list.
    let messages = 0;
    for (let event: Message | null = await manager.next(); event; event = await manager.nextWithin(1_500)) {
      messages++;
      expect(event.data.refetch || event.data.changes.every((c: { kind: string }) => c.kind === 'created')).toBe(true);
    }
    expect(messages).toBeLessThanOrEqual(12);
    expect(messages).toBeGreaterThanOrEqual(1);
    // After it, a single change is listed by id again.
    const fence = await create(crm.manager1, { name: 'After the import' });
    const after = await manager.next();
    expect(after.data).toMatchObject({ refetch: false, changes: [expect.objectContaining({ id: fence.id, kind: 'created' })] });
  });

  it('closes the sockets of a user the moment they are disabled, and a session logged out', async () => {
    const user = await (async () => {
      const res = await call(t.app, { method: 'POST', url: '/api/users', headers: crm.admin.headers, payload: { email: 'temp@example.com', password: 'password-123', name: 'Temp', locale: 'en' } });
      return res.body as { id: string };
    })();
    const login = async () => {
      const res = await call(t.app, { method: 'POST', url: '/api/auth/login', payload: { email: 'temp@example.com', password: 'password-123' } });
      return { token: res.body.token as string, userId: user.id, headers: { authorization: `Bearer ${res.body.token}` } };
    };
    const first = await login();
    const second = await login();
    const a = await open(t.app, first);
    const b = await open(t.app, second);
    expect(await a.subscribe('job:x')).toMatchObject({ type: 'subscribed' });
    expect(await b.subscribe('job:x')).toMatchObject({ type: 'subscribed' });
    expect((await call(t.app, { method: 'POST', url: '/api/auth/logout', headers: first.headers })).status).toBe(204);
    expect((await a.closed).code).toBe(4401);
    expect((await call(t.app, { method: 'PATCH', url: `/api/users/${user.id}`, headers: crm.admin.headers, payload: { disabled: true } })).status).toBe(200);
    expect((await b.closed).code).toBe(4401);
  });

  it('drops a socket that stops answering heartbeats', async () => {
    const silent = await open(t.app, crm.manager1, { autoPong: false });
    expect((await silent.closed).code).toBe(1006);
  });
});

describe.runIf(testDialects().includes('postgres'))('realtime across two server processes on postgres', () => {
  let t: TestApp;
  let otherStore: Store;
  let other: FastifyInstance;
  let crm: Crm;

  beforeAll(async () => {
    t = await createTestApp('postgres');
    crm = await buildCrm(t.app, await setupAdmin(t.app));
    otherStore = createStoreFromHandle(await openDatabase({ url: t.store.handle.pool!.options.connectionString!, poolSize: 2 }));
    other = await buildApp({ store: otherStore, now: () => t.clock.now, realtime: { flushMs: 30, batchMs: 10 } });
    await other.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await other?.close();
    await otherStore?.close();
    await t?.close();
  });

  it('pushes a record written through one process to a socket open on the other', async () => {
    const manager = await connect(other, crm.manager1);
    expect(await manager.subscribe('form:crm/lead')).toMatchObject({ type: 'subscribed' });
    const res = await call(t.app, { method: 'POST', url: LEADS, headers: crm.clerkA.headers, payload: { data: { name: 'Far away' } } });
    expect(res.status).toBe(201);
    expect(await manager.next()).toEqual({ type: 'event', topic: 'form:crm/lead', data: { changes: [{ id: res.body.id, kind: 'created', version: 1 }], refetch: false } });
    await t.app.hub.publish('job:far', { done: true });
    await manager.subscribe('job:far').then(async (ack) => {
      expect(ack).toMatchObject({ type: 'subscribed' });
      await t.app.hub.publish('job:far', { done: true });
      expect(await manager.next()).toEqual({ type: 'event', topic: 'job:far', data: { done: true } });
    });
    manager.close();
  });
});
