import { describe, expect, it } from 'vitest';
import { readListAddress, writeListAddress } from './list-address';

describe('the list address', () => {
  it('round-trips filter, sort, columns, layout, group and view', () => {
    const address = {
      view: '12', filter: { '==': [{ var: 'stage' }, 'new'] }, sort: '-budget,name', columns: ['name', 'budget'], layout: 'kanban' as const, groupBy: 'stage',
    };
    const search = writeListAddress(address);
    expect(search).toContain('sort=-budget%2Cname');
    expect(readListAddress(search)).toEqual(address);
  });

  it('is empty for the default list and ignores what it cannot read', () => {
    expect(writeListAddress(readListAddress(''))).toBe('');
    expect(readListAddress('?filter=%7Bbroken&layout=gallery')).toMatchObject({ filter: null, layout: 'table' });
    expect(readListAddress('?filter=[1]').filter).toBeNull();
  });
});
