import type { FormDefinition } from '@tangram/schema';
import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadForm } from '../testing/crm-fixture';
import { call, createTestApp, setupAdmin, type Session, type TestApp } from '../testing/test-app';

const FORM = '/api/apps/crm/forms/lead';
const label = (en: string) => ({ en, 'zh-CN': en });

/** The lead form split over two tabs: the engine, the publish path and its impact preview ignore them. */
const tabbed: FormDefinition = {
  ...leadForm,
  layout: [
    { id: 's1', title: label('Contact'), columns: 2, fields: ['name', 'phone', 'channel'] },
    { id: 's2', title: label('Deal'), fields: ['budget', 'stage'] },
    { id: 's3', title: label('Internal'), fields: ['secret', 'code'] },
  ],
  tabs: [
    { id: 't1', title: label('Lead'), sections: ['s1'] },
    { id: 't2', title: label('Deal'), sections: ['s3', 's2'] },
  ],
};

describe.each(testDialects())('form tabs over the API (%s)', (dialect) => {
  let t: TestApp;
  let admin: Session;
  const put = (body: object, locale = 'en') => call(t.app, { method: 'PUT', url: FORM, headers: { ...admin.headers, 'accept-language': locale }, payload: body });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupAdmin(t.app);
    await call(t.app, { method: 'POST', url: '/api/apps', headers: admin.headers, payload: { schemaVersion: 1, key: 'crm', name: label('CRM') } });
    const created = await call(t.app, { method: 'POST', url: '/api/apps/crm/forms', headers: admin.headers, payload: leadForm });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const published = await call(t.app, { method: 'POST', url: `${FORM}/publish`, headers: admin.headers, payload: {} });
    expect(published.status).toBe(201);
    const record = await call(t.app, { method: 'POST', url: `${FORM}/records`, headers: admin.headers, payload: { data: { name: 'Ann', channel: 'web' } } });
    expect(record.status).toBe(201);
  });
  afterAll(async () => t?.close());

  it('refuses a bad tab layout with every problem by path, in the caller\'s language, and keeps the draft', async () => {
    const before = await call(t.app, { method: 'GET', url: FORM, headers: admin.headers });
    const bad = {
      ...tabbed,
      tabs: [
        { id: 't1', title: { en: '  ' }, sections: ['s1', 'ghost'] },
        { id: 't1', title: label('Deal'), sections: ['s2', 's1'] },
      ],
    };
    const res = await put(bad, 'zh-CN');
    expect(res.status).toBe(422);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)).toEqual([
      '/tabs/0/title localizedTextEmpty',
      '/tabs/0/sections/1 unknownSectionReference',
      '/tabs/1/id duplicateId',
      '/tabs/1/sections/1 sectionInTwoTabs',
      '/layout/2/id sectionWithoutTab',
    ]);
    expect(res.body.errors[1].message).toBe('引用了不存在的分组“ghost”');
    expect(res.body.errors[3].message).toBe('分组“s1”已在标签页“t1”中');
    // The shape is checked first: a tab without a title never reaches the semantic checks.
    const shapeless = await put({ ...tabbed, tabs: [{ id: 't1', sections: ['s1', 's2', 's3'] }] });
    expect(shapeless.status).toBe(422);
    expect(shapeless.body.errors).toEqual([expect.objectContaining({ path: '/tabs/0/title', code: 'required', message: 'Required' })]);
    const after = await call(t.app, { method: 'GET', url: FORM, headers: admin.headers });
    expect(after.body.body).toEqual(before.body.body);
  });

  it('saves and publishes tabs; the impact preview and the records do not care about them', async () => {
    const saved = await put(tabbed);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.body.tabs).toEqual(tabbed.tabs);
    const preview = await call(t.app, { method: 'POST', url: `${FORM}/publish/preview`, headers: admin.headers, payload: {} });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ fromVersion: 1, total: 1, changes: [] });
    const published = await call(t.app, { method: 'POST', url: `${FORM}/publish`, headers: admin.headers, payload: { note: 'tabs' } });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: 2, body: { tabs: tabbed.tabs } });
    // A required field still refuses a record, whichever tab it sits on.
    const refused = await call(t.app, { method: 'POST', url: `${FORM}/records`, headers: admin.headers, payload: { data: { budget: '10' } } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/data/name', code: 'required' })]);
    const created = await call(t.app, { method: 'POST', url: `${FORM}/records`, headers: admin.headers, payload: { data: { name: 'Bo', budget: '10' } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ formVersion: 2, data: { name: 'Bo', budget: '10.00', stage: 'new' } });
  });
});
