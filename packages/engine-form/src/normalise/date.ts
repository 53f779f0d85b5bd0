import type { DateField } from '@tangram/schema';
import { INVALID, type PrepareNormaliser } from './normaliser';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/i;

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  return d <= days;
}

/** `YYYY-MM-DD`, a real calendar day. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** ISO-8601 with an explicit offset (`Z` or `+08:00`); a time without offset is ambiguous and refused. */
export function parseIsoDatetime(value: string): number | undefined {
  const m = DATETIME.exec(value);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  const epoch = Date.parse(value);
  return Number.isNaN(epoch) ? undefined : epoch;
}

export const prepareDate: PrepareNormaliser<DateField> = (field) => {
  if (field.kind === 'date') {
    return (value, path, problems) => {
      if (typeof value !== 'string' || !isIsoDate(value.trim())) return problems.push({ path, code: 'invalidDate' }), INVALID;
      const date = value.trim();
      if (field.min !== undefined && date < field.min) return problems.push({ path, code: 'minimum', params: { limit: field.min } }), INVALID;
      if (field.max !== undefined && date > field.max) return problems.push({ path, code: 'maximum', params: { limit: field.max } }), INVALID;
      return date;
    };
  }
  const min = field.min === undefined ? undefined : Date.parse(field.min);
  const max = field.max === undefined ? undefined : Date.parse(field.max);
  // Stored in one canonical UTC form so equal instants are equal strings and sort in time order.
  return (value, path, problems) => {
    const epoch = typeof value === 'string' ? parseIsoDatetime(value.trim()) : undefined;
    if (epoch === undefined) return problems.push({ path, code: 'invalidDatetime' }), INVALID;
    if (min !== undefined && epoch < min) return problems.push({ path, code: 'minimum', params: { limit: field.min } }), INVALID;
    if (max !== undefined && epoch > max) return problems.push({ path, code: 'maximum', params: { limit: field.max } }), INVALID;
    return new Date(epoch).toISOString();
  };
};
