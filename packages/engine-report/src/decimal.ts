/**
 * Exact sums of decimal strings ("1234.50" + "0.5" -> "1235.00"), for the "others" row of money
 * measures: the store's sums are exact and adding them as floats would not be.
 */
export function addDecimals(a: string, b: string): string {
  const scale = Math.max(fractionDigits(a), fractionDigits(b));
  const total = scaled(a, scale) + scaled(b, scale);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const text = scale === 0 ? whole : `${whole}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

function fractionDigits(x: string): number {
  const dot = x.indexOf('.');
  return dot < 0 ? 0 : x.length - dot - 1;
}

function scaled(x: string, scale: number): bigint {
  const [whole = '0', fraction = ''] = x.split('.');
  const negative = whole.startsWith('-');
  const magnitude = BigInt(`${negative ? whole.slice(1) : whole}${fraction.padEnd(scale, '0')}`);
  return negative ? -magnitude : magnitude;
}

/** "1234.5000000000000000" -> "1234.50": averages of money come back from SQL with many digits. */
export function roundDecimal(x: string, digits: number): string {
  return Number(x).toFixed(digits);
}
