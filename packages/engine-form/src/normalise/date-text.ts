/**
 * Calendar dates as people and spreadsheets write them, read into `YYYY-MM-DD`. Only year-first orders
 * are read: "03/02/2025" is March 2nd in one country and February 3rd in another, so it is refused
 * rather than guessed.
 *
 *   readDateText("2025/3/2")          -> "2025-03-02"
 *   readDateText("２０２５年3月2日")    -> "2025-03-02"
 *   readDateText("2025-03-02 00:00:00") -> "2025-03-02"   (a spreadsheet's date-as-text)
 *   readDateText("20250302")          -> "2025-03-02"
 *   readDateText("03/02/2025")        -> undefined
 *   excelSerialDate(45718)            -> "2025-03-02"
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Year, month, day separated by - / . or 年 月 (日), then optionally a time of day that is ignored. */
const YEAR_FIRST = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const FULL_WIDTH_DIGIT = /[\uff10-\uff19]/;
const FULL_WIDTH_DIGITS = /[\uff10-\uff19]/g;

export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

function format(y: number, m: number, d: number): string | undefined {
  if (!isCalendarDate(y, m, d)) return undefined;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** A date written year first, in any of the forms above, as `YYYY-MM-DD`; undefined when not a real day. */
export function readDateText(value: string): string | undefined {
  let text = value.trim();
  // The common case (already ISO) is answered without the wider patterns.
  const iso = ISO.exec(text);
  if (iso) return format(Number(iso[1]), Number(iso[2]), Number(iso[3])) === text ? text : undefined;
  if (FULL_WIDTH_DIGIT.test(text)) text = text.replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48));
  const m = YEAR_FIRST.exec(text) ?? COMPACT.exec(text);
  return m ? format(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** Days from 1899-12-30 (Excel's 1900 date system, whose day 60 is the 1900-02-29 that never was). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** 9999-12-31, the last day a spreadsheet can hold. */
const MAX_SERIAL = 2_958_465;

/** A spreadsheet date serial (the whole days; a time fraction is dropped) as `YYYY-MM-DD`, or undefined. */
export function excelSerialDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL) return undefined;
  const whole = Math.floor(serial);
  if (whole === 60) return undefined;
  // Before the phantom leap day the count is one ahead of the calendar.
  const day = new Date(EXCEL_EPOCH_MS + (whole < 60 ? whole + 1 : whole) * DAY_MS);
  return format(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}
