import type { DashboardDatePreset, DashboardFilters, ReportFilterValues } from '@tangram/schema';

/** What the filter bar holds: a date preset or explicit days, a store, channels and owners. */
export interface FilterChoice {
  readonly date: { readonly preset: DashboardDatePreset } | { readonly from: string; readonly to: string } | null;
  readonly orgUnit: string | null;
  readonly channels: readonly string[];
  readonly owners: readonly string[];
}

export const NO_FILTER: FilterChoice = Object.freeze({ date: null, orgUnit: null, channels: [], owners: [] });

const day = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/**
 * A preset's inclusive days, counted from `today` ("YYYY-MM-DD" in Asia/Shanghai, as the server counts).
 * presetRange('last7Days', '2026-11-23') -> { from: '2026-11-17', to: '2026-11-23' }
 */
export function presetRange(preset: DashboardDatePreset, today: string): { from: string; to: string } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const t = utc(y, m - 1, d);
  const quarter = Math.floor((m - 1) / 3) * 3;
  const ranges: Record<DashboardDatePreset, () => [Date, Date]> = {
    today: () => [t, t],
    last7Days: () => [utc(y, m - 1, d - 6), t],
    last30Days: () => [utc(y, m - 1, d - 29), t],
    thisMonth: () => [utc(y, m - 1, 1), t],
    lastMonth: () => [utc(y, m - 2, 1), utc(y, m - 1, 0)],
    thisQuarter: () => [utc(y, quarter, 1), t],
    thisYear: () => [utc(y, 0, 1), t],
  };
  const [from, to] = ranges[preset]();
  return { from: day(from), to: day(to) };
}

/** Today in Asia/Shanghai (UTC+8, no daylight saving), the calendar the server buckets dates in. */
export function shanghaiToday(now: Date): string {
  return day(new Date(now.getTime() + 8 * 3_600_000));
}

/** The dashboard's default choice: its date preset, nothing else narrowed. */
export function defaultChoice(filters: DashboardFilters | undefined): FilterChoice {
  const preset = filters?.dateRange?.default;
  return { ...NO_FILTER, date: preset ? { preset } : null };
}

/**
 * The filter values sent with every run: only the filters the dashboard declares and the user narrowed.
 * toFilterValues({dateRange: {field: 'createdAt'}}, {date: {preset: 'today'}, …}, '2026-11-23')
 *   -> { dateRange: { field: 'createdAt', from: '2026-11-23', to: '2026-11-23' } }
 */
export function toFilterValues(filters: DashboardFilters | undefined, choice: FilterChoice, today: string): ReportFilterValues {
  // Custom days count once both are picked; half a range would be refused by the server.
  const range = choice.date === null ? null : 'preset' in choice.date ? presetRange(choice.date.preset, today) : choice.date.from && choice.date.to ? choice.date : null;
  return {
    ...(filters?.dateRange && range ? { dateRange: { field: filters.dateRange.field, ...range } } : {}),
    ...(filters?.orgUnit && choice.orgUnit ? { orgUnit: { field: filters.orgUnit.field, id: choice.orgUnit } } : {}),
    ...(filters?.channel && choice.channels.length > 0 ? { channel: { field: filters.channel.field, values: choice.channels } } : {}),
    ...(filters?.owner && choice.owners.length > 0 ? { owner: { field: filters.owner.field, users: choice.owners } } : {}),
  };
}
