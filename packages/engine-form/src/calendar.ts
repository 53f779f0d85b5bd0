/** The calendar day of an instant in a time zone, via Intl (pure: no clock, no IO). */
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Intl formatting costs microseconds; a write path asks the same (zone, minute) over and over. */
const days = new Map<string, CalendarDay>();
const MAX_CACHED_DAYS = 1024;

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface CalendarDay { readonly year: string; readonly month: string; readonly day: string }

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `calendarDay("2025-03-01T17:00:00Z", "Asia/Shanghai")` -> {year "2025", month "03", day "02"}. Throws RangeError for an unknown zone. */
let last: { instant: string; timeZone: string; day: CalendarDay } | undefined;

export function calendarDay(instant: string, timeZone: string): CalendarDay | undefined {
  if (last && last.instant === instant && last.timeZone === timeZone) return last.day;
  const epoch = Date.parse(instant);
  if (Number.isNaN(epoch)) return undefined;
  // Every zone offset is a whole number of minutes, so the day is constant within a UTC minute.
  const key = `${timeZone}|${Math.floor(epoch / 60_000)}`;
  const cached = days.get(key);
  if (cached) {
    last = { instant, timeZone, day: cached };
    return cached;
  }
  let year = '', month = '', day = '';
  for (const part of formatterFor(timeZone).formatToParts(epoch)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  const result = Object.freeze({ year, month, day });
  if (days.size >= MAX_CACHED_DAYS) days.clear();
  days.set(key, result);
  last = { instant, timeZone, day: result };
  return result;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (formatters.has(timeZone)) return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
