import type { FormulaField } from '@tangram/schema';
import { calendarDay } from './calendar';
import { parseDecimal, formatDecimal, type DecimalParts } from './normalise/decimal-text';
import { isIsoDate, parseIsoDatetime } from './normalise/date';

type ResultKind = FormulaField['resultKind'];
/** Coerces what a formula computed into its declared result kind; `undefined` = no value. */
export type Coerce = (value: unknown, timeZone: string) => unknown;

/** 15 significant digits is what a double holds exactly; rounding there removes artefacts like 0.1 + 0.2. */
function cleanNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return undefined;
  const clean = Number(n.toPrecision(15));
  return clean === 0 ? 0 : clean;
}

/** Rounds half away from zero on the decimal digits themselves. */
function roundParts(parts: DecimalParts, decimals: number): DecimalParts {
  if (parts.frac.length <= decimals) return parts;
  const roundUp = (parts.frac.charCodeAt(decimals) - 48) >= 5;
  let digits = parts.int + parts.frac.slice(0, decimals);
  if (roundUp) {
    const chars = digits.split('');
    let i = chars.length - 1;
    for (; i >= 0; i--) {
      if (chars[i] === '9') chars[i] = '0';
      else { chars[i] = String.fromCharCode((chars[i] as string).charCodeAt(0) + 1); break; }
    }
    digits = (i < 0 ? '1' : '') + chars.join('');
  }
  const int = digits.slice(0, digits.length - decimals).replace(/^0+(?=\d)/, '') || '0';
  const frac = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return { negative: parts.negative && !(int === '0' && frac === ''), int, frac };
}

const coerce: Record<ResultKind, Coerce> = {
  number: (v) => cleanNumber(v),
  money: (v) => {
    const n = cleanNumber(v);
    const parts = n === undefined ? undefined : parseDecimal(n);
    return parts && formatDecimal(roundParts(parts, 2), 2);
  },
  text: (v) => (v === null || v === undefined ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v)),
  boolean: (v) => !(Array.isArray(v) && v.length === 0) && Boolean(v),
  date: (v, timeZone) => {
    if (typeof v !== 'string') return undefined;
    if (isIsoDate(v)) return v;
    if (parseIsoDatetime(v) === undefined) return undefined;
    const day = calendarDay(v, timeZone);
    return day && `${day.year}-${day.month}-${day.day}`;
  },
};

/** The coercion of a formula's result kind, chosen once per compiled form. */
export function formulaCoercion(kind: ResultKind): Coerce {
  return coerce[kind];
}
