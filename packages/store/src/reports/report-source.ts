import { sql, type RawBuilder } from 'kysely';
import type { JsonLogic, ReportQuery, ReportQueryDimension, ReportRollup } from '@tangram/schema';
import type { FormAccess } from '../api';
import { StoreError } from '../errors';
import type { FormLayout } from '../form-layout';
import { recordColumn, type RecordColumn } from '../record-columns';
import { compileRecordCondition } from '../record-filter';
import { visibleRows, type ScopeContext } from '../record-scope';

/**
 * The rows a report reads, as a subquery `x` over the permission chokepoint: one column per dimension
 * (`d0`, `d1`, …), per measured field (`m0`, …) and per measure condition (`w0`, …). The report's grouping
 * happens OUTSIDE it, so roll-ups can join the org tree without touching the chokepoint's FROM clause;
 * the planner flattens the subquery, so this costs nothing over a single-level GROUP BY.
 */
export interface ReportSource {
  readonly from: RawBuilder<unknown>;
  /** Outer expression of each dimension (bucketed, rolled up). */
  readonly dimensions: readonly RawBuilder<unknown>[];
  /** `with` entries the dimensions need (the org roll-up maps). */
  readonly ctes: readonly RawBuilder<unknown>[];
  readonly joins: readonly RawBuilder<unknown>[];
  readonly column: (field: string, path: string) => RecordColumn;
  /** Inner columns of the dimensions (`d0`, …); callers add their own. */
  readonly inner: readonly RawBuilder<unknown>[];
}

const TIME_ZONE = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

export function invalid(message: string, path: string, params: Record<string, unknown> = {}): StoreError {
  return new StoreError('ERR_INVALID_AGGREGATE', message, { path, params });
}

/** The nearest unit of the roll-up's kind at or above each unit (by materialised path), or none. */
function rollupMap(name: string, rollup: ReportRollup): RawBuilder<unknown> {
  return sql`${sql.id(name)} as (
    select u.id, a.id as up from org_units u join org_units a on a.kind = ${rollup}::text and (u.path = a.path or u.path like a.path || '.%'))`;
}

function dimensionSql(d: ReportQueryDimension, i: number, c: RecordColumn, timeZone: string, joins: RawBuilder<unknown>[], ctes: RawBuilder<unknown>[]): RawBuilder<unknown> {
  const inner = sql.ref(`x.d${i}`);
  if (d.bucket) {
    if (c.type !== 'time') throw invalid('only date fields can be bucketed', `/dimensions/${i}/bucket`);
    return sql`to_char(date_trunc(${sql.lit(d.bucket)}, ${inner} at time zone ${timeZone}::text), 'YYYY-MM-DD')`;
  }
  if (d.rollup) {
    if (c.type !== 'text') throw invalid('only org units roll up', `/dimensions/${i}/rollup`);
    const map = `ru${i}`;
    ctes.push(rollupMap(map, d.rollup));
    joins.push(sql` left join ${sql.id(map)} on ${sql.ref(`${map}.id`)} = ${inner}`);
    return sql.ref(`${map}.up`);
  }
  return inner;
}

export function reportSource(scope: ScopeContext, layout: FormLayout, access: FormAccess, query: ReportQuery): ReportSource {
  if (!TIME_ZONE.test(query.timeZone)) throw invalid('unknown time zone', '/timeZone', { timeZone: query.timeZone });
  const column = (field: string, path: string): RecordColumn => {
    if (access.hiddenFields.has(field)) throw new StoreError('ERR_FIELD_NOT_FILTERABLE', `field ${field} can't be used here`, { path, params: { field } });
    const c = field.startsWith('$') ? undefined : recordColumn(layout, field);
    if (!c) throw invalid(`unknown field ${field}`, path, { field });
    return c;
  };
  const inner: RawBuilder<unknown>[] = [];
  const joins: RawBuilder<unknown>[] = [];
  const ctes: RawBuilder<unknown>[] = [];
  const dimensions = query.dimensions.map((d, i) => {
    const c = column(d.field, `/dimensions/${i}/field`);
    inner.push(sql`${c.sql} as ${sql.id(`d${i}`)}`);
    return dimensionSql(d, i, c, query.timeZone, joins, ctes);
  });
  const from = visibleRows(scope, { action: 'read', filter: query.filter as JsonLogic | undefined });
  return { from, dimensions, ctes, joins, column, inner };
}

/** A measure's condition (a ratio's numerator) as a boolean column of the inner rows. */
export function conditionColumn(scope: ScopeContext, where: JsonLogic, path: string): RawBuilder<unknown> {
  return compileRecordCondition(where, { layout: scope.layout, access: scope.access, now: scope.now, userFilter: true }, path);
}
