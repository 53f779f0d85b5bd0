import { describe, expect, it } from 'vitest';
import { CHANNELS, createCustomerGenerator, STAGES, STORE_CODES } from './customer-generator';

describe('createCustomerGenerator', () => {
  it('yields the same rows for the same seed, however they are taken', () => {
    const whole = createCustomerGenerator(1).take(300);
    const split = createCustomerGenerator(1);
    expect([...split.take(100), ...split.take(200)]).toEqual(whole);
    expect(createCustomerGenerator(2).take(300)).not.toEqual(whole);
  });

  it('makes rows a customer list would hold', () => {
    const rows = createCustomerGenerator().take(5000);
    for (const row of rows) {
      expect(row.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(row.budget).toMatch(/^\d+\.00$/);
      expect(row.name).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(row.created >= '2024-11-01' && row.created <= '2026-10-31').toBe(true);
      expect(row.age).toBeGreaterThanOrEqual(18);
      expect(row.age).toBeLessThanOrEqual(70);
    }
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(CHANNELS));
    expect(new Set(rows.map((r) => r.stage))).toEqual(new Set(STAGES));
    expect(new Set(rows.map((r) => r.store)).size).toBe(STORE_CODES.length);
  });

  it('matches the benchmark list filter for a useful share of rows', () => {
    const rows = createCustomerGenerator().take(20_000);
    const share = rows.filter((r) => r.channel === 'web' && Number(r.budget) > 50_000).length / rows.length;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.2);
  });

  it('refuses a malformed last day', () => {
    expect(() => createCustomerGenerator(1, '31/10/2026')).toThrow(/YYYY-MM-DD/);
  });
});
