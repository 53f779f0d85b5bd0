import type { RawBuilder } from 'kysely';
import { compileToSql, LogicError, type SqlType, type VarResolution } from '@tangram/logic';
import type { JsonLogic } from '@tangram/schema';
import type { FormAccess } from './api';
import { StoreError } from './errors';
import type { FormLayout, ValueType } from './form-layout';
import { recordColumn } from './record-columns';
import { isValidTimeValue } from './record-values';

export interface ConditionContext {
  readonly layout: FormLayout;
  readonly access: FormAccess;
  readonly now: () => Date;
  /** A caller's filter (list, count, aggregate, bulk): hidden fields are refused, not silently ignored. */
  readonly userFilter: boolean;
}

const SQL_TYPE: Readonly<Record<ValueType, SqlType>> = { text: 'text', numeric: 'numeric', time: 'timestamptz', boolean: 'boolean', json: 'jsonb' };

/** Every `{"var": …}` in an expression, with the JSON path of its name. */
function collectVars(node: unknown, path: string, found: { name: unknown; path: string }[]): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => collectVars(child, `${path}/${i}`, found));
  } else if (node !== null && typeof node === 'object') {
    for (const [op, args] of Object.entries(node)) {
      if (op === 'var') found.push({ name: Array.isArray(args) ? args[0] : args, path: Array.isArray(args) ? `${path}/var/0` : `${path}/var` });
      else collectVars(args, `${path}/${op}`, found);
    }
  }
}

/** The names of every `var` in a condition, as written (a name that is not text included). */
export function conditionVarNames(expr: JsonLogic): unknown[] {
  const vars: { name: unknown; path: string }[] = [];
  collectVars(expr, '', vars);
  return vars.map((v) => v.name);
}

/** The field keys a condition reads (what a list asks slot indexes for). */
export function conditionFields(expr: JsonLogic): string[] {
  return conditionVarNames(expr).filter((name): name is string => typeof name === 'string');
}

const COMPARISONS = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=']);

/**
 * Date fields hold "2024-05-01" in data and UTC midnight in their slot; datetimes may carry any offset.
 * A literal compared with a time field is rewritten to the canonical UTC instant the slot holds, so
 * `{">=": [{"var": "due"}, "2024-05-01"]}` means what it says (and orders exactly as the dates do).
 */
function canonicalTimes(node: JsonLogic, isTime: (name: string) => boolean): JsonLogic {
  if (Array.isArray(node)) return node.map((n) => canonicalTimes(n, isTime));
  if (node === null || typeof node !== 'object') return node;
  const [op, raw] = Object.entries(node)[0] ?? [];
  if (op === undefined || Object.keys(node).length !== 1) return node;
  const args = (Array.isArray(raw) ? raw : [raw]) as JsonLogic[];
  const timeVar = args.some((a) => a !== null && typeof a === 'object' && !Array.isArray(a) && typeof (a as { var?: unknown }).var === 'string' && isTime((a as { var: string }).var));
  const toInstant = (v: JsonLogic): JsonLogic => (typeof v === 'string' && isValidTimeValue(v) ? new Date(/T| /.test(v) ? v.replace(' ', 'T') : `${v}T00:00:00Z`).toISOString() : v);
  if (timeVar && COMPARISONS.has(op)) return { [op]: args.map((a) => toInstant(a)) };
  if (timeVar && op === 'in' && Array.isArray(args[1])) return { in: [args[0]!, (args[1] as JsonLogic[]).map(toInstant)] };
  return { [op]: Array.isArray(raw) ? args.map((a) => canonicalTimes(a, isTime)) : canonicalTimes(raw as JsonLogic, isTime) };
}

/**
 * Compiles a json-logic condition over a record row `r` with `@tangram/logic`'s SQL back end (the same
 * answers as in memory). Fields resolve to their typed slot (or `data->'key'`), `$user.id`,
 * `$user.orgUnitIds` and `$now` to bound values. A hidden field in a caller's filter is
 * ERR_FIELD_NOT_FILTERABLE: filtering on it would reveal its values one guess at a time.
 */
export function compileRecordCondition(expr: JsonLogic, ctx: ConditionContext, path: string): RawBuilder<unknown> {
  const vars: { name: unknown; path: string }[] = [];
  collectVars(expr, path, vars);
  for (const v of vars) {
    if (typeof v.name !== 'string') throw new StoreError('ERR_INVALID_FILTER', 'var needs a field name', { path: v.path });
    if (v.name.startsWith('$user.') || v.name === '$now') continue;
    if (ctx.userFilter && ctx.access.hiddenFields.has(v.name)) {
      throw new StoreError('ERR_FIELD_NOT_FILTERABLE', `field ${v.name} can't be used here`, { path: v.path, params: { field: v.name } });
    }
    if (!recordColumn(ctx.layout, v.name)) throw new StoreError('ERR_INVALID_FILTER', `unknown field ${v.name}`, { path: v.path, params: { field: v.name } });
  }
  const user = ctx.access.user;
  const resolve = (name: string): VarResolution | undefined => {
    if (name === '$user.id') return { value: user?.id ?? null };
    if (name === '$user.orgUnitIds') return { value: [...(user?.orgUnitIds ?? [])] };
    if (name === '$now') return { value: ctx.now().toISOString() };
    const column = recordColumn(ctx.layout, name);
    return column ? { sql: column.sql, type: SQL_TYPE[column.type] } : undefined;
  };
  const isTime = (name: string) => recordColumn(ctx.layout, name)?.type === 'time';
  try {
    return compileToSql(canonicalTimes(expr, isTime), resolve);
  } catch (error) {
    if (error instanceof LogicError) {
      throw new StoreError('ERR_INVALID_FILTER', error.message, { path: `${path}${error.path}`, params: { ...error.params, reason: error.code } });
    }
    throw error;
  }
}
