import type { ReportBucket } from '@tangram/schema';

/**
 * Day arithmetic for reports, in Asia/Shanghai (UTC+8 all year: no daylight saving), so a date range or a
 * bucket means the same days to a reader in China whatever zone the server runs in. Pure: dates come in
 * as "YYYY-MM-DD" strings, never from a clock.
 */
export const REPORT_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of UTC midnight of the day, or undefined when it is not a real date ("2026-02-30"). */
function dayMs(day: string): number | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === day ? ms : undefined;
}

export function isDay(day: string): boolean {
  return dayMs(day) !== undefined;
}

/** `addDays("2026-03-01", -1)` -> "2026-02-28" */
export function addDays(day: string, n: number): string {
  return new Date(dayMs(day)! + n * DAY_MS).toISOString().slice(0, 10);
}

/** `addMonths("2026-01-01", 3)` -> "2026-04-01" (used on bucket starts, always the 1st). */
function addMonths(day: string, n: number): string {
  const d = new Date(dayMs(day)!);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate())).toISOString().slice(0, 10);
}

/** `daysBetween("2026-10-01", "2026-10-31")` -> 30 */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to)! - dayMs(from)!) / DAY_MS);
}

/** The instant a Shanghai day starts: `dayStart("2026-10-01")` -> "2026-09-30T16:00:00.000Z" */
export function dayStart(day: string): string {
  return new Date(dayMs(day)! - OFFSET_MS).toISOString();
}

/** The day after a bucket that starts on `start`: `bucketEnd("2026-10-01", "quarter")` -> "2027-01-01" */
export function bucketEnd(start: string, bucket: ReportBucket): string {
  switch (bucket) {
    case 'day': return addDays(start, 1);
    case 'week': return addDays(start, 7);
    case 'month': return addMonths(start, 1);
    case 'quarter': return addMonths(start, 3);
    case 'year': return addMonths(start, 12);
  }
}

/**
 * The period just before: as many whole months when the range is whole months (October against
 * September, a quarter against the one before), else as many days.
 *   previousPeriod("2026-10-01", "2026-10-31") -> 2026-09-01 … 2026-09-30
 *   previousPeriod("2026-10-08", "2026-10-14") -> 2026-10-01 … 2026-10-07
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const after = addDays(to, 1);
  if (from.endsWith('-01') && after.endsWith('-01')) {
    const months = (Number(after.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(after.slice(5, 7)) - Number(from.slice(5, 7));
    return { from: addMonths(from, -months), to: addDays(from, -1) };
  }
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}
