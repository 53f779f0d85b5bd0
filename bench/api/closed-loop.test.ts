import { describe, expect, it } from 'vitest';
import { runClosedLoop } from './closed-loop';

describe('runClosedLoop', () => {
  it('stops at the request budget and sends each index once', async () => {
    const seen: number[] = [];
    const figures = await runClosedLoop(async (i) => {
      seen.push(i);
    }, { concurrency: 4, durationMs: 60_000, maxRequests: 100 });
    expect(figures.requests).toBe(100);
    expect(figures.errors).toBe(0);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('counts failures as errors, never as throughput, and keeps the first reason', async () => {
    const figures = await runClosedLoop(async (i) => {
      if (i % 2 === 1) throw new Error(`answered 500 for ${i}`);
    }, { concurrency: 1, durationMs: 60_000, maxRequests: 10 });
    expect(figures.requests).toBe(5);
    expect(figures.errors).toBe(5);
    expect(figures.firstError).toBe('answered 500 for 1');
  });
});
