import { describe, expect, it } from 'vitest';
import { readSheetRows } from './sheet-reader';
import { makeXlsx } from './test-sheets';

describe('readSheetRows', () => {
  it('keeps every Chinese character whole, however the compressed stream is cut into chunks', async () => {
    // Long runs of three-byte characters: some chunk boundary is bound to fall inside one.
    const rows = Array.from({ length: 3000 }, (_, i) => [`客户${i}号展会门店地推网络转介绍`, `上海市浦东新区第${i}街`, i]);
    const bytes = await makeXlsx({ rows });
    let count = 0;
    for await (const row of readSheetRows(bytes, 'xlsx')) {
      expect(row.cells[0]).toBe(`客户${row.row - 1}号展会门店地推网络转介绍`);
      expect(String(row.cells[1])).not.toContain('\uFFFD');
      count++;
    }
    expect(count).toBe(3000);
  });

  it('reads a CSV with quoted cells, a BOM and a semicolon delimiter', async () => {
    const csv = '\uFEFF姓名;备注\r\n"张三";"说 ""你好"";再见"\r\n';
    const rows = [];
    for await (const row of readSheetRows(Buffer.from(csv), 'csv')) rows.push(row);
    expect(rows).toEqual([{ row: 1, cells: ['姓名', '备注'] }, { row: 2, cells: ['张三', '说 "你好";再见'] }]);
  });
});
