import type { ReportColumn } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { keyNumber, summaryText, type SummaryChart } from './summary';

const words = { total: '合计', top: '第一', overall: '总转化', open: '查看', separator: '：' };
const dim = (key: string): ReportColumn => ({ key, role: 'dimension', kind: 'text' });
const num = (key: string, kind: ReportColumn['kind'] = 'number'): ReportColumn => ({ key, role: 'measure', kind });
const label = (_c: string, v: unknown) => ({ web: '网站', store: '门店' })[String(v)] ?? String(v);
const chart = (title: string, kind: SummaryChart['kind'], columns: ReportColumn[], rows: Record<string, string | number | null>[]): SummaryChart => ({ title, kind, result: { columns, rows }, dimensionLabel: label });

describe('dashboard summary', () => {
  const kpi = chart('新线索', 'kpi', [num('leads'), num('leads_previous'), num('leads_delta', 'ratio')], [{ leads: 12, leads_previous: 10, leads_delta: 0.2 }]);
  const pie = chart('渠道', 'pie', [dim('channel'), num('leads')], [{ channel: 'web', leads: 3 }, { channel: 'store', leads: 5 }]);
  const funnel = chart('阶段', 'funnel', [dim('stage'), num('reached'), num('overall', 'ratio')], [{ stage: 'new', reached: 8, overall: 1 }, { stage: 'won', reached: 2, overall: 0.25 }]);

  it('gives a KPI its value and change', () => {
    expect(keyNumber(kpi, 'zh-CN', words)).toBe('新线索：12 (+20%)');
  });

  it('gives a grouped chart its total and leader', () => {
    expect(keyNumber(pie, 'zh-CN', words)).toBe('渠道：合计 8, 第一 门店 5');
  });

  it('gives a funnel its two ends and the overall conversion', () => {
    expect(keyNumber(funnel, 'zh-CN', words)).toBe('阶段：8 → 2, 总转化 25%');
  });

  it('skips charts without data and ends with the link', () => {
    const empty: SummaryChart = { title: '空', kind: 'bar', result: undefined, dimensionLabel: label };
    expect(summaryText('晨会', '2026-11-23', [kpi, empty, pie], 'http://t/apps/crm/dashboards/morning', 'zh-CN', words)).toBe(
      '晨会 · 2026-11-23\n· 新线索：12 (+20%)\n· 渠道：合计 8, 第一 门店 5\n查看：http://t/apps/crm/dashboards/morning',
    );
  });
});
