import { describe, expect, test } from 'vitest';
import type { ReportDefinition } from '@tangram/schema';
import { byChannel, leadForm, orgUnits } from './fixtures';
import { formatReport } from './format-report';
import { planReport } from './plan-report';

const planOf = (report: ReportDefinition, withRange = false) => {
  const result = planReport({ report, ...(withRange ? { filters: { dateRange: { field: 'createdAt', from: '2026-10-01', to: '2026-10-31' } } } : {}) }, { form: leadForm, hiddenFields: new Set(), orgUnits });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
};

// What the store answers for leads by channel: counts as numbers, money sums as exact decimal strings.
const stored = [
  { channel: 'expo', leads: 5, budget: '1000.10' },
  { channel: 'street', leads: 2, budget: '0.05' },
  { channel: 'web', leads: 9, budget: '300.00' },
  { channel: null, leads: 1, budget: null },
];

describe('formatReport', () => {
  test('top N by a measure, the rest summed exactly into "others"', () => {
    const result = formatReport(planOf({ ...byChannel, sort: [{ key: 'leads', dir: 'desc' }], limit: 2, others: true }), stored);
    expect(result.rows).toEqual([
      { channel: 'web', leads: 9, budget: '300.00' },
      { channel: 'expo', leads: 5, budget: '1000.10' },
      { channel: null, leads: 3, budget: '0.05' },
    ]);
    expect(result.meta).toMatchObject({ groups: 4, others: true });
  });

  test('top N without others drops the rest; nulls sort last both ways', () => {
    const asc = formatReport(planOf({ ...byChannel, sort: [{ key: 'budget', dir: 'asc' }] }), stored);
    expect(asc.rows.map((r) => r.channel)).toEqual(['street', 'web', 'expo', null]);
    const desc = formatReport(planOf({ ...byChannel, sort: [{ key: 'budget', dir: 'desc' }], limit: 3 }), stored);
    expect(desc.rows.map((r) => r.channel)).toEqual(['expo', 'web', 'street']);
    expect(desc.meta.others).toBe(false);
  });

  test('a ratio is numerator over denominator per group, and over the summed parts in "others"', () => {
    const report: ReportDefinition = { ...byChannel, measures: [{ key: 'rate', fn: 'count', ratio: { numerator: { '==': [{ var: 'stage' }, 'won'] } } }], sort: [{ key: 'rate', dir: 'desc' }], limit: 1, others: true };
    const result = formatReport(planOf(report), [
      { channel: 'web', rate__n: 1, rate__d: 4 },
      { channel: 'expo', rate__n: 1, rate__d: 2 },
      { channel: 'street', rate__n: 0, rate__d: 0 },
    ]);
    expect(result.rows).toEqual([{ channel: 'expo', rate: 0.5 }, { channel: null, rate: 0.25 }]);
  });

  test('compared with the previous period: joined on the dimension values; a group new this period had 0', () => {
    const report: ReportDefinition = { ...byChannel, measures: [{ key: 'leads', fn: 'count', compare: 'previousPeriod' }, { key: 'budget', fn: 'avg', field: 'budget' }] };
    const result = formatReport(planOf(report, true), [{ channel: 'web', leads: 12, budget: '33.3333333333' }, { channel: 'expo', leads: 3, budget: '10' }], [{ channel: 'web', leads: 10 }]);
    expect(result.rows).toEqual([
      { channel: 'web', leads: 12, leads_previous: 10, leads_delta: 0.2, budget: '33.33' },
      { channel: 'expo', leads: 3, leads_previous: 0, leads_delta: null, budget: '10.00' },
    ]);
    expect(result.meta.previousPeriod).toEqual({ from: '2026-09-01', to: '2026-09-30' });
  });

  test('a funnel: one row per stage and split, conversion from the previous stage, median seconds between them', () => {
    const report: ReportDefinition = { ...byChannel, source: { form: 'lead', funnel: { field: 'stage', stages: ['new', 'visited', 'won'] } }, measures: [] };
    const result = formatReport(planOf(report), [{ channel: 'web', reached_0: 10, reached_1: 4, reached_2: 1, seconds_1: 3600, seconds_2: 86400.5 }]);
    expect(result.rows).toEqual([
      { channel: 'web', stage: 'new', reached: 10, conversion: null, overall: 1, medianSeconds: null },
      { channel: 'web', stage: 'visited', reached: 4, conversion: 0.4, overall: 0.4, medianSeconds: 3600 },
      { channel: 'web', stage: 'won', reached: 1, conversion: 0.25, overall: 0.1, medianSeconds: 86400.5 },
    ]);
  });
});
