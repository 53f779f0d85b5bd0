import { describe, expect, it } from 'vitest';
import { createCustomerGenerator } from '../lib/customer-generator';
import { reportsAgree } from './agreement';
import { createdAt, createHistoryGenerator, FUNNEL_STAGES } from './stage-history';

describe('stage history', () => {
  const rows = createCustomerGenerator().take(2000);
  const events = createHistoryGenerator(5).updates(rows, 0);

  it('moves each lead up the stages one step at a time, after it was created, to its final stage', () => {
    rows.forEach((row, lead) => {
      const steps = events.filter((e) => e.lead === lead && e.field === 'stage');
      expect(steps.map((e) => e.after)).toEqual(FUNNEL_STAGES.slice(1, FUNNEL_STAGES.indexOf(row.stage) + 1));
      const times = steps.map((e) => Date.parse(e.at));
      expect(times.every((t, i) => t > (i === 0 ? createdAt(row) : times[i - 1]!))).toBe(true);
    });
  });

  it('averages the asked number of events per lead, the created event included', () => {
    expect((rows.length + events.length) / rows.length).toBeCloseTo(5, 0);
  });

  it('is the same stream on every run', () => {
    expect(createHistoryGenerator(5).updates(rows.slice(0, 50), 0)).toEqual(events.filter((e) => e.lead < 50));
  });
});

describe('report agreement', () => {
  const result = { columns: [], meta: { form: 'f', groups: 1, others: false, ignoredFilters: [], cached: false }, rows: [{ channel: 'web', n: 2, budget: '1500.00' }] };
  it('compares exact numbers whatever their spelling, and names the first difference', () => {
    expect(reportsAgree(result, [{ channel: 'web', n: '2', budget: '1500' }], ['channel', 'n', 'budget'])).toBeNull();
    expect(reportsAgree(result, [{ channel: 'web', n: 3, budget: '1500' }], ['channel', 'n', 'budget'])).toBe('row 0: ["web",2,1500] against ["web",3,1500]');
  });
});
