import type { FormDefinition, RoleDefinition } from '@tangram/schema';
import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrm, leadForm, type Crm } from '../testing/crm-fixture';
import { call, createTestApp, createUser, setupAdmin, type Session, type TestApp } from '../testing/test-app';

const FORM = '/api/apps/crm/forms/lead';
const label = (en: string) => ({ en, 'zh-CN': en });

/** Designs the lead form but reads only its own rows, and never sees `secret`. */
const designerRole: RoleDefinition = {
  schemaVersion: 1,
  key: 'designer',
  name: label('Designer'),
  appPermissions: ['design'],
  grants: [{ form: 'lead', actions: ['create', 'read'], scope: { kind: 'mine' }, fieldRules: [{ field: 'secret', access: 'hidden' }] }],
};

/** The draft under review: every kind of change the preview names. */
const draft: FormDefinition = {
  ...leadForm,
  fields: [
    ...leadForm.fields
      .filter((f) => f.key !== 'secret')
      .map((f) => {
        if (f.key === 'channel' && f.kind === 'select') return { ...f, options: f.options.filter((o) => o.value !== 'street') };
        if (f.key === 'phone') return { ...f, required: true };
        if (f.key === 'budget') return { id: f.id, key: 'budget', kind: 'number' as const, label: f.label };
        if (f.key === 'code') return { ...f, key: 'lead_no' };
        return f;
      }),
    { id: 'f8', key: 'email', kind: 'email', label: label('Email'), required: true },
  ],
};

describe.each(testDialects())('publish impact preview (%s)', (dialect) => {
  let t: TestApp;
  let crm: Crm;
  let designer: Session;

  const preview = (who: Session, form = FORM, locale = 'en') =>
    call(t.app, { method: 'POST', url: `${form}/publish/preview`, headers: { ...who.headers, 'accept-language': locale }, payload: {} });
  const create = async (who: Session, data: Record<string, unknown>) => {
    const res = await call(t.app, { method: 'POST', url: `${FORM}/records`, headers: who.headers, payload: { data } });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    crm = await buildCrm(t.app, await setupAdmin(t.app));
    designer = await createUser(t.app, crm.admin, 'designer@example.com');
    await call(t.app, { method: 'PUT', url: '/api/apps/crm/roles/designer', headers: crm.admin.headers, payload: designerRole });
    await call(t.app, { method: 'POST', url: '/api/apps/crm/members', headers: crm.admin.headers, payload: { userId: designer.userId, role: 'designer', orgUnitId: 'sh01' } });
    await create(crm.admin, { name: 'A', channel: 'street', phone: '13800138000', budget: '100', secret: 's' });
    await create(crm.admin, { name: 'B', channel: 'street' });
    await create(crm.admin, { name: 'C', channel: 'web', budget: '5' });
    await create(designer, { name: 'D', channel: 'street' });
    const saved = await call(t.app, { method: 'PUT', url: FORM, headers: crm.admin.headers, payload: draft });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  });
  afterAll(async () => t?.close());

  it('names every change with the records it touches, counted over the whole form', async () => {
    const res = await preview(crm.admin);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ fromVersion: 1, total: 4 });
    const byKind = Object.fromEntries(res.body.changes.map((c: { kind: string; field: string; affected: number }) => [`${c.kind}:${c.field}`, c.affected]));
    expect(byKind).toEqual({
      'optionRemoved:channel': 3,
      'kindChanged:budget': 2,
      'becameRequired:phone': 3,
      // Every record has an auto-number under the old key.
      'keyRenamed:lead_no': 4,
      'fieldAdded:email': 4,
      'fieldRemoved:secret': 1,
    });
    const option = res.body.changes.find((c: { kind: string }) => c.kind === 'optionRemoved');
    expect(option).toMatchObject({ values: ['street'], samples: expect.any(Array) });
    expect(option.samples).toHaveLength(3);
    for (const sample of option.samples) expect(sample.value).toBe('street');
    expect(option.message).toBe('Options street removed from "Channel": 3 records hold them; they keep the value and must choose another option when next edited.');
  });

  it('words what happens in the caller\'s language', async () => {
    const res = await preview(crm.admin, FORM, 'zh-CN');
    const added = res.body.changes.find((c: { kind: string }) => c.kind === 'fieldAdded');
    expect(added.message).toBe('新增必填字段“Email”：4 条已有记录没有值，仍可正常查看，下次编辑时需要填写。');
  });

  it('counts every row for a designer but samples only the rows and fields they may read', async () => {
    const res = await preview(designer);
    expect(res.status).toBe(200);
    const option = res.body.changes.find((c: { kind: string }) => c.kind === 'optionRemoved');
    expect(option.affected).toBe(3);
    expect(option.samples).toHaveLength(1);
    const removed = res.body.changes.find((c: { kind: string }) => c.kind === 'fieldRemoved');
    expect(removed).toMatchObject({ field: 'secret', affected: 1, samples: [] });
  });

  it('changes nothing: the published version stays the one records are written with', async () => {
    await preview(crm.admin);
    const latest = await call(t.app, { method: 'GET', url: `${FORM}/versions/latest`, headers: crm.admin.headers });
    expect(latest.body.version).toBe(1);
    expect(latest.body.body.fields.map((f: { key: string }) => f.key)).toContain('secret');
  });

  it('before the first publish there is nothing to touch', async () => {
    const fresh = { ...leadForm, key: 'visit', name: label('Visit') };
    await call(t.app, { method: 'POST', url: '/api/apps/crm/forms', headers: crm.admin.headers, payload: fresh });
    const res = await preview(crm.admin, '/api/apps/crm/forms/visit');
    expect(res.body).toEqual({ fromVersion: null, total: 0, changes: [] });
  });

  it('refuses callers without design, unknown forms and bodies with extra properties', async () => {
    const clerk = await preview(crm.clerkA);
    expect(clerk.status).toBe(403);
    expect(clerk.contentType).toContain('application/problem+json');
    expect((await preview(crm.admin, '/api/apps/crm/forms/nothing')).status).toBe(404);
    expect((await preview(crm.admin, '/api/apps/nowhere/forms/lead')).status).toBe(404);
    const extra = await call(t.app, { method: 'POST', url: `${FORM}/publish/preview`, headers: crm.admin.headers, payload: { note: 'x' } });
    expect(extra.status).toBe(400);
  });
});
