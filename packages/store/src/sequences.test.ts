import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './api';
import { testDialects } from './testing';
import { openTestStore } from './testing/test-store';

describe.each(testDialects())('sequences on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => { store = await openTestStore(dialect); });
  afterAll(async () => { await store?.close(); });

  it('hands out consecutive, non-overlapping blocks per form field, even to concurrent callers', async () => {
    expect(await store.nextSequence('crm', 'lead', 'code', 3)).toBe(1);
    expect(await store.nextSequence('crm', 'lead', 'code', 1)).toBe(4);
    expect(await store.nextSequence('crm', 'deal', 'code', 1)).toBe(1);
    const blocks = await Promise.all(Array.from({ length: 20 }, () => store.nextSequence('crm', 'lead', 'code', 5)));
    const numbers = blocks.flatMap((first) => [0, 1, 2, 3, 4].map((i) => first + i)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 5));
  });

  it('refuses a block size out of range', async () => {
    await expect(store.nextSequence('crm', 'lead', 'code', 0)).rejects.toMatchObject({ code: 'ERR_INVALID_VALUE', path: '/count' });
  });
});
