import { describe, expect, it } from 'vitest';
import { countFilledRows } from './row-count';
import { makeXlsx } from './test-sheets';

describe('countFilledRows', () => {
  it('counts the rows of an .xlsx that hold a value, across many inflated chunks', async () => {
    const rows = [['标题'], [], ['姓名', '手机号'], ...Array.from({ length: 3000 }, (_, i) => [`客户${i}`, 13800000000 + i]), [], []];
    expect(await countFilledRows(await makeXlsx({ rows }), 'xlsx')).toBe(3002);
  });

  it('counts the non-blank lines of a CSV', async () => {
    expect(await countFilledRows(Buffer.from('a,b\r\n1,2\r\n,\r\n\r\n3,4'), 'csv')).toBe(3);
  });
});
