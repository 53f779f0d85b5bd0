import type { ReportResult } from '@tangram/schema';
import { accessWith } from '@tangram/store/testing/store';
import { describe, expect, it } from 'vitest';
import { createReportCache } from './report-cache';

const result = (n: number): ReportResult => ({ columns: [], rows: [{ n }], meta: { form: 'lead', groups: 1, others: false, ignoredFilters: [], cached: false } });
const query = { form: 'lead', dimensions: [], measures: [{ key: 'n', fn: 'count' }] };

describe('report cache', () => {
  const clock = { ms: 0 };
  const manager = (orgUnitIds: string[]) => accessWith('crm', 'lead', { userId: `m-${orgUnitIds.join()}`, actions: ['read'], scope: { kind: 'orgUnits', orgUnitIds } });

  it('shares an entry only between viewers of the same rows', () => {
    const cache = createReportCache({ now: () => clock.ms });
    cache.set(cache.key(manager(['sh01']), query)!, result(1));
    expect(cache.get(cache.key(manager(['sh01']), query)!)).toEqual(result(1));
    expect(cache.get(cache.key(manager(['sh02']), query)!)).toBeUndefined();
    expect(cache.get(cache.key(accessWith('crm', 'lead', { actions: ['read'], scope: { kind: 'orgUnits', orgUnitIds: ['sh01'] }, hidden: ['budget'] }), query)!)).toBeUndefined();
    const byCondition = (userId: string) => accessWith('crm', 'lead', { userId, actions: ['read'], scope: { kind: 'condition', condition: { '==': [{ var: 'owner' }, { var: '$user.id' }] } } });
    cache.set(cache.key(byCondition('u1'), query)!, result(2));
    expect(cache.get(cache.key(byCondition('u2'), query)!)).toBeUndefined();
  });

  it('a record change of the form, a notice gap or the time limit drops results', () => {
    const cache = createReportCache({ now: () => clock.ms, ttlMs: 1000 });
    const access = manager(['sh01']);
    cache.set(cache.key(access, query)!, result(1));
    cache.bump('crm', 'deal');
    expect(cache.get(cache.key(access, query)!)).toEqual(result(1));
    cache.bump('crm', 'lead');
    expect(cache.get(cache.key(access, query)!)).toBeUndefined();
    cache.set(cache.key(access, query)!, result(3));
    cache.clear();
    expect(cache.get(cache.key(access, query)!)).toBeUndefined();
    cache.set(cache.key(access, query)!, result(4));
    clock.ms += 1000;
    expect(cache.get(cache.key(access, query)!)).toBeUndefined();
  });

  it('never caches a report that reads the clock', () => {
    expect(createReportCache({ now: () => 0 }).key(manager(['sh01']), { ...query, filter: { '<': [{ var: 'due' }, { var: '$now' }] } })).toBeUndefined();
  });
});
