import { describe, expect, test } from 'vitest';
import { validateDashboard, validateReport } from './validate';

type Case = readonly [name: string, input: unknown, problems: readonly { path: string; code: string }[]];
const check = (validate: (x: unknown) => { ok: boolean }) => (_name: string, input: unknown, expected: readonly { path: string; code: string }[]) => {
  const result = validate(input);
  if (expected.length === 0) expect(result).toMatchObject({ ok: true });
  else expect(result).toEqual({ ok: false, problems: expected.map((p) => expect.objectContaining(p)) });
};

const byChannel = {
  schemaVersion: 1, key: 'leads_by_channel', title: { 'zh-CN': '各渠道线索', en: 'Leads by channel' },
  source: { form: 'lead' },
  dimensions: [{ field: 'channel' }],
  measures: [
    { key: 'leads', fn: 'count', compare: 'previousPeriod' },
    { key: 'budget', fn: 'sum', field: 'budget' },
    { key: 'won_rate', fn: 'count', ratio: { numerator: { '==': [{ var: 'stage' }, 'won'] } } },
  ],
  sort: [{ key: 'leads', dir: 'desc' }], limit: 5, others: true,
  chart: { kind: 'bar', options: { x: 'channel', labels: true } },
};
const funnel = {
  schemaVersion: 1, key: 'stage_funnel', source: { form: 'lead', funnel: { field: 'stage', stages: ['new', 'contacted', 'won'] } },
  dimensions: [{ key: 'store', field: 'orgUnitId' }], measures: [], chart: { kind: 'funnel' },
};

const reportCases: Case[] = [
  ['valid report', byChannel, []],
  ['valid funnel', funnel, []],
  ['monthly trend with a region roll-up', { ...byChannel, dimensions: [{ key: 'month', field: 'createdAt', bucket: 'month' }, { key: 'region', field: 'orgUnitId', rollup: 'region' }], chart: { kind: 'line' } }, []],
  ['unknown measure fn', { ...byChannel, measures: [{ key: 'x', fn: 'mode', field: 'budget' }] }, [{ path: '/measures/0/fn', code: 'enum' }]],
  ['sum without a field', { ...byChannel, measures: [{ key: 'leads', fn: 'sum' }] }, [{ path: '/measures/0/field', code: 'required' }]],
  ['bucket and roll-up together', { ...byChannel, dimensions: [{ key: 'channel', field: 'createdAt', bucket: 'month', rollup: 'hq' }] }, [{ path: '/dimensions/0/rollup', code: 'bucketWithRollup' }]],
  ['two outputs named alike', { ...byChannel, measures: [{ key: 'leads', fn: 'count' }, { key: 'channel', fn: 'count' }] }, [{ path: '/measures/1/key', code: 'duplicate' }]],
  ['sort by nothing', { ...byChannel, sort: [{ key: 'revenue', dir: 'desc' }] }, [{ path: '/sort/0/key', code: 'unknownOutput' }]],
  ['others without top N', { ...byChannel, limit: undefined }, [{ path: '/others', code: 'othersWithoutLimit' }]],
  ['no measures', { ...byChannel, measures: [], sort: undefined }, [{ path: '/measures', code: 'minItems' }]],
  ['chart axis names no dimension', { ...byChannel, chart: { kind: 'bar', options: { x: 'store' } } }, [{ path: '/chart/options/x', code: 'unknownOutput' }]],
  ['unknown chart kind', { ...byChannel, chart: { kind: 'radar' } }, [{ path: '/chart/kind', code: 'enum' }]],
  ['funnel with measures and two splits', { ...funnel, dimensions: [{ field: 'orgUnitId' }, { field: 'ownerId' }], measures: [{ key: 'n', fn: 'count' }] },
    [{ path: '/dimensions', code: 'maxItems' }, { path: '/measures', code: 'funnelMeasures' }]],
  ['funnel stage twice', { ...funnel, source: { form: 'lead', funnel: { field: 'stage', stages: ['new', 'won', 'new'] } } }, [{ path: '/source/funnel/stages/2', code: 'duplicate' }]],
];

const dashboard = {
  schemaVersion: 1, key: 'hq_overview', title: { 'zh-CN': '总部概览', en: 'HQ overview' },
  filters: { dateRange: { field: 'createdAt', default: 'last30Days' }, orgUnit: { field: 'orgUnitId' }, channel: { field: 'channel' } },
  layout: [{ id: 'a', report: byChannel, x: 0, y: 0, w: 6, h: 4 }, { id: 'b', reportKey: 'saved_funnel', x: 6, y: 0, w: 6, h: 4 }],
  roles: ['hq'],
};
const dashboardCases: Case[] = [
  ['valid dashboard', dashboard, []],
  ['inline report problems are located', { ...dashboard, layout: [{ ...dashboard.layout[0], report: { ...byChannel, sort: [{ key: 'nope', dir: 'asc' }] } }] },
    [{ path: '/layout/0/report/sort/0/key', code: 'unknownOutput' }]],
  ['chart past the 12th column and a repeated id', { ...dashboard, layout: [dashboard.layout[0], { ...dashboard.layout[1], id: 'a', x: 8 }] },
    [{ path: '/layout/1/id', code: 'duplicateId' }, { path: '/layout/1/w', code: 'maximum' }]],
  ['both an inline report and a key', { ...dashboard, layout: [{ ...dashboard.layout[1], report: byChannel }] }, [{ path: '/layout/0/report', code: 'reportOrKey' }]],
  ['neither report nor key', { ...dashboard, layout: [{ id: 'a', x: 0, y: 0, w: 6, h: 4 }] }, [{ path: '/layout/0/report', code: 'reportOrKey' }]],
  ['no title', { ...dashboard, title: undefined }, [{ path: '/title', code: 'required' }]],
];

describe('validateReport', () => test.each(reportCases)('%s', check(validateReport)));
describe('validateDashboard', () => test.each(dashboardCases)('%s', check(validateDashboard)));
