import type { JsonLogic } from '@tangram/schema';
import type { RecordColumn } from '../record-columns';
import { conditionVarNames } from '../record-filter';

/**
 * A report's filter taken apart for a roll-up (rollup-shape.ts): its AND-ed parts become a range of whole
 * months on one date field, slices (`in` on a text field), or the fixed filter.
 */
function conjuncts(filter: JsonLogic | undefined): JsonLogic[] {
  if (filter === undefined || filter === null) return [];
  if (typeof filter === 'object' && !Array.isArray(filter) && Object.keys(filter).length === 0) return [];
  const and = typeof filter === 'object' && !Array.isArray(filter) && Object.keys(filter).length === 1 ? (filter as { and?: unknown }).and : undefined;
  return Array.isArray(and) ? and.flatMap((part) => conjuncts(part as JsonLogic)) : [filter];
}

function varName(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const v = (node as { var?: unknown }).var;
  return typeof v === 'string' ? v : undefined;
}

/** The local month's first instant in `timeZone`, to the millisecond. */
export function isMonthStart(iso: string, timeZone: string): boolean {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()) || at.getUTCMilliseconds() !== 0) return false;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return part('day') === 1 && part('hour') === 0 && part('minute') === 0 && part('second') === 0;
}

export interface Split {
  unaligned?: boolean;
  range?: { field: string; column: RecordColumn; zone: string; lower: string[]; upper: string[] };
  slices: { field: string; column: RecordColumn; values: string[] }[];
  fixed: JsonLogic[];
}

const COMPARISONS = new Set(['>=', '<', '>', '<=']);
const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/**
 * A comparison of a datetime field with an instant: a range bound when it is `>=` / `<` a month's first
 * instant, else `unaligned` — a range such as "the last 7 days" moves every day, and each of its values
 * as a fixed filter would make (and fill) a roll-up of its own.
 */
function rangeBound(part: JsonLogic, column: (name: string) => RecordColumn | undefined, timeZone: string): { field: string; op: '>=' | '<'; at: string; zone: string } | 'unaligned' | undefined {
  if (part === null || typeof part !== 'object' || Array.isArray(part) || Object.keys(part).length !== 1) return undefined;
  const [op, args] = Object.entries(part)[0]!;
  if (!COMPARISONS.has(op) || !Array.isArray(args) || args.length !== 2) return undefined;
  const field = varName(args[0]);
  const value = args[1];
  if (field === undefined || typeof value !== 'string' || column(field)?.type !== 'time') return undefined;
  // A day ("2026-03-01", a date field's range) compares as UTC midnight (record-filter.ts), so its months
  // are cut in UTC; an instant's in the report's time zone.
  const day = DAY.test(value);
  const at = day ? `${value}T00:00:00.000Z` : value;
  const zone = day ? 'UTC' : timeZone;
  return (op === '>=' || op === '<') && (day || at.includes('T')) && isMonthStart(at, zone) ? { field, op, at: new Date(at).toISOString(), zone } : 'unaligned';
}

function slice(part: JsonLogic, column: (name: string) => RecordColumn | undefined): { field: string; values: string[] } | undefined {
  if (part === null || typeof part !== 'object' || Array.isArray(part) || Object.keys(part).length !== 1) return undefined;
  const args = (part as { in?: unknown }).in;
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const field = varName(args[0]);
  const values = args[1];
  if (field === undefined || column(field)?.type !== 'text' || !Array.isArray(values) || !values.every((v) => typeof v === 'string')) return undefined;
  return { field, values: values as string[] };
}

export function splitFilter(filter: JsonLogic | undefined, column: (name: string) => RecordColumn | undefined, timeZone: string): Split {
  const split: Split = { slices: [], fixed: [] };
  for (const part of conjuncts(filter)) {
    const bound = rangeBound(part, column, timeZone);
    if (bound === 'unaligned') {
      split.unaligned = true;
      continue;
    }
    if (bound && split.range && (split.range.field !== bound.field || split.range.zone !== bound.zone)) {
      split.unaligned = true;
      continue;
    }
    if (bound) {
      split.range ??= { field: bound.field, column: column(bound.field)!, zone: bound.zone, lower: [], upper: [] };
      (bound.op === '>=' ? split.range.lower : split.range.upper).push(bound.at);
      continue;
    }
    const s = slice(part, column);
    if (s) {
      const same = split.slices.find((x) => x.field === s.field);
      if (same) same.values = same.values.filter((v) => s.values.includes(v));
      else split.slices.push({ ...s, column: column(s.field)! });
      continue;
    }
    split.fixed.push(part);
  }
  return split;
}

/** Why a condition can't be part of a roll-up, or undefined when it can: it must read typed columns of the row only. */
export function conditionProblem(condition: JsonLogic, column: (name: string) => RecordColumn | undefined): string | undefined {
  for (const name of conditionVarNames(condition)) {
    if (typeof name !== 'string') return 'a condition names no field';
    if (name.startsWith('$user.') || name === '$now') return `a condition reads ${name}`;
    const c = column(name);
    if (!c || c.type === 'json') return `${name} has no typed column`;
  }
  return undefined;
}
