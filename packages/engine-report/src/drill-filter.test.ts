import { describe, expect, test } from 'vitest';
import type { ReportDefinition } from '@tangram/schema';
import { drillFilter } from './drill-filter';
import { byChannel, leadForm, orgUnits } from './fixtures';
import { planReport } from './plan-report';

const planOf = (report: ReportDefinition) => {
  const result = planReport({ report, filters: { channel: { field: 'channel', values: ['web', 'expo'] } } }, { form: leadForm, hiddenFields: new Set(), orgUnits });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
};
const channels = { in: [{ var: 'channel' }, ['web', 'expo']] };

describe('drillFilter', () => {
  test.each<[string, ReportDefinition, Record<string, string | null>, unknown]>([
    ['a bar', byChannel, { channel: 'web' }, { and: [channels, { '==': [{ var: 'channel' }, 'web'] }] }],
    ['the empty group', byChannel, { channel: null }, { and: [channels, { '==': [{ var: 'channel' }, null] }] }],
    ['a month of a datetime: Shanghai month edges', { ...byChannel, dimensions: [{ key: 'm', field: 'createdAt', bucket: 'month' }] }, { m: '2026-02-01' },
      { and: [channels, { and: [{ '>=': [{ var: 'createdAt' }, '2026-01-31T16:00:00.000Z'] }, { '<': [{ var: 'createdAt' }, '2026-02-28T16:00:00.000Z'] }] }] }],
    ['a week of a date field', { ...byChannel, dimensions: [{ key: 'w', field: 'due', bucket: 'week' }] }, { w: '2026-12-28' },
      { and: [channels, { and: [{ '>=': [{ var: 'due' }, '2026-12-28'] }, { '<': [{ var: 'due' }, '2027-01-04'] }] }] }],
    ['a region: every unit it rolls up', { ...byChannel, dimensions: [{ key: 'r', field: 'store', rollup: 'region' }] }, { r: 'east' },
      { and: [channels, { in: [{ var: 'store' }, ['east', 'sh01', 'sh02']] }] }],
    ['no region: no unit, or a unit above every region', { ...byChannel, dimensions: [{ key: 'r', field: 'store', rollup: 'region' }] }, { r: null },
      { and: [channels, { or: [{ '==': [{ var: 'store' }, null] }, { in: [{ var: 'store' }, ['hq']] }] }] }],
  ])('%s', (_name, report, values, filter) => {
    expect(drillFilter(planOf(report), { values }, orgUnits)).toEqual({ ok: true, value: { kind: 'filter', filter } });
  });

  test('a pivot cell constrains both dimensions; an unknown key is refused with its path', () => {
    const pivot = planOf({ ...byChannel, dimensions: [{ field: 'channel' }, { field: 'stage' }] });
    expect(drillFilter(pivot, { values: { channel: 'web', stage: 'won' } }, orgUnits)).toMatchObject({ ok: true, value: { filter: { and: [channels, { '==': [{ var: 'channel' }, 'web'] }, { '==': [{ var: 'stage' }, 'won'] }] } } });
    expect(drillFilter(pivot, { values: { colour: 'red' } }, orgUnits)).toEqual({ ok: false, problems: [expect.objectContaining({ path: '/cell/values/colour', code: 'unknownOutput' })] });
  });

  test('a funnel stage asks the store for the records that reached it, within the split', () => {
    const funnel = planOf({ ...byChannel, source: { form: 'lead', funnel: { field: 'stage', stages: ['new', 'won'] } }, measures: [] });
    expect(drillFilter(funnel, { stage: 'won', values: { channel: 'web' } }, orgUnits)).toMatchObject({
      ok: true, value: { kind: 'funnelStage', stage: 1, query: { filter: { and: [channels, { '==': [{ var: 'channel' }, 'web'] }] }, funnel: { field: 'stage' } } },
    });
    expect(drillFilter(funnel, { stage: 'signed', values: {} }, orgUnits)).toMatchObject({ ok: false, problems: [{ path: '/cell/stage', code: 'notAnOption' }] });
  });
});
