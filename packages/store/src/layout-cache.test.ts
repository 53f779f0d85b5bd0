import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './api';
import { createStoreFromHandle } from './create-store';
import { testDialects } from './testing';
import { fullAccess, leadForm, openTestStore, publishForm } from './testing/test-store';

describe.each(testDialects())('form layouts shared by several processes on %s', (dialect) => {
  let publisher: Store;
  let other: Store;
  beforeAll(async () => {
    publisher = await openTestStore(dialect);
    // A second store over the same database stands in for another server process with its own cache.
    other = createStoreFromHandle(publisher.handle);
  });
  afterAll(async () => { await publisher?.close(); });

  it('writes with a newer form version reload the layout, so new fields reach their slots', async () => {
    const access = fullAccess('crm', 'lead');
    await publishForm(publisher, 'crm', leadForm());
    await other.records('crm', 'lead').create({ userId: null, via: 'system' }, access, 1, { data: { name: 'v1' } });
    const v2 = await publishForm(publisher, 'crm', leadForm([{ id: 'f30', key: 'score', kind: 'number', label: { en: 'Score' } }]));
    await other.records('crm', 'lead').create({ userId: null, via: 'system' }, access, v2, { data: { name: 'v2', score: 9 } });
    const page = await publisher.records('crm', 'lead').list(access, { filter: { '>': [{ var: 'score' }, 5] } });
    expect(page.items.map((r) => r.data.name)).toEqual(['v2']);
  });
});
