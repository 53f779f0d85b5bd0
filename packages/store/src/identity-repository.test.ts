import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleDefinition, User } from '@tangram/schema';
import type { Store } from './api';
import { testDialects } from './testing';
import { openTestStore } from './testing/test-store';

const NOW = new Date('2026-01-01T00:00:00Z');
const LATER = new Date('2026-01-02T00:00:00Z');

describe.each(testDialects())('identity on %s', (dialect) => {
  let store: Store;
  let clerk: User;
  let manager: User;
  let admin: User;
  const newUser = (email: string, isAdmin = false) => store.identity.createUser({ email, name: email, passwordHash: '$argon2id$x', locale: 'zh-CN', isAdmin });

  beforeAll(async () => {
    store = await openTestStore(dialect);
    admin = await newUser('admin@example.com', true);
    clerk = await newUser('clerk@example.com');
    manager = await newUser('manager@example.com');
    await store.identity.createOrgUnit({ id: 'hq', parentId: null, kind: 'hq', name: { en: 'HQ' } });
    await store.identity.createOrgUnit({ id: 'east', parentId: 'hq', kind: 'region', name: { en: 'East' } });
    await store.identity.createOrgUnit({ id: 'sh01', parentId: 'east', kind: 'store', name: { en: 'SH 01' } });
    await store.identity.createOrgUnit({ id: 'sh02', parentId: 'east', kind: 'store', name: { en: 'SH 02' } });
    await store.identity.createOrgUnit({ id: 'north', parentId: 'hq', kind: 'region', name: { en: 'North' } });
  });
  afterAll(async () => { await store?.close(); });

  it('finds users by email case-insensitively and refuses duplicates', async () => {
    expect(await store.identity.countUsers()).toBe(3);
    expect(await store.identity.findUserByEmail('CLERK@example.com')).toMatchObject({ id: clerk.id, passwordHash: '$argon2id$x', disabled: false });
    await expect(newUser('Clerk@Example.com')).rejects.toMatchObject({ code: 'ERR_CONFLICT', path: '/email' });
  });

  it('ends sessions at expiry and stops sessions and tokens of a disabled user at once', async () => {
    await store.identity.createSession(clerk.id, 'session-hash', LATER);
    await store.identity.createApiToken(clerk.id, 'ci', 'token-hash');
    expect(await store.identity.findSessionUser('session-hash', NOW)).toMatchObject({ id: clerk.id });
    expect(await store.identity.findSessionUser('session-hash', LATER)).toBeNull();
    expect(await store.identity.findTokenUser('token-hash')).toMatchObject({ id: clerk.id });
    await store.identity.setUserDisabled(clerk.id, true);
    expect(await store.identity.findSessionUser('session-hash', NOW)).toBeNull();
    expect(await store.identity.findTokenUser('token-hash')).toBeNull();
    await store.identity.setUserDisabled(clerk.id, false);
    expect(await store.identity.findTokenUser('token-hash')).toMatchObject({ id: clerk.id });
    await store.identity.deleteSession('session-hash');
    expect(await store.identity.findSessionUser('session-hash', NOW)).toBeNull();
  });

  it('creates a first user only while nobody exists, also when two attempts race', async () => {
    const fresh = await openTestStore(dialect);
    try {
      const attempt = (email: string) => fresh.identity.createFirstUser({ email, name: email, passwordHash: '$argon2id$x', locale: 'en', isAdmin: true });
      const results = await Promise.all([attempt('a@example.com'), attempt('b@example.com')]);
      expect(results.filter((user) => user !== null)).toHaveLength(1);
      expect(await fresh.identity.countUsers()).toBe(1);
      expect(await attempt('c@example.com')).toBeNull();
    } finally {
      await fresh.close();
    }
  });

  it('lists users by email', async () => {
    expect((await store.identity.listUsers()).map((u) => u.email)).toEqual(['admin@example.com', 'clerk@example.com', 'manager@example.com']);
  });

  it('grants app permissions through the roles a user holds in that app only', async () => {
    const designer: RoleDefinition = { schemaVersion: 1, key: 'designer', name: { en: 'Designer' }, appPermissions: ['design'], grants: [] };
    await store.identity.saveRole('studio', designer);
    await store.identity.saveRole('hr', designer);
    await store.identity.addMembership({ userId: manager.id, app: 'studio', role: 'designer', orgUnitId: 'sh01' });
    expect(await store.identity.appPermissions(manager, 'studio')).toEqual(['design']);
    expect(await store.identity.appPermissions(manager, 'hr')).toEqual([]);
    expect(await store.identity.appPermissions(clerk, 'studio')).toEqual([]);
    expect(await store.identity.appPermissions(admin, 'hr')).toEqual(['design', 'manageMembers', 'shareViews']);
  });

  it('lists org units as a tree and refuses unknown parents', async () => {
    expect((await store.identity.listOrgUnits()).map((u) => u.id)).toEqual(['hq', 'east', 'sh01', 'sh02', 'north']);
    await expect(store.identity.createOrgUnit({ id: 'x', parentId: 'nope', kind: 'store', name: { en: 'x' } })).rejects.toMatchObject({ code: 'ERR_NOT_FOUND', path: '/parentId' });
    await expect(store.identity.createOrgUnit({ id: 'a.b', parentId: null, kind: 'store', name: { en: 'x' } })).rejects.toMatchObject({ code: 'ERR_INVALID_VALUE' });
  });

  it('resolves roles and memberships into form access', async () => {
    const clerkRole: RoleDefinition = {
      schemaVersion: 1, key: 'clerk', name: { en: 'Clerk' },
      grants: [{ form: 'lead', actions: ['create', 'read', 'update'], scope: { kind: 'mine' }, fieldRules: [{ field: 'budget', access: 'readOnly' }, { field: 'cost', access: 'hidden' }], deniedValues: [{ field: 'stage', values: ['won'] }] }],
    };
    const managerRole: RoleDefinition = {
      schemaVersion: 1, key: 'manager', name: { en: 'Manager' },
      grants: [{ form: 'lead', actions: ['read', 'update', 'delete'], scope: { kind: 'orgUnitTree' }, fieldRules: [{ field: 'cost', access: 'hidden' }] }],
    };
    await store.identity.saveRole('crm', clerkRole);
    await store.identity.saveRole('crm', managerRole);
    expect((await store.identity.listRoles('crm')).map((r) => r.key)).toEqual(['clerk', 'manager']);
    await store.identity.addMembership({ userId: clerk.id, app: 'crm', role: 'clerk', orgUnitId: 'sh01' });
    await store.identity.addMembership({ userId: manager.id, app: 'crm', role: 'manager', orgUnitId: 'east' });
    await store.identity.addMembership({ userId: manager.id, app: 'crm', role: 'clerk', orgUnitId: 'east' });

    const asClerk = await store.identity.resolveAccess(clerk, 'crm', 'lead');
    expect([...asClerk.actions].sort()).toEqual(['create', 'read', 'update']);
    expect(asClerk.rowScopes.read).toEqual([{ kind: 'owner', userId: clerk.id }]);
    expect(asClerk.user).toEqual({ id: clerk.id, orgUnitIds: ['sh01'], isAdmin: false });
    expect([...asClerk.hiddenFields]).toEqual(['cost']);
    expect([...asClerk.readOnlyFields].sort()).toEqual(['budget', 'cost']);
    expect(asClerk.deniedValues.get('stage')).toEqual(['won']);

    // The manager also holds the clerk role: the union widens, never narrows.
    const asManager = await store.identity.resolveAccess(manager, 'crm', 'lead');
    expect([...asManager.actions].sort()).toEqual(['create', 'delete', 'read', 'update']);
    expect(asManager.rowScopes.read).toEqual([{ kind: 'orgUnits', orgUnitIds: ['east', 'sh01', 'sh02'] }, { kind: 'owner', userId: manager.id }]);
    expect(asManager.rowScopes.delete).toEqual([{ kind: 'orgUnits', orgUnitIds: ['east', 'sh01', 'sh02'] }]);
    expect([...asManager.hiddenFields]).toEqual(['cost']);
    expect([...asManager.readOnlyFields]).toEqual(['cost']);
    expect(asManager.deniedValues.size).toBe(0);

    const asAdmin = await store.identity.resolveAccess(admin, 'crm', 'lead');
    expect(asAdmin.rowScopes.delete).toEqual([{ kind: 'all' }]);
    expect(asAdmin.hiddenFields.size).toBe(0);
    expect((await store.identity.resolveAccess(clerk, 'crm', 'deal')).actions.size).toBe(0);
    expect((await store.identity.resolveAccess(null, 'crm', 'lead')).actions.size).toBe(0);
    expect((await store.identity.resolveAccess({ ...clerk, disabled: true }, 'crm', 'lead')).actions.size).toBe(0);
  });
});
