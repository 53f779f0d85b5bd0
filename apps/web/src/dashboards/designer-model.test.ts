import type { FormDefinition } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { designerGaps, dimensionFields, fromReport, measureFields, measureFor, toReport, type DesignerState } from './designer-model';

const l = (s: string) => ({ 'zh-CN': s, en: s });
const form: FormDefinition = {
  schemaVersion: 1,
  key: 'lead',
  name: l('Leads'),
  fields: [
    { id: '1', key: 'name', kind: 'text', label: l('Name') },
    { id: '2', key: 'channel', kind: 'select', label: l('Channel'), options: [{ value: 'web', label: l('Web') }] },
    { id: '3', key: 'budget', kind: 'money', label: l('Budget'), currency: 'CNY' },
    { id: '4', key: 'notes', kind: 'textarea', label: l('Notes') },
  ],
} as FormDefinition;

const base: DesignerState = { form: 'lead', title: '', kind: 'pie', dimensions: [], measures: [], funnelField: null, stages: [], compare: false };

describe('report designer model', () => {
  it('offers groupable fields as dimensions and numbers as measures', () => {
    expect(dimensionFields(form).map((f) => f.key)).toEqual(['name', 'channel']);
    expect(measureFields(form).map((f) => f.key)).toEqual(['budget']);
    expect(measureFor(form.fields[2]!)).toEqual({ field: 'budget', fn: 'sum' });
    expect(measureFor(null)).toEqual({ field: null, fn: 'count' });
  });

  it('says what is missing before it builds a report', () => {
    expect(designerGaps({ ...base, form: '' })).toEqual(['needsForm']);
    expect(designerGaps(base)).toEqual(['needsMeasure', 'needsDimension']);
    expect(designerGaps({ ...base, kind: 'kpi', measures: [{ field: null, fn: 'count' }] })).toEqual([]);
    expect(designerGaps({ ...base, kind: 'funnel', funnelField: 'channel', stages: ['web'] })).toEqual(['needsStages']);
    expect(toReport(base, 'r1')).toBeNull();
  });

  it('builds a channel pie counting records, largest slice first', () => {
    const report = toReport({ ...base, title: '渠道', dimensions: [{ field: 'channel' }], measures: [{ field: null, fn: 'count' }] }, 'r1');
    expect(report).toEqual({
      schemaVersion: 1,
      key: 'r1',
      title: { 'zh-CN': '渠道', en: '渠道' },
      source: { form: 'lead' },
      dimensions: [{ field: 'channel' }],
      measures: [{ key: 'count', fn: 'count' }],
      sort: [{ key: 'count', dir: 'desc' }],
      chart: { kind: 'pie' },
    });
  });

  it('builds a funnel over a select field with an optional split, and reads it back', () => {
    const state: DesignerState = { ...base, kind: 'funnel', funnelField: 'stage', stages: ['new', 'visit', 'won'], dimensions: [{ field: 'channel' }] };
    const report = toReport(state, 'r2')!;
    expect(report.source).toEqual({ form: 'lead', funnel: { field: 'stage', stages: ['new', 'visit', 'won'] } });
    expect(report.measures).toEqual([]);
    expect(report.dimensions).toEqual([{ field: 'channel' }]);
    expect(fromReport(report)).toEqual(state);
  });

  it('compares every measure with the previous period when asked, and reads that back', () => {
    const state: DesignerState = { ...base, kind: 'kpi', measures: [{ field: null, fn: 'count' }], compare: true };
    const report = toReport(state, 'r4')!;
    expect(report.measures).toEqual([{ key: 'count', fn: 'count', compare: 'previousPeriod' }]);
    expect(fromReport(report)).toEqual(state);
  });

  it('splits a second dimension into series', () => {
    const report = toReport({ ...base, kind: 'column', dimensions: [{ field: 'channel' }, { field: 'ownerId' }], measures: [{ field: 'budget', fn: 'sum' }] }, 'r3')!;
    expect(report.measures).toEqual([{ key: 'sum_budget', fn: 'sum', field: 'budget' }]);
    expect(report.chart).toEqual({ kind: 'column', options: { series: 'ownerId', stacked: false } });
  });
});
