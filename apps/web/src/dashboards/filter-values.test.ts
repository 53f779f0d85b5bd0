import { describe, expect, it } from 'vitest';
import { defaultChoice, NO_FILTER, presetRange, shanghaiToday, toFilterValues } from './filter-values';

describe('dashboard filter values', () => {
  it.each([
    ['today', { from: '2026-11-23', to: '2026-11-23' }],
    ['last7Days', { from: '2026-11-17', to: '2026-11-23' }],
    ['last30Days', { from: '2026-10-25', to: '2026-11-23' }],
    ['thisMonth', { from: '2026-11-01', to: '2026-11-23' }],
    ['lastMonth', { from: '2026-10-01', to: '2026-10-31' }],
    ['thisQuarter', { from: '2026-10-01', to: '2026-11-23' }],
    ['thisYear', { from: '2026-01-01', to: '2026-11-23' }],
  ] as const)('%s counted from 2026-11-23', (preset, range) => {
    expect(presetRange(preset, '2026-11-23')).toEqual(range);
  });

  it('last month from January is December of the year before', () => {
    expect(presetRange('lastMonth', '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('takes today in Shanghai: 20:00 UTC is already the next day there', () => {
    expect(shanghaiToday(new Date('2026-11-23T20:00:00Z'))).toBe('2026-11-24');
  });

  it('sends only what the dashboard declares and the user narrowed', () => {
    const filters = { dateRange: { field: 'createdAt' }, channel: { field: 'channel' } };
    expect(toFilterValues(filters, NO_FILTER, '2026-11-23')).toEqual({});
    expect(toFilterValues(filters, { date: { preset: 'today' }, orgUnit: 'sh01', channels: ['web'], owners: ['u1'] }, '2026-11-23')).toEqual({
      dateRange: { field: 'createdAt', from: '2026-11-23', to: '2026-11-23' },
      channel: { field: 'channel', values: ['web'] },
    });
  });

  it('waits for both days of a custom range', () => {
    const filters = { dateRange: { field: 'visit_date' } };
    expect(toFilterValues(filters, { ...NO_FILTER, date: { from: '2026-11-01', to: '' } }, '2026-11-23')).toEqual({});
    expect(toFilterValues(filters, { ...NO_FILTER, date: { from: '2026-11-01', to: '2026-11-03' } }, '2026-11-23')).toEqual({ dateRange: { field: 'visit_date', from: '2026-11-01', to: '2026-11-03' } });
  });

  it('starts from the dashboard\'s default date preset', () => {
    expect(defaultChoice({ dateRange: { field: 'createdAt', default: 'thisMonth' } })).toEqual({ ...NO_FILTER, date: { preset: 'thisMonth' } });
    expect(defaultChoice(undefined)).toEqual(NO_FILTER);
  });
});
