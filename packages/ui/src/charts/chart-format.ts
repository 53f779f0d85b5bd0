import type { Locale, ReportCell, ReportColumnKind } from '@tangram/schema';

/** Sums and averages of money arrive as exact decimal strings; charts draw them as numbers. */
export function cellNumber(value: ReportCell | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

const DAY = 86_400;
const HOUR = 3_600;

/**
 * A duration in the reader's language, in the largest unit that keeps it above one.
 * formatDuration(129600, 'en') -> "1.5 days"; formatDuration(129600, 'zh-CN') -> "1.5天"
 */
export function formatDuration(seconds: number, locale: Locale): string {
  const [amount, unit] = seconds >= DAY ? [seconds / DAY, 'day'] : seconds >= HOUR ? [seconds / HOUR, 'hour'] : [seconds / 60, 'minute'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(amount);
}

/**
 * A "YYYY-MM-DD" bucket (or an ISO time) as the reader writes dates; anything else unchanged.
 * formatDate('2024-04-01', 'zh-CN') -> "2024年4月1日"
 */
export function formatDate(value: string, locale: Locale): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  // A bare date is a calendar day, not midnight UTC: build it in UTC and format it in UTC.
  const date = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(day ? { timeZone: 'UTC' } : {}) }).format(date);
}

/**
 * A result cell as text, by its column's kind.
 * formatCell(0.256, 'ratio', 'en') -> "25.6%"; formatCell('1234.5', 'decimal', 'zh-CN') -> "1,234.5"
 */
export function formatCell(value: ReportCell | undefined, kind: ReportColumnKind, locale: Locale, empty = '—'): string {
  if (value === null || value === undefined || value === '') return empty;
  if (kind === 'text') return String(value);
  if (kind === 'date') return formatDate(String(value), locale);
  const n = cellNumber(value);
  if (n === null) return String(value);
  switch (kind) {
    case 'ratio':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n);
    case 'seconds':
      return formatDuration(n, locale);
    case 'decimal':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);
    case 'number':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);
  }
}

/**
 * A relative change with its sign; null when there is nothing to compare with.
 * formatDelta(0.25, 'en') -> "+25%"; formatDelta(-0.031, 'zh-CN') -> "-3.1%"
 */
export function formatDelta(delta: number | null, locale: Locale): string | null {
  if (delta === null || !Number.isFinite(delta)) return null;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(delta);
}

/** Axis ticks stay short: 12,000 -> "1.2万" in Chinese, "12K" in English. */
export function formatCompact(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
