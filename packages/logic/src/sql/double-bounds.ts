/**
 * Exact decimal bounds of the reals that round to a given double. They let a `numeric` column be compared
 * with a JS number as JavaScript compares `Number(value)` — exactly — while staying a plain comparison on
 * the column, which an index on the column serves.
 *
 *   roundingInterval(0.1) // -> { low: '0.09999999999999999167…', lowIncluded: true, high: '0.10000000000000000555…', highIncluded: true }
 */

const view = new DataView(new ArrayBuffer(8));
const bitsOf = (value: number): bigint => {
  view.setFloat64(0, value);
  return view.getBigUint64(0);
};
const fromBits = (bits: bigint): number => {
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
};

/** The next double towards +Infinity (for finite values). */
function nextUp(value: number): number {
  if (value === 0) return Number.MIN_VALUE;
  const bits = bitsOf(value);
  return fromBits(value > 0 ? bits + 1n : bits - 1n);
}
const nextDown = (value: number): number => -nextUp(-value);

/** Every finite double is an integer over 2^1074. */
const SCALE = 1074n;
function numerator(value: number): bigint {
  const bits = bitsOf(value);
  const negative = bits >> 63n === 1n;
  const exponent = (bits >> 52n) & 0x7ffn;
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = exponent === 0n ? fraction : fraction | (1n << 52n);
  const shift = exponent === 0n ? 0n : exponent - 1n;
  const magnitude = mantissa << shift;
  return negative ? -magnitude : magnitude;
}

/** (a + b) / 2 as an exact decimal string. */
function midpoint(a: number, b: number): string {
  const sum = numerator(a) + numerator(b); // over 2^1074; halving makes it over 2^1075
  const denominatorPower = SCALE + 1n;
  const negative = sum < 0n;
  const digits = ((negative ? -sum : sum) * 5n ** denominatorPower).toString().padStart(Number(denominatorPower) + 1, '0');
  const integer = digits.slice(0, digits.length - Number(denominatorPower));
  const decimals = digits.slice(digits.length - Number(denominatorPower)).replace(/0+$/, '');
  return `${negative ? '-' : ''}${integer}${decimals ? `.${decimals}` : ''}`;
}

export interface RoundingInterval {
  readonly low: string;
  readonly lowIncluded: boolean;
  readonly high: string;
  readonly highIncluded: boolean;
}

/**
 * The reals `d` with `Number(d) === value` (round half to even). Undefined for values too large for the
 * interval to be finite.
 */
export function roundingInterval(value: number): RoundingInterval | undefined {
  if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 1023) return undefined;
  // A tie rounds to the neighbour whose last mantissa bit is 0.
  const even = (bitsOf(value) & 1n) === 0n;
  return {
    low: midpoint(nextDown(value), value),
    lowIncluded: even,
    high: midpoint(value, nextUp(value)),
    highIncluded: even,
  };
}
