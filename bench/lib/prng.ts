/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) so every run of a benchmark sees the same data:
 * figures from two runs are comparable only when the rows are identical. Not for anything secret.
 *
 * const next = createPrng(42); next() // 0.6011037519201636 — always, for seed 42
 */
export type Prng = () => number;

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A uniform float in [0, 1). */
export function createPrng(seed: number): Prng {
  const mix = splitmix32(seed);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/** An integer in [min, max], both included. */
export function pickInt(next: Prng, min: number, max: number): number {
  return min + Math.floor(next() * (max - min + 1));
}

export function pickOne<T>(next: Prng, items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error('pickOne: empty list');
  return item;
}

/** Picks by weight: `[['web', 3], ['expo', 1]]` yields 'web' three times as often. */
export function pickWeighted<T>(next: Prng, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = next() * total;
  for (const [item, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return item;
  }
  const last = weighted[weighted.length - 1];
  if (!last) throw new Error('pickWeighted: empty list');
  return last[0];
}
