import { describe, expect, it } from 'vitest';
import type { Page, RecordView } from '@tangram/schema';
import { aggregatesAgree, pagesAgree } from './agreement';

const view = (phone: string) => ({ data: { phone } }) as unknown as RecordView;
const page = (phones: string[], total: number): Page<RecordView> => ({ items: phones.map(view), total, nextCursor: null });

describe('agreement', () => {
  it('accepts the same rows in the same order with the same total', () => {
    expect(pagesAgree(page(['1', '2'], 9), { rows: [{ phone: '1' }, { phone: '2' }], total: 9 })).toBeNull();
  });

  it('names the first difference', () => {
    expect(pagesAgree(page(['1', '2'], 9), { rows: [{ phone: '1' }, { phone: '3' }], total: 9 })).toBe('row 1: store 2, sql 3');
    expect(pagesAgree(page(['1'], 8), { rows: [{ phone: '1' }], total: 9 })).toBe('total: store 8, sql 9');
  });

  it('compares sums as exact decimals, whatever their spelling', () => {
    const store = [{ channel: 'web', count: '2', budget: '1500' }];
    expect(aggregatesAgree(store, [{ channel: 'web', count: 2, budget: '1500.00' }])).toBeNull();
    expect(aggregatesAgree(store, [{ channel: 'web', count: 2, budget: '1500.01' }])).toMatch(/groups/);
  });
});
