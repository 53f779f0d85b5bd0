/**
 * Decimal numbers as text, so money never passes through binary floating point once it is parsed.
 * A JS number is accepted at the edge via its shortest round-trip form (`String(0.1 + 0.2)` is
 * "0.30000000000000004"), which exposes float artefacts instead of hiding them.
 */
export interface DecimalParts {
  readonly negative: boolean;
  /** Without leading zeros ("0" for zero). */
  readonly int: string;
  /** Without trailing zeros. */
  readonly frac: string;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;
const ASCII_DIGITS = /^[+-]?\d+(\.\d+)?$/;

export function parseDecimal(value: unknown): DecimalParts | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
    // Tiny or huge numbers print with an exponent; expand exactly from the printed digits.
    if (text.includes('e')) text = expandExponent(text);
  } else if (typeof value === 'string') {
    text = value.trim();
    if (text.indexOf(',') >= 0) text = text.replace(/,/g, '');
    if (!ASCII_DIGITS.test(text)) return undefined;
  } else {
    return undefined;
  }
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  // The replacements run only when there is something to strip (this is on every money value's path).
  const digits = m[2] as string;
  const int = digits.length > 1 && digits.charCodeAt(0) === 48 ? digits.replace(/^0+(?=\d)/, '') : digits;
  const fracDigits = m[3] ?? '';
  const frac = fracDigits.endsWith('0') ? fracDigits.replace(/0+$/, '') : fracDigits;
  const zero = int === '0' && frac === '';
  return { negative: m[1] === '-' && !zero, int, frac };
}

function expandExponent(text: string): string {
  const [mantissa = '', exponentText = '0'] = text.split('e');
  const negative = mantissa.startsWith('-');
  const [i = '', f = ''] = mantissa.replace('-', '').split('.');
  const digits = i + f;
  const point = i.length + Number(exponentText);
  const body = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + body;
}

/** "1234.5" with 2 decimals -> "1234.50"; 0 decimals -> "1234" (only call when frac fits). */
export function formatDecimal(parts: DecimalParts, decimals: number): string {
  const sign = parts.negative ? '-' : '';
  return decimals === 0 ? sign + parts.int : `${sign}${parts.int}.${parts.frac.padEnd(decimals, '0')}`;
}

/** Orders two parsed decimals: -1, 0 or 1. */
export function compareParts(a: DecimalParts, b: DecimalParts): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const sign = a.negative ? -1 : 1;
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -sign : sign;
  if (a.int !== b.int) return a.int < b.int ? -sign : sign;
  if (a.frac === b.frac) return 0;
  const width = Math.max(a.frac.length, b.frac.length);
  return a.frac.padEnd(width, '0') < b.frac.padEnd(width, '0') ? -sign : sign;
}
