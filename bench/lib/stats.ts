/** Timing summaries. Percentiles use the nearest-rank method, so p95 of 30 runs is the 29th fastest. */
export interface Summary {
  readonly runs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((x, y) => x - y);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** The median of an even count is the mean of the two middle samples. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  return Object.freeze({
    runs: samples.length,
    medianMs: round(median(samples)),
    p95Ms: round(percentile(samples, 95)),
    minMs: round(samples.reduce((min, ms) => Math.min(min, ms), Infinity)),
    maxMs: round(samples.reduce((max, ms) => Math.max(max, ms), -Infinity)),
  });
}

/** Three decimals: sub-millisecond queries still show a difference, and the JSON stays readable. */
export function round(value: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
