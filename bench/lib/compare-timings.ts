import { throwIfInterrupted } from './output';
import { round, summarize, type Summary } from './stats';

export interface ComparedTimings {
  readonly store: Summary;
  readonly sql: Summary;
  /** store median / sql median: 1.0 means no overhead; the goal is <= 1.5. */
  readonly ratio: number;
}

export interface CompareOptions {
  readonly warmupRuns: number;
  readonly runs: number;
}

/**
 * Times two ways of getting the same answer, interleaved run by run and alternating which goes first, so
 * drift (autovacuum, the page cache warming, a noisy neighbour) falls on both sides alike.
 */
export async function compareTimings(
  store: () => Promise<unknown>,
  sql: () => Promise<unknown>,
  options: CompareOptions,
): Promise<ComparedTimings> {
  for (let i = 0; i < options.warmupRuns; i++) {
    throwIfInterrupted();
    await store();
    await sql();
  }
  const storeMs: number[] = [];
  const sqlMs: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    throwIfInterrupted();
    if (i % 2 === 0) {
      storeMs.push(await timeOnce(store));
      sqlMs.push(await timeOnce(sql));
    } else {
      sqlMs.push(await timeOnce(sql));
      storeMs.push(await timeOnce(store));
    }
  }
  const storeSummary = summarize(storeMs);
  const sqlSummary = summarize(sqlMs);
  return Object.freeze({ store: storeSummary, sql: sqlSummary, ratio: round(storeSummary.medianMs / sqlSummary.medianMs, 2) });
}

export async function timeOnce(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}
