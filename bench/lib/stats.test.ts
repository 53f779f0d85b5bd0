import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from './stats';

describe('stats', () => {
  it('takes the middle of an odd count and the mean of the middle two of an even one', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('uses nearest-rank percentiles', () => {
    const samples = Array.from({ length: 30 }, (_, i) => i + 1);
    expect(percentile(samples, 95)).toBe(29);
    expect(percentile(samples, 100)).toBe(30);
    expect(percentile([7], 99)).toBe(7);
  });

  it('summarises without mutating its input', () => {
    const samples = [3, 1, 2];
    expect(summarize(samples)).toEqual({ runs: 3, medianMs: 2, p95Ms: 3, minMs: 1, maxMs: 3 });
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses empty samples', () => {
    expect(() => median([])).toThrow(/no samples/);
  });
});
