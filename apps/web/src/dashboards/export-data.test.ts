import type { ReportColumn } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { exportTable, toCsv } from './export-data';

const result = {
  columns: [
    { key: 'channel', role: 'dimension' as const, kind: 'text' as const, label: { 'zh-CN': '渠道', en: 'Channel' } },
    { key: 'budget', role: 'measure' as const, kind: 'decimal' as const },
    { key: 'leads', role: 'measure' as const, kind: 'number' as const },
  ],
  rows: [
    { channel: 'store', budget: '1200.50', leads: 3 },
    { channel: null, budget: null, leads: 1 },
  ],
};
const label = (_column: string, value: unknown) => (value === 'store' ? '门店, 一楼' : String(value));

describe('chart data export', () => {
  it('labels columns and values for people and keeps numbers as numbers', () => {
    const heading = (c: ReportColumn) => c.label?.['zh-CN'] ?? c.key.toUpperCase();
    expect(exportTable(result, heading, label, '其他')).toEqual({
      header: ['渠道', 'BUDGET', 'LEADS'],
      rows: [
        ['门店, 一楼', 1200.5, 3],
        ['其他', null, 1],
      ],
    });
  });

  it('writes CSV with a byte-order mark, quoting commas and quotes', () => {
    expect(toCsv({ header: ['渠道', 'n'], rows: [['门店, 一楼', 3], ['say "hi"', null]] })).toBe('\uFEFF渠道,n\r\n"门店, 一楼",3\r\n"say ""hi""",\r\n');
  });

  it('never lets a spreadsheet run a cell as a formula', () => {
    expect(toCsv({ header: ['x'], rows: [['=HYPERLINK("http://x")'], [-3]] })).toBe('\uFEFFx\r\n"\'=HYPERLINK(""http://x"")"\r\n-3\r\n');
  });
});
