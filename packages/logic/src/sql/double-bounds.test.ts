import { describe, expect, it } from 'vitest';
import { roundingInterval } from './double-bounds';

describe('roundingInterval', () => {
  it('brackets exactly the decimals that parse to the double', () => {
    for (const value of [0.1, 50000, 123.45, -0.5, 1e-7, 2 ** 53, 0, 5e-324]) {
      const interval = roundingInterval(value)!;
      // The bounds themselves are ties: they belong to the interval exactly when they round to the value.
      expect(Number(interval.low) === value).toBe(interval.lowIncluded);
      expect(Number(interval.high) === value).toBe(interval.highIncluded);
      // Just beyond a bound (one more digit, away from the value) is another double.
      if (interval.high.includes('.') && !interval.high.startsWith('-')) expect(Number(`${interval.high}1`)).not.toBe(value);
      if (interval.low.includes('.') && interval.low.startsWith('-')) expect(Number(`${interval.low}1`)).not.toBe(value);
    }
  });

  it('follows round-half-to-even at the midpoint', () => {
    // 2^53 + 1 is the midpoint of 2^53 (even) and 2^53 + 2 (odd): it rounds to 2^53.
    const interval = roundingInterval(2 ** 53)!;
    expect(interval.high).toBe('9007199254740993');
    expect(interval.highIncluded).toBe(true);
    expect(Number('9007199254740993')).toBe(2 ** 53);
    expect(roundingInterval(2 ** 53 + 2)!.lowIncluded).toBe(false);
  });
});
