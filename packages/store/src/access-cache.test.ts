import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RoleDefinition, User } from '@tangram/schema';
import type { Store } from './api';
import { createStoreFromHandle } from './create-store';
import { openDatabase } from './database';
import { testDialects } from './testing';
import { leadForm, openTestStore, publishForm, SYSTEM_ACTOR } from './testing/test-store';

const NOW = new Date('2026-03-01T08:00:00Z');
const EXPIRES = new Date('2026-03-02T08:00:00Z');
const clerkRole = (actions: RoleDefinition['grants'][number]['actions']): RoleDefinition => ({
  schemaVersion: 1, key: 'clerk', name: { en: 'Clerk' }, grants: [{ form: 'lead', actions, scope: { kind: 'mine' } }],
});

/** Waits for a notification from another connection to arrive (bounded; no fixed sleep). */
const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 5_000, interval: 20 });

describe.each(testDialects())('cached credentials, access and form versions on %s', (dialect) => {
  let store: Store;
  let clerk: User;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    clerk = await store.identity.createUser({ email: 'clerk@example.com', name: 'Clerk', passwordHash: '$argon2id$x', locale: 'zh-CN', isAdmin: false });
    await store.identity.createSession(clerk.id, 'session-1', EXPIRES);
    await store.identity.createApiToken(clerk.id, 'ci', 'token-1');
    await publishForm(store, 'crm', leadForm());
    await store.identity.saveRole('crm', clerkRole(['create']));
    await store.identity.addMembership({ userId: clerk.id, app: 'crm', role: 'clerk', orgUnitId: null });
  });
  afterAll(async () => { await store?.close(); });

  it('cuts a disabled user off at the next lookup, also when the lookup was cached', async () => {
    expect(await store.identity.findTokenUser('token-1')).toMatchObject({ id: clerk.id });
    expect(await store.identity.findSessionUser('session-1', NOW)).toMatchObject({ id: clerk.id });
    await store.identity.setUserDisabled(clerk.id, true);
    expect(await store.identity.findTokenUser('token-1')).toBeNull();
    expect(await store.identity.findSessionUser('session-1', NOW)).toBeNull();
    await store.identity.setUserDisabled(clerk.id, false);
    expect(await store.identity.findTokenUser('token-1')).toMatchObject({ id: clerk.id });
  });

  it('still ends a cached session at its expiry', async () => {
    expect(await store.identity.findSessionUser('session-1', NOW)).toMatchObject({ id: clerk.id });
    expect(await store.identity.findSessionUser('session-1', EXPIRES)).toBeNull();
  });

  it('applies a role change and a new publish to the next request', async () => {
    expect([...(await store.identity.resolveAccess(clerk, 'crm', 'lead')).actions]).toEqual(['create']);
    await store.identity.saveRole('crm', clerkRole(['create', 'read']));
    expect([...(await store.identity.resolveAccess(clerk, 'crm', 'lead')).actions].sort()).toEqual(['create', 'read']);
    const before = await store.definitions.latestPublishedVersion('crm', 'form', 'lead');
    await store.definitions.saveDraft(SYSTEM_ACTOR, 'crm', 'form', 'lead', leadForm([{ id: 'f99', key: 'note', kind: 'text', label: { en: 'Note' } }]));
    await store.definitions.publish(SYSTEM_ACTOR, 'crm', 'form', 'lead');
    expect(await store.definitions.latestPublishedVersion('crm', 'form', 'lead')).toBe(before! + 1);
  });

  it('hears changes made outside its repositories (plain SQL, as another process would)', async () => {
    expect(await store.identity.findTokenUser('token-1')).toMatchObject({ id: clerk.id });
    await sql`update users set disabled = true where id = ${clerk.id}`.execute(store.handle.db);
    await eventually(async () => expect(await store.identity.findTokenUser('token-1')).toBeNull());
    await sql`update users set disabled = false where id = ${clerk.id}`.execute(store.handle.db);
    await eventually(async () => expect(await store.identity.findTokenUser('token-1')).toMatchObject({ id: clerk.id }));
  });

  it('hears another store on the same database (another server process on PostgreSQL)', async () => {
    // PGlite is one in-process database: a second store on the same handle is the closest thing to a peer.
    const separate = store.handle.pool ? await openDatabase({ url: store.handle.pool.options.connectionString!, poolSize: 2 }) : null;
    const other = createStoreFromHandle(separate ?? store.handle);
    try {
      expect([...(await store.identity.resolveAccess(clerk, 'crm', 'lead')).actions].sort()).toEqual(['create', 'read']);
      await other.identity.saveRole('crm', clerkRole(['read']));
      await eventually(async () => expect([...(await store.identity.resolveAccess(clerk, 'crm', 'lead')).actions]).toEqual(['read']));
      const version = await store.definitions.latestPublishedVersion('crm', 'form', 'lead');
      await other.definitions.publish(SYSTEM_ACTOR, 'crm', 'form', 'lead');
      await eventually(async () => expect(await store.definitions.latestPublishedVersion('crm', 'form', 'lead')).toBe(version! + 1));
    } finally {
      if (separate) await other.close();
    }
  });
});
