/**
 * A small CRM built through the API itself: org tree HQ -> East -> two stores, a `lead` form, and the
 * roles of the permission matrix (store manager: its store's subtree; clerk: own rows, `secret` hidden,
 * may not set stage = won).
 */
import type { FormDefinition, RoleDefinition } from '@tangram/schema';
import type { FastifyInstance } from 'fastify';
import { call, createUser, type Session } from './test-app';

const label = (en: string) => ({ en, 'zh-CN': en });
const options = (...values: string[]) => values.map((value) => ({ value, label: label(value) }));

export const leadForm: FormDefinition = {
  schemaVersion: 1,
  key: 'lead',
  name: label('Lead'),
  fields: [
    { id: 'f1', key: 'name', kind: 'text', label: label('Name'), required: true, maxLength: 100 },
    { id: 'f2', key: 'channel', kind: 'select', label: label('Channel'), options: options('web', 'expo', 'street') },
    { id: 'f3', key: 'budget', kind: 'money', label: label('Budget') },
    { id: 'f4', key: 'stage', kind: 'select', label: label('Stage'), options: options('new', 'won', 'lost'), default: 'new' },
    { id: 'f5', key: 'phone', kind: 'phone', label: label('Phone'), region: 'cn-mobile' },
    { id: 'f6', key: 'secret', kind: 'text', label: label('Secret') },
    { id: 'f7', key: 'code', kind: 'autonumber', label: label('Code'), pattern: 'KH-{seq:4}' },
  ],
};

export const managerRole: RoleDefinition = {
  schemaVersion: 1,
  key: 'manager',
  name: label('Store manager'),
  grants: [{ form: 'lead', actions: ['create', 'read', 'update', 'delete', 'export'], scope: { kind: 'orgUnitTree' } }],
};

export const clerkRole: RoleDefinition = {
  schemaVersion: 1,
  key: 'clerk',
  name: label('Clerk'),
  grants: [{
    form: 'lead',
    actions: ['create', 'read', 'update'],
    scope: { kind: 'mine' },
    fieldRules: [{ field: 'secret', access: 'hidden' }],
    deniedValues: [{ field: 'stage', values: ['won'] }],
  }],
};

export interface Crm {
  readonly admin: Session;
  readonly manager1: Session;
  readonly manager2: Session;
  readonly clerkA: Session;
  readonly clerkB: Session;
}

async function ok(app: FastifyInstance, admin: Session, method: 'POST' | 'PUT', url: string, payload: unknown): Promise<unknown> {
  const res = await call(app, { method, url, headers: admin.headers, payload: payload as Record<string, unknown> });
  if (res.status >= 300) throw new Error(`${method} ${url} -> ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Builds the CRM (app `crm`, and an unrelated app `hr` with its own `lead` form) and its people. */
export async function buildCrm(app: FastifyInstance, admin: Session): Promise<Crm> {
  for (const unit of [
    { id: 'hq', parentId: null, kind: 'hq', name: label('HQ') },
    { id: 'east', parentId: 'hq', kind: 'region', name: label('East') },
    { id: 'sh01', parentId: 'east', kind: 'store', name: label('Shanghai 1') },
    { id: 'sh02', parentId: 'east', kind: 'store', name: label('Shanghai 2') },
  ]) await ok(app, admin, 'POST', '/api/org-units', unit);
  for (const key of ['crm', 'hr']) {
    await ok(app, admin, 'POST', '/api/apps', { schemaVersion: 1, key, name: label(key) });
    await ok(app, admin, 'POST', `/api/apps/${key}/forms`, leadForm);
    await ok(app, admin, 'POST', `/api/apps/${key}/forms/lead/publish`, {});
  }
  await ok(app, admin, 'PUT', '/api/apps/crm/roles/manager', managerRole);
  await ok(app, admin, 'PUT', '/api/apps/crm/roles/clerk', clerkRole);
  const people = {
    manager1: await createUser(app, admin, 'manager1@example.com'),
    manager2: await createUser(app, admin, 'manager2@example.com'),
    clerkA: await createUser(app, admin, 'clerk.a@example.com'),
    clerkB: await createUser(app, admin, 'clerk.b@example.com'),
  };
  const member = (s: Session, role: string, orgUnitId: string) => ok(app, admin, 'POST', '/api/apps/crm/members', { userId: s.userId, role, orgUnitId });
  await member(people.manager1, 'manager', 'sh01');
  await member(people.manager2, 'manager', 'sh02');
  await member(people.clerkA, 'clerk', 'sh01');
  await member(people.clerkB, 'clerk', 'sh01');
  return { admin, ...people };
}
