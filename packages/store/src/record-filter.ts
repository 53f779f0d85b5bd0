import { sql, type RawBuilder } from 'kysely';
import type { JsonLogic } from '@tangram/schema';
import type { FormAccess } from './api';
import { StoreError } from './errors';
import type { FormLayout, ValueType } from './form-layout';
import { recordColumn } from './record-columns';
import { compileCondition, type SqlOperand } from './condition-sql';

export interface ConditionContext {
  readonly layout: FormLayout;
  readonly access: FormAccess;
  readonly now: () => Date;
  /** A caller's filter (list, count, aggregate, bulk): hidden fields are refused, not silently ignored. */
  readonly userFilter: boolean;
}

/**
 * Compiles a json-logic condition over a record row `r` into a parameterised SQL predicate.
 * Fields resolve to their typed slot (or `data->'key'`), `$user.id` / `$user.orgUnitIds` / `$now` to
 * bound parameters. A hidden field in a caller's filter is ERR_FIELD_NOT_FILTERABLE: otherwise filtering
 * on it would reveal its values one guess at a time.
 */
export function compileRecordCondition(expr: JsonLogic, ctx: ConditionContext, path: string): RawBuilder<unknown> {
  const resolve = (name: string, varPath: string): SqlOperand => {
    const user = ctx.access.user;
    if (name === '$user.id') return { sql: sql`${user?.id ?? null}::text`, type: 'text' };
    if (name === '$user.orgUnitIds') return { sql: sql`${[...(user?.orgUnitIds ?? [])]}::text[]`, type: 'textList' };
    if (name === '$now') return { sql: sql`${ctx.now().toISOString()}::timestamptz`, type: 'time' };
    if (ctx.userFilter && ctx.access.hiddenFields.has(name)) {
      throw new StoreError('ERR_FIELD_NOT_FILTERABLE', `field ${name} can't be used here`, { path: varPath, params: { field: name } });
    }
    const column = recordColumn(ctx.layout, name);
    if (!column) throw new StoreError('ERR_INVALID_FILTER', `unknown field ${name}`, { path: varPath, params: { field: name } });
    return { sql: column.sql, type: column.type };
  };
  return compileCondition(expr, resolve, path);
}

export type { ValueType };
