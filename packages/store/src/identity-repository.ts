import { sql, type Kysely } from 'kysely';
import { APP_PERMISSIONS, type Locale, type OrgUnit, type RoleDefinition, type User } from '@tangram/schema';
import type { IdentityRepository } from './api';
import { StoreError } from './errors';
import { resolveFormAccess } from './resolve-access';
import { isUniqueViolation } from './sql-util';

interface UserRow { id: string; email: string; name: string; password_hash: string; locale: Locale; is_admin: boolean; disabled: boolean }

function toUser(row: UserRow): User {
  return Object.freeze({ id: row.id, email: row.email, name: row.name, locale: row.locale, isAdmin: row.is_admin, disabled: row.disabled });
}

/** Advisory lock key for first-run user creation (any constant unique to this purpose). */
const FIRST_USER_LOCK = 7_461_001;

const ORG_UNIT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Users, sessions, API tokens, org units, roles and memberships. Secrets never reach this table in clear:
 * the server hashes passwords (argon2) and session/token secrets (SHA-256) before calling in. Lookups by
 * session or token skip disabled users, so disabling a user ends every session and token at once.
 */
export function createIdentityRepository(db: Kysely<any>): IdentityRepository {
  const activeUser = (rows: UserRow[]) => (rows[0] ? toUser(rows[0]) : null);
  return {
    async countUsers() {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('c')).executeTakeFirstOrThrow();
      return Number(row.c);
    },
    async createUser(input) {
      try {
        const row = await db.insertInto('users').values({
          email: input.email, name: input.name, password_hash: input.passwordHash, locale: input.locale, is_admin: input.isAdmin,
        }).returningAll().executeTakeFirstOrThrow();
        return toUser(row as UserRow);
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreError('ERR_CONFLICT', 'a user with this email exists', { path: '/email', params: { email: input.email } });
        throw error;
      }
    },
    async createFirstUser(input) {
      // Two first-run requests racing must not both become admin: the lock serialises them, and the count
      // runs after it, on a snapshot that sees the other's committed user.
      return db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${FIRST_USER_LOCK})`.execute(trx);
        const existing = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
        if (existing) return null;
        const row = await trx.insertInto('users').values({
          email: input.email, name: input.name, password_hash: input.passwordHash, locale: input.locale, is_admin: input.isAdmin,
        }).returningAll().executeTakeFirstOrThrow();
        return toUser(row as UserRow);
      });
    },
    async findUserByEmail(email) {
      const row = await db.selectFrom('users').selectAll().where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
      return row ? Object.freeze({ ...toUser(row as UserRow), passwordHash: (row as UserRow).password_hash }) : null;
    },
    async getUser(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUser(row as UserRow) : null;
    },
    async listUsers() {
      const rows = await db.selectFrom('users').selectAll().orderBy('email').execute();
      return rows.map((row) => toUser(row as UserRow));
    },
    async setUserDisabled(id, disabled) {
      const result = await db.updateTable('users').set({ disabled }).where('id', '=', id).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new StoreError('ERR_NOT_FOUND', `user ${id} not found`, { params: { id } });
    },
    async createSession(userId, tokenHash, expiresAt) {
      await db.insertInto('sessions').values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt }).execute();
    },
    async findSessionUser(tokenHash, now) {
      const rows = await db.selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.user_id').selectAll('u')
        .where('s.token_hash', '=', tokenHash).where('s.expires_at', '>', now).where('u.disabled', '=', false).execute();
      return activeUser(rows as UserRow[]);
    },
    async deleteSession(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    async createApiToken(userId, name, tokenHash) {
      const row = await db.insertInto('api_tokens').values({ user_id: userId, name, token_hash: tokenHash }).returning('id').executeTakeFirstOrThrow();
      return { id: row.id as string };
    },
    async findTokenUser(tokenHash) {
      const rows = await db.selectFrom('api_tokens as t').innerJoin('users as u', 'u.id', 't.user_id').selectAll('u')
        .where('t.token_hash', '=', tokenHash).where('u.disabled', '=', false).execute();
      return activeUser(rows as UserRow[]);
    },
    async createOrgUnit(unit) {
      const id = unit.id ?? crypto.randomUUID();
      if (!ORG_UNIT_ID.test(id)) throw new StoreError('ERR_INVALID_VALUE', 'an org unit id is letters, digits, _ and -', { path: '/id', params: { id } });
      let path = id;
      if (unit.parentId !== null) {
        const parent = await db.selectFrom('org_units').select('path').where('id', '=', unit.parentId).executeTakeFirst();
        if (!parent) throw new StoreError('ERR_NOT_FOUND', `parent org unit ${unit.parentId} not found`, { path: '/parentId', params: { id: unit.parentId } });
        path = `${parent.path}.${id}`;
      }
      try {
        await db.insertInto('org_units').values({ id, parent_id: unit.parentId, kind: unit.kind, name: JSON.stringify(unit.name), path }).execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreError('ERR_CONFLICT', `org unit ${id} exists`, { path: '/id', params: { id } });
        throw error;
      }
      return Object.freeze({ id, parentId: unit.parentId, kind: unit.kind, name: unit.name });
    },
    async listOrgUnits() {
      const rows = await db.selectFrom('org_units').select(['id', 'parent_id', 'kind', 'name']).orderBy('path').execute();
      return rows.map((r) => Object.freeze({ id: r.id, parentId: r.parent_id, kind: r.kind, name: r.name }) as OrgUnit);
    },
    async saveRole(app, role: RoleDefinition) {
      await db.insertInto('roles').values({ app, key: role.key, body: JSON.stringify(role) })
        .onConflict((oc) => oc.columns(['app', 'key']).doUpdateSet({ body: JSON.stringify(role) })).execute();
    },
    async listRoles(app) {
      const rows = await db.selectFrom('roles').select('body').where('app', '=', app).orderBy('key').execute();
      return rows.map((r) => r.body as RoleDefinition);
    },
    async addMembership(input) {
      await sql`
        insert into memberships (user_id, app, role, org_unit_id) values (${input.userId}, ${input.app}, ${input.role}, ${input.orgUnitId})
        on conflict do nothing`.execute(db);
    },
    async appPermissions(user, app) {
      if (user.isAdmin) return APP_PERMISSIONS;
      if (user.disabled) return [];
      const rows = await db.selectFrom('memberships as m').innerJoin('roles as r', (join) => join.onRef('r.app', '=', 'm.app').onRef('r.key', '=', 'm.role'))
        .select('r.body').where('m.user_id', '=', user.id).where('m.app', '=', app).execute();
      const granted = new Set(rows.flatMap((row) => (row.body as RoleDefinition).appPermissions ?? []));
      return APP_PERMISSIONS.filter((permission) => granted.has(permission));
    },
    resolveAccess: (user, app, form) => resolveFormAccess(db, user, app, form),
  };
}
