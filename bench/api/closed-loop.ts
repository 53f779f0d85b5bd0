import { isInterrupted } from '../lib/output';
import { percentile, round } from '../lib/stats';

export interface LoadFigures {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly perSec: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** The first error seen, to say why errors happened. */
  readonly firstError: string | null;
}

export interface ClosedLoopOptions {
  readonly concurrency: number;
  readonly durationMs: number;
  /** Stop early after this many requests (bounds a run whatever the speed). */
  readonly maxRequests: number;
}

/**
 * `concurrency` workers each send one request, wait for its answer, and send the next, until the time or
 * request budget is spent: a closed loop, so latency is what one client sees under that much concurrency.
 * Every latency is kept (a 30 s run is well under a million numbers), so percentiles are exact.
 */
export async function runClosedLoop(send: (index: number) => Promise<void>, options: ClosedLoopOptions): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  let firstError: string | null = null;
  const start = performance.now();
  const deadline = start + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline && issued < options.maxRequests && !isInterrupted()) {
      const index = issued++;
      const t0 = performance.now();
      try {
        await send(index);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  const ok = latencies.length > 0;
  return Object.freeze({
    requests: latencies.length,
    errors,
    seconds: round(seconds, 2),
    perSec: Math.round(latencies.length / seconds),
    p50Ms: ok ? round(percentile(latencies, 50), 2) : 0,
    p95Ms: ok ? round(percentile(latencies, 95), 2) : 0,
    p99Ms: ok ? round(percentile(latencies, 99), 2) : 0,
    maxMs: round(latencies.reduce((max, ms) => Math.max(max, ms), 0), 2),
    firstError,
  });
}
