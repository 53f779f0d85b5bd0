import { describe, expect, test } from 'vitest';
import type { ReportDefinition, ReportFilterValues } from '@tangram/schema';
import { byChannel, leadForm, orgUnits } from './fixtures';
import { planReport } from './plan-report';

const ctx = { form: leadForm, hiddenFields: new Set(['cost']), orgUnits };
const plan = (report: ReportDefinition, filters?: ReportFilterValues) => planReport({ report, ...(filters ? { filters } : {}), reportPath: '/report' }, ctx);
const october = { field: 'createdAt', from: '2026-10-01', to: '2026-10-31' };

describe('planReport refuses what the form or the viewer does not allow, with every path', () => {
  test.each<[string, ReportDefinition, ReportFilterValues | undefined, { path: string; code: string }[]]>([
    ['unknown dimension field', { ...byChannel, dimensions: [{ field: 'colour' }] }, undefined, [{ path: '/report/dimensions/0/field', code: 'unknownField' }]],
    ['hidden measure field', { ...byChannel, measures: [{ key: 'c', fn: 'sum', field: 'cost' }] }, undefined, [{ path: '/report/measures/0/field', code: 'fieldHidden' }]],
    ['hidden field in the filter', { ...byChannel, filter: { '>': [{ var: 'cost' }, 5] } }, undefined, [{ path: '/report/filter/>/0/var', code: 'fieldHidden' }]],
    ['hidden field in a ratio numerator', { ...byChannel, measures: [{ key: 'r', fn: 'count', ratio: { numerator: { '>': [{ var: 'cost' }, 0] } } }] }, undefined, [{ path: '/report/measures/0/ratio/numerator/>/0/var', code: 'fieldHidden' }]],
    ['sum of a text field', { ...byChannel, measures: [{ key: 's', fn: 'sum', field: 'name' }] }, undefined, [{ path: '/report/measures/0/fn', code: 'measureFieldKind' }]],
    ['median of a date', { ...byChannel, measures: [{ key: 's', fn: 'median', field: 'due' }] }, undefined, [{ path: '/report/measures/0/fn', code: 'measureFieldKind' }]],
    ['month of a text field', { ...byChannel, dimensions: [{ field: 'name', bucket: 'month' }] }, undefined, [{ path: '/report/dimensions/0/bucket', code: 'bucketFieldKind' }]],
    ['region of a select field', { ...byChannel, dimensions: [{ field: 'channel', rollup: 'region' }] }, undefined, [{ path: '/report/dimensions/0/rollup', code: 'rollupFieldKind' }]],
    ['group by a multiselect', { ...byChannel, dimensions: [{ field: 'tags' }] }, undefined, [{ path: '/report/dimensions/0/field', code: 'dimensionFieldKind' }]],
    ['compare without a date range', { ...byChannel, measures: [{ key: 'n', fn: 'count', compare: 'previousPeriod' }] }, undefined, [{ path: '/report/measures/0/compare', code: 'compareWithoutDateRange' }]],
    ['funnel over a text field', { ...byChannel, source: { form: 'lead', funnel: { field: 'name', stages: ['a', 'b'] } }, measures: [] }, undefined, [{ path: '/report/source/funnel/field', code: 'funnelFieldKind' }]],
    ['funnel stage not an option', { ...byChannel, source: { form: 'lead', funnel: { field: 'stage', stages: ['new', 'signed'] } }, measures: [] }, undefined, [{ path: '/report/source/funnel/stages/1', code: 'notAnOption' }]],
    ['date range backwards and a bad day', byChannel, { dateRange: { field: 'createdAt', from: '2026-10-31', to: '2026-10-01' }, orgUnit: { field: 'store', id: 'nowhere' } },
      [{ path: '/filters/dateRange/to', code: 'minGreaterThanMax' }, { path: '/filters/orgUnit/id', code: 'invalidId' }]],
    ['date range on a select', byChannel, { dateRange: { field: 'channel', from: '2026-02-30', to: '2026-10-01' } },
      [{ path: '/filters/dateRange/field', code: 'filterFieldKind' }, { path: '/filters/dateRange/from', code: 'invalidDate' }]],
    ['channel filter on a hidden field', byChannel, { channel: { field: 'cost', values: ['x'] } }, [{ path: '/filters/channel/field', code: 'fieldHidden' }]],
  ])('%s', (_name, report, filters, problems) => {
    expect(plan(report, filters)).toEqual({ ok: false, problems: problems.map((p) => expect.objectContaining(p)) });
  });
});

describe('planReport builds the store query', () => {
  test('dashboard filters join the report filter; a field the form lacks is skipped and said so', () => {
    const result = plan({ ...byChannel, filter: { '==': [{ var: 'stage' }, 'won'] } }, {
      dateRange: october, orgUnit: { field: 'store', id: 'east' }, channel: { field: 'channel', values: ['web'] }, owner: { field: 'salesperson', users: ['u1'] },
    });
    expect(result.ok && result.value.query.filter).toEqual({
      and: [
        { '==': [{ var: 'stage' }, 'won'] },
        { in: [{ var: 'store' }, ['east', 'sh01', 'sh02']] },
        { in: [{ var: 'channel' }, ['web']] },
        { and: [{ '>=': [{ var: 'createdAt' }, '2026-09-30T16:00:00.000Z'] }, { '<': [{ var: 'createdAt' }, '2026-10-31T16:00:00.000Z'] }] },
      ],
    });
    expect(result.ok && result.value.ignoredFilters).toEqual(['owner']);
  });

  test('a date field is compared by day, not by instant', () => {
    const result = plan(byChannel, { dateRange: { field: 'due', from: '2026-10-01', to: '2026-10-31' } });
    expect(result.ok && result.value.query.filter).toEqual({ and: [{ '>=': [{ var: 'due' }, '2026-10-01'] }, { '<': [{ var: 'due' }, '2026-11-01'] }] });
  });

  test('a ratio becomes numerator and denominator; compare adds a query of the month before', () => {
    const won = { '==': [{ var: 'stage' }, 'won'] };
    const result = plan({ ...byChannel, measures: [{ key: 'leads', fn: 'count', compare: 'previousPeriod' }, { key: 'rate', fn: 'count', ratio: { numerator: won } }] }, { dateRange: october });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.value.query.measures).toEqual([{ key: 'leads', fn: 'count' }, { key: 'rate__n', fn: 'count', where: won }, { key: 'rate__d', fn: 'count' }]);
    expect(result.value.previous?.from).toBe('2026-09-01');
    expect(result.value.previous?.to).toBe('2026-09-30');
    expect(result.value.previous?.query.measures).toEqual([{ key: 'leads', fn: 'count' }]);
    expect(result.value.previous?.query.filter).toEqual({ and: [{ '>=': [{ var: 'createdAt' }, '2026-08-31T16:00:00.000Z'] }, { '<': [{ var: 'createdAt' }, '2026-09-30T16:00:00.000Z'] }] });
    expect(result.value.columns.map((c) => `${c.key}:${c.kind}`)).toEqual(['channel:text', 'leads:number', 'leads_previous:number', 'leads_delta:ratio', 'rate:ratio']);
  });

  test('money sums are decimals, month buckets are dates, funnels have fixed columns', () => {
    const trend = plan({ ...byChannel, dimensions: [{ key: 'month', field: 'createdAt', bucket: 'month' }, { key: 'region', field: 'store', rollup: 'region' }] });
    expect(trend.ok && trend.value.columns.map((c) => c.kind)).toEqual(['date', 'text', 'number', 'decimal']);
    const funnel = plan({ ...byChannel, source: { form: 'lead', funnel: { field: 'stage', stages: ['new', 'won'] } }, measures: [] });
    expect(funnel.ok && funnel.value.columns.map((c) => c.key)).toEqual(['channel', 'stage', 'reached', 'conversion', 'overall', 'medianSeconds']);
  });
});
