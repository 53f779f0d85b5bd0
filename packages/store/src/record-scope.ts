import { sql, type RawBuilder } from 'kysely';
import type { FormAction, JsonLogic } from '@tangram/schema';
import type { FormAccess, ResolvedScope } from './api';
import { StoreError } from './errors';
import type { FormLayout } from './form-layout';
import { compileRecordCondition, type ConditionContext } from './record-filter';

/**
 * THE permission chokepoint. Every read or write of records — list, count, aggregate, get, update,
 * delete, restore, bulk, events (and later export and realtime) — selects its rows through `visibleRows`:
 *
 *   records r LEFT JOIN record_data rd … WHERE r.form_id = :form AND r.deleted_at IS NULL AND (<scope> OR <scope> …) [AND <filter>]
 *
 * Scopes of the action are OR-ed; no scope admits nothing. A caller without the action at all gets
 * ERR_FORBIDDEN. There is no other way for a repository to name the records table.
 */
export interface VisibleRowsOptions {
  readonly action: FormAction;
  /** A user's filter: hidden fields can't be named in it (no filter oracle). */
  readonly filter?: JsonLogic | undefined;
  /** JSON path of the filter in the caller's input, for located errors. */
  readonly filterPath?: string;
  /** Restore and history reach soft-deleted rows too. */
  readonly includeDeleted?: boolean;
}

export interface ScopeContext {
  readonly layout: FormLayout;
  readonly access: FormAccess;
  readonly now: () => Date;
}

export function assertAction(access: FormAccess, action: FormAction): void {
  if (!access.actions.has(action)) {
    throw new StoreError('ERR_FORBIDDEN', `no ${action} permission on ${access.app}/${access.form}`, { params: { action, app: access.app, form: access.form } });
  }
}

function conditionContext(ctx: ScopeContext, userFilter: boolean): ConditionContext {
  return { layout: ctx.layout, access: ctx.access, now: ctx.now, userFilter };
}

const SCOPE_SQL: { readonly [K in ResolvedScope['kind']]: (scope: Extract<ResolvedScope, { kind: K }>, ctx: ScopeContext) => RawBuilder<unknown> } = {
  all: () => sql`true`,
  orgUnits: (scope) => (scope.orgUnitIds.length === 0 ? sql`false` : sql`r.org_unit_id = any(${[...scope.orgUnitIds]}::text[])`),
  owner: (scope) => sql`r.owner_id = ${scope.userId}`,
  // Role conditions are written by admins and may use any field, hidden ones included.
  condition: (scope, ctx) => compileRecordCondition(scope.condition, conditionContext(ctx, false), '/scope/condition'),
};

function scopeSql(scope: ResolvedScope, ctx: ScopeContext): RawBuilder<unknown> {
  return (SCOPE_SQL[scope.kind] as (s: ResolvedScope, c: ScopeContext) => RawBuilder<unknown>)(scope, ctx);
}

/**
 * `records r left join record_data rd … where …`: the only FROM clause over records that repositories use.
 * The join is LEFT on record_data's primary key, so the planner drops it from counts and aggregates that
 * never read `rd`. Row locks must say `for update of r`.
 */
export function visibleRows(ctx: ScopeContext, options: VisibleRowsOptions): RawBuilder<unknown> {
  const { access, layout } = ctx;
  assertAction(access, options.action);
  const scopes = access.rowScopes[options.action] ?? [];
  const scope = scopes.length === 0 ? sql`false` : sql`(${sql.join(scopes.map((s) => sql`(${scopeSql(s, ctx)})`), sql` or `)})`;
  const live = options.includeDeleted ? sql`` : sql` and r.deleted_at is null`;
  const filter = isEmptyFilter(options.filter)
    ? sql``
    : sql` and (${compileRecordCondition(options.filter as JsonLogic, conditionContext(ctx, true), options.filterPath ?? '/filter')})`;
  return sql`records r left join record_data rd on rd.record_id = r.id where r.form_id = ${sql.lit(layout.formId)}${live} and ${scope}${filter}`;
}

export function isEmptyFilter(filter: JsonLogic | undefined): boolean {
  return filter === undefined || filter === null || (typeof filter === 'object' && !Array.isArray(filter) && Object.keys(filter).length === 0);
}
