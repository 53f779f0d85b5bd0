/**
 * A real server on a real, fresh store of one dialect, for `inject` tests. No mocks: the store is the
 * same code production runs, on PGlite or on the PostgreSQL named by TEST_DATABASE_URL.
 */
import { createStoreFromHandle, type DialectName, type Store } from '@tangram/store';
import { openTestDatabase } from '@tangram/store/testing';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildAppOptions } from '../app';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: Store;
  /** The clock the server reads; tests move it forward instead of sleeping. */
  readonly clock: { now: Date };
  close(): Promise<void>;
}

export async function createTestApp(dialect: DialectName, options: Partial<BuildAppOptions> = {}): Promise<TestApp> {
  const handle = await openTestDatabase(dialect);
  const clock = { now: new Date('2026-03-02T09:00:00.000Z') };
  const store = createStoreFromHandle(handle, { now: () => clock.now });
  await store.migrate();
  const app = await buildApp({ store, now: () => clock.now, ...options });
  await app.ready();
  return {
    app,
    store,
    clock,
    async close() {
      await app.close();
      await store.close();
      await handle.close().catch(() => undefined);
    },
  };
}

export interface Session {
  readonly token: string;
  readonly userId: string;
  /** `Authorization` header for `inject`. */
  readonly headers: { readonly authorization: string };
}

/** Runs first-run setup and returns the admin's session. */
export async function setupAdmin(app: FastifyInstance, email = 'admin@example.com', password = 'correct horse'): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/setup', payload: { email, password, name: 'Admin', locale: 'en' } });
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  return sessionOf(res);
}

export async function login(app: FastifyInstance, email: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return sessionOf(res);
}

/** Creates a user as the admin and signs them in. */
export async function createUser(app: FastifyInstance, admin: Session, email: string, password = 'password-123'): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { email, password, name: email.split('@')[0], locale: 'en' } });
  if (res.statusCode !== 201) throw new Error(`create user failed: ${res.statusCode} ${res.body}`);
  return login(app, email, password);
}

function sessionOf(res: LightMyRequestResponse): Session {
  const body = res.json() as { token: string; user: { id: string } };
  return { token: body.token, userId: body.user.id, headers: { authorization: `Bearer ${body.token}` } };
}

/** `inject` with a JSON body, asserting nothing: returns status, parsed body and content type. */
export async function call(app: FastifyInstance, options: InjectOptions): Promise<{ status: number; body: any; contentType: string }> {
  const res = await app.inject(options);
  const contentType = String(res.headers['content-type'] ?? '');
  let body: unknown = res.body;
  if (contentType.includes('json') && res.body) body = JSON.parse(res.body);
  return { status: res.statusCode, body, contentType };
}
