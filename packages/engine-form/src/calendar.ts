/** The calendar day of an instant in a time zone, via Intl (pure: no clock, no IO). */
const formatters = new Map<string, Intl.DateTimeFormat>();

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface CalendarDay { readonly year: string; readonly month: string; readonly day: string }

/** `calendarDay("2025-03-01T17:00:00Z", "Asia/Shanghai")` -> {year "2025", month "03", day "02"}. Throws RangeError for an unknown zone. */
export function calendarDay(instant: string, timeZone: string): CalendarDay | undefined {
  const epoch = Date.parse(instant);
  if (Number.isNaN(epoch)) return undefined;
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  let year = '', month = '', day = '';
  for (const part of formatter.formatToParts(epoch)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return { year, month, day };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    calendarDay('2000-01-01T00:00:00Z', timeZone);
    return true;
  } catch {
    return false;
  }
}
