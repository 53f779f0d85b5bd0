import type { ReportColumn } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { buildOption, ECHART_KINDS, isEchartKind, type OptionContext } from './chart-option';
import { isEmptyResult } from './chart-model';
import type { ChartLabels } from './chart-types';

const labels = Object.fromEntries(['loading', 'empty', 'emptyHint', 'errorTitle', 'retry', 'total', 'others', 'noValue', 'rank', 'conversion', 'overall', 'median', 'previous', 'goal'].map((k) => [k, `<${k}>`])) as unknown as ChartLabels;
const ctx = (options?: OptionContext['options']): OptionContext => ({ options, locale: 'en', labels, dimensionLabel: (column, value) => `${column}=${String(value)}` });
const dim = (key: string): ReportColumn => ({ key, role: 'dimension', kind: 'text' });
const num = (key: string): ReportColumn => ({ key, role: 'measure', kind: 'number' });

type Series = { type: string; name?: string; stack?: string; data: unknown[]; radius?: unknown };

describe('buildOption', () => {
  const byChannel = { columns: [dim('channel'), num('leads')], rows: [{ channel: 'web', leads: 3 }, { channel: null, leads: 1 }] };

  it('names pie slices as people read them, the others row included, and drills a slice by its value', () => {
    const built = buildOption('pie', byChannel, ctx());
    const series = (built.option.series as Series[])[0]!;
    expect(series.data).toEqual([{ name: 'channel=web', value: 3 }, { name: '<others>', value: 1 }]);
    expect(built.cell(0, 0)).toEqual({ values: { channel: 'web' } });
    expect(built.cell(0, 1)).toEqual({ values: { channel: null } });
  });

  it('writes drawn values by their measure kind, for the text alternative', () => {
    const rates = { columns: [dim('channel'), { key: 'won', role: 'measure' as const, kind: 'ratio' as const }], rows: [{ channel: 'web', won: 0.25 }] };
    expect(buildOption('pie', rates, ctx()).format(0.25)).toBe('25%');
    expect(buildOption('column', byChannel, ctx()).format(1200)).toBe('1,200');
  });

  it('draws a donut as a pie with a hole', () => {
    expect((buildOption('donut', byChannel, ctx()).option.series as Series[])[0]!.radius).toEqual(['45%', '70%']);
  });

  it('stacks series only when asked', () => {
    const twoDims = { columns: [dim('channel'), dim('store'), num('leads')], rows: [{ channel: 'web', store: 'sh', leads: 1 }, { channel: 'web', store: 'bj', leads: 2 }] };
    const grouped = buildOption('column', twoDims, ctx()).option.series as Series[];
    const stacked = buildOption('column', twoDims, ctx({ stacked: true })).option.series as Series[];
    expect(grouped.map((s) => s.stack)).toEqual([undefined, undefined]);
    expect(stacked.map((s) => s.stack)).toEqual(['total', 'total']);
    expect(stacked.map((s) => s.name)).toEqual(['store=sh', 'store=bj']);
  });

  it('lays bars along the y axis and columns along the x axis', () => {
    expect((buildOption('bar', byChannel, ctx()).option.yAxis as { type: string }).type).toBe('category');
    expect((buildOption('column', byChannel, ctx()).option.xAxis as { type: string }).type).toBe('category');
  });

  it('keeps funnel stages in their order and drills a stage', () => {
    const funnel = { columns: [dim('stage'), num('reached')], rows: [{ stage: 'new', reached: 5 }, { stage: 'won', reached: 2 }] };
    const built = buildOption('funnel', funnel, ctx());
    const series = (built.option.series as (Series & { sort: string })[])[0]!;
    expect(series.sort).toBe('none');
    expect(series.data).toEqual([{ name: 'stage=new', value: 5 }, { name: 'stage=won', value: 2 }]);
    expect(built.cell(0, 1)).toEqual({ values: {}, stage: 'won' });
  });

  it('gives a gauge no drill cell', () => {
    expect(buildOption('gauge', { columns: [num('leads')], rows: [{ leads: 3 }] }, ctx({ goal: 10 })).cell(0, 0)).toBeNull();
  });

  it('draws with echarts exactly the canvas kinds', () => {
    expect(ECHART_KINDS.every(isEchartKind)).toBe(true);
    expect(['kpi', 'table', 'pivot', 'leaderboard'].some((k) => isEchartKind(k as never))).toBe(false);
  });
});

describe('isEmptyResult', () => {
  it('treats a funnel nobody entered as empty, but a KPI of zero as a number', () => {
    expect(isEmptyResult('funnel', { rows: [{ stage: 'new', reached: 0 }, { stage: 'won', reached: 0 }] })).toBe(true);
    expect(isEmptyResult('funnel', { rows: [{ stage: 'new', reached: 1 }, { stage: 'won', reached: 0 }] })).toBe(false);
    expect(isEmptyResult('kpi', { rows: [{ leads: 0 }] })).toBe(false);
    expect(isEmptyResult('pie', { rows: [] })).toBe(true);
  });
});
