import { describe, expect, it } from 'vitest';
import { detectHeader } from './header-detection';
import type { CellValue, SheetRow } from './sheet-reader';

const rows = (...cells: CellValue[][]): SheetRow[] => cells.map((c, i) => ({ row: i + 1, cells: c }));

describe('detectHeader', () => {
  it('takes the first row when it names the columns', () => {
    expect(detectHeader(rows(['Name', 'Phone'], ['Ann', '138']))).toEqual({ headerRows: [1], columns: [{ index: 0, label: 'Name' }, { index: 1, label: 'Phone' }] });
  });

  it('passes over a merged title and blank rows', () => {
    const found = detectHeader(rows(['客户名单 2025'], [], ['姓名', '手机号', '门店'], ['张三', 13800138000, 'sh01']));
    expect(found?.headerRows).toEqual([3]);
    expect(found?.columns.map((c) => c.label)).toEqual(['姓名', '手机号', '门店']);
  });

  it('reads a two-level header: group labels over their columns, single-level columns merged down', () => {
    const found = detectHeader(rows(['姓名', '联系方式', null, '备注'], [null, '手机', '邮箱', null], ['Ann', '138', 'a@b.cn', 'x']));
    expect(found).toEqual({
      headerRows: [1, 2],
      columns: [
        { index: 0, label: '姓名' },
        { index: 1, label: '手机', group: '联系方式' },
        { index: 2, label: '邮箱', group: '联系方式' },
        { index: 3, label: '备注' },
      ],
    });
  });

  it('does not take a row of numbers or dates for a header', () => {
    expect(detectHeader(rows([1, 2, 3], ['a', 'b', 'c']))?.headerRows).toEqual([2]);
    expect(detectHeader(rows([new Date(0), 5]))).toBeNull();
    expect(detectHeader(rows([], []))).toBeNull();
  });
});
