import type { FormDefinition } from '@tangram/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './api';
import { accessWith, fullAccess, openTestStore, publishForm, SYSTEM_ACTOR } from './testing/test-store';
import { testDialects } from './testing';

const form: FormDefinition = {
  schemaVersion: 1,
  key: 'lead',
  name: { en: 'Lead' },
  fields: [
    { id: 'f1', key: 'name', kind: 'text', label: { en: 'Name' } },
    { id: 'f2', key: 'phone', kind: 'phone', label: { en: 'Phone' }, unique: true },
  ],
};

describe.each(testDialects())('finding records by field values on %s', (dialect) => {
  let store: Store;
  let version: number;
  beforeAll(async () => {
    store = await openTestStore(dialect);
    version = await publishForm(store, 'crm', form);
    const records = store.records('crm', 'lead');
    await records.createMany(SYSTEM_ACTOR, fullAccess('crm', 'lead', 'u1'), version, [
      { data: { name: 'Ann', phone: '13800138000' }, ownerId: 'u1' },
      { data: { name: 'Bob', phone: '13900139000' }, ownerId: 'u2' },
      { data: { name: 'Cy', phone: '13700137000' }, ownerId: 'u1' },
    ]);
  });
  afterAll(async () => { await store?.close(); });

  it('answers only the values asked for, only from rows the caller may read', async () => {
    const records = store.records('crm', 'lead');
    const all = await records.findByValues(fullAccess('crm', 'lead'), 'phone', ['13800138000', '13900139000', '13600136000']);
    expect(all.map((r) => r.data.name)).toEqual(['Ann', 'Bob']);
    const mine = accessWith('crm', 'lead', { userId: 'u1', scope: { kind: 'owner', userId: 'u1' } });
    expect((await records.findByValues(mine, 'phone', ['13800138000', '13900139000'])).map((r) => r.data.name)).toEqual(['Ann']);
    expect(await records.findByValues(fullAccess('crm', 'lead'), 'phone', [])).toEqual([]);
  });

  it('refuses a hidden field and oversized batches', async () => {
    const records = store.records('crm', 'lead');
    const hidden = accessWith('crm', 'lead', { hidden: ['phone'] });
    await expect(records.findByValues(hidden, 'phone', ['13800138000'])).rejects.toMatchObject({ code: 'ERR_FIELD_NOT_FILTERABLE' });
    await expect(records.findByValues(fullAccess('crm', 'lead'), 'phone', Array.from({ length: 1001 }, (_, i) => String(i)))).rejects.toMatchObject({ code: 'ERR_BATCH_TOO_LARGE' });
  });
});
