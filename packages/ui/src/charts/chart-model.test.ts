import type { ReportColumn, ReportResult } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { axisModel, chartColumns, funnelModel, pivotModel, rankSlices, rowCell, singleValue, sliceModel } from './chart-model';

const dim = (key: string): ReportColumn => ({ key, role: 'dimension', kind: 'text' });
const num = (key: string, kind: ReportColumn['kind'] = 'number'): ReportColumn => ({ key, role: 'measure', kind });
type R = Pick<ReportResult, 'columns' | 'rows'>;

const byChannelAndStore: R = {
  columns: [dim('channel'), dim('store'), num('leads')],
  rows: [
    { channel: 'web', store: 'sh', leads: 3 },
    { channel: 'web', store: 'bj', leads: 1 },
    { channel: 'expo', store: 'sh', leads: 2 },
  ],
};

describe('chartColumns', () => {
  it('leaves out the _previous and _delta companions of a compared measure', () => {
    const r: R = { columns: [dim('channel'), num('leads'), num('leads_previous'), num('leads_delta', 'ratio'), num('won_rate', 'ratio')], rows: [] };
    expect(chartColumns(r).measures.map((c) => c.key)).toEqual(['leads', 'won_rate']);
  });
});

describe('axisModel', () => {
  it('puts the first dimension along the axis and splits the second into series, a gap where no row exists', () => {
    const m = axisModel(byChannelAndStore, undefined);
    expect(m.categories).toEqual(['web', 'expo']);
    expect(m.seriesValues).toEqual(['sh', 'bj']);
    expect(m.values).toEqual([
      [3, 2],
      [1, null],
    ]);
  });

  it('maps a clicked bar back to both dimension values', () => {
    expect(axisModel(byChannelAndStore, undefined).cell(1, 0)).toEqual({ values: { channel: 'web', store: 'bj' } });
  });

  it('follows the chart options for which dimension is the axis', () => {
    const m = axisModel(byChannelAndStore, { x: 'store', series: 'channel' });
    expect(m.categories).toEqual(['sh', 'bj']);
    expect(m.cell(0, 1)).toEqual({ values: { store: 'bj', channel: 'web' } });
  });

  it('reads exact decimal strings as numbers', () => {
    const m = axisModel({ columns: [dim('channel'), num('budget', 'decimal')], rows: [{ channel: 'web', budget: '1234.50' }] }, undefined);
    expect(m.values).toEqual([[1234.5]]);
  });
});

describe('sliceModel and rankSlices', () => {
  const r: R = { columns: [dim('owner'), num('won')], rows: [{ owner: 'a', won: 2 }, { owner: 'b', won: 5 }, { owner: 'c', won: 2 }, { owner: null, won: 1 }] };

  it('gives each slice its value, and the others row (null) as a slice too', () => {
    const m = sliceModel(r, undefined);
    expect(m.slices.map((s) => s.value)).toEqual(['a', 'b', 'c', null]);
    expect(m.cell(1)).toEqual({ values: { owner: 'b' } });
  });

  it('ranks largest first and lets ties share a rank', () => {
    expect(rankSlices(sliceModel(r, undefined)).map((e) => [e.rank, e.value])).toEqual([
      [1, 'b'],
      [2, 'a'],
      [2, 'c'],
      [4, null],
    ]);
  });
});

describe('funnelModel', () => {
  const columns = [dim('stage'), num('reached'), num('conversion', 'ratio'), num('overall', 'ratio'), num('medianSeconds', 'seconds')];

  it('keeps the server rates and medians without a split', () => {
    const m = funnelModel({
      columns,
      rows: [
        { stage: 'new', reached: 10, conversion: null, overall: 1, medianSeconds: null },
        { stage: 'visit', reached: 4, conversion: 0.4, overall: 0.4, medianSeconds: 7200 },
      ],
    });
    expect(m.stages).toEqual([
      { stage: 'new', reached: 10, conversion: null, overall: 1, medianSeconds: null },
      { stage: 'visit', reached: 4, conversion: 0.4, overall: 0.4, medianSeconds: 7200 },
    ]);
    expect(m.cell(1)).toEqual({ values: {}, stage: 'visit' });
  });

  it('adds split rows up per stage and recomputes the rates from the sums', () => {
    const m = funnelModel({
      columns: [dim('channel'), ...columns],
      rows: [
        { channel: 'web', stage: 'new', reached: 6, conversion: null, overall: 1, medianSeconds: null },
        { channel: 'web', stage: 'won', reached: 3, conversion: 0.5, overall: 0.5, medianSeconds: 10 },
        { channel: 'expo', stage: 'new', reached: 4, conversion: null, overall: 1, medianSeconds: null },
        { channel: 'expo', stage: 'won', reached: 1, conversion: 0.25, overall: 0.25, medianSeconds: 20 },
      ],
    });
    expect(m.stages.map((s) => [s.stage, s.reached, s.conversion, s.medianSeconds])).toEqual([
      ['new', 10, 1, null],
      ['won', 4, 0.4, null],
    ]);
  });
});

describe('singleValue', () => {
  it('reads the measure with its previous period and change', () => {
    const r: R = { columns: [num('leads'), num('leads_previous'), num('leads_delta', 'ratio')], rows: [{ leads: 12, leads_previous: 10, leads_delta: 0.2 }] };
    expect(singleValue(r)).toMatchObject({ value: 12, previous: 10, delta: 0.2 });
  });

  it('has no value when there is no row', () => {
    expect(singleValue({ columns: [num('leads')], rows: [] }).value).toBeNull();
  });
});

describe('pivotModel', () => {
  it('cross-tabs with row, column and grand totals, and drills a total by its row only', () => {
    const m = pivotModel(byChannelAndStore, undefined);
    expect(m.cells).toEqual([
      [3, 1],
      [2, null],
    ]);
    expect(m.rowTotals).toEqual([4, 2]);
    expect(m.columnTotals).toEqual([5, 1]);
    expect(m.grandTotal).toBe(6);
    expect(m.cell(1, 0)).toEqual({ values: { channel: 'expo', store: 'sh' } });
    expect(m.cell(0, null)).toEqual({ values: { channel: 'web' } });
    expect(m.cell(null, null)).toEqual({ values: {} });
  });
});

describe('rowCell', () => {
  it('is the row\'s dimension values', () => {
    expect(rowCell(byChannelAndStore, 2)).toEqual({ values: { channel: 'expo', store: 'sh' } });
  });
});
