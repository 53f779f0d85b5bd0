import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { JsonLogic, ReportQuery, ReportQueryMeasure } from '@tangram/schema';
import type { FormAccess } from '../api';
import type { FormLayout, ValueType } from '../form-layout';
import type { RecordColumn } from '../record-columns';
import { compileRecordCondition } from '../record-filter';
import type { ScopeContext } from '../record-scope';
import { inlineParameters } from './inline-sql';
import { conditionProblem, splitFilter } from './rollup-filter';
import type { ReportSource } from './report-source';

/**
 * Whether a report can be answered from a roll-up, and the roll-up that answers it.
 *
 * A roll-up holds, per cell, the count and partial sums of the live records of one form that pass a fixed
 * filter, where a cell is one combination of: the record's org unit (so org-unit scopes stay exact), the
 * month its date-range field falls in (so a range of whole months stays exact), each dimension's value
 * (a date dimension by month) and each sliced field's value (a dashboard's "channel in …" filter).
 *
 * The report's filter is split into AND-ed parts: `>=` / `<` on one date or datetime field at a month's first
 * instant become the range (rollup-filter.ts), `in` on a text field becomes a slice, and the rest is the fixed filter — part
 * of the roll-up's identity. A report is answered by computing instead when any part can't be held this
 * way: a measure that does not add up (distinct count, min, max, median), a field kept only in the
 * document, a condition on the viewer or the clock, a day or week bucket, a comparison of a datetime that
 * is not a range of whole months, or a viewer scoped by owner or by condition.
 */

/** The SQL that makes a roll-up and keeps it: built only when it is made or compacted, never per read. */
export interface RollupStatements {
  readonly createSql: readonly string[];
  /** Fills a new roll-up from the rows as they are. */
  readonly fillSql: string;
  readonly addSql?: string;
  readonly removeSql?: string;
  readonly refreshSql?: string;
  readonly compactSql?: string;
}

/** What the database keeps for one roll-up (its table, and the statements its triggers run). */
export interface RollupRegistration {
  readonly kind: 'cells' | 'records';
  /** Hash of its statements: two reports that would keep the same rows share one roll-up. */
  readonly signature: string;
  readonly tableName: string;
  /** Tables whose writes must wait while it is filled. */
  readonly locks: readonly string[];
  readonly statements: () => RollupStatements;
}

export interface RollupShape {
  readonly registration: RollupRegistration;
  /** The answer from the table aliased `x`: group expressions come from the report source as usual. */
  readonly measures: readonly RawBuilder<unknown>[];
  readonly where: RawBuilder<unknown>;
}

export type RollupDecision = { readonly served: true; readonly shape: RollupShape } | { readonly served: false; readonly reason: string };

const ADDITIVE: ReadonlySet<ReportQueryMeasure['fn']> = new Set(['count', 'sum', 'avg']);
const COLUMN_TYPE: Readonly<Partial<Record<ValueType, string>>> = { text: 'text', numeric: 'numeric', time: 'timestamptz', boolean: 'boolean' };
const MONTH_BUCKETS = new Set(['month', 'quarter', 'year']);

export function compiled(db: Kysely<any>, raw: RawBuilder<unknown>): string {
  const { sql: text, parameters } = raw.compile(db);
  return inlineParameters(text, parameters);
}

/** A column the filter or a measure names, or undefined where the report's own checks would refuse it. */
export function quietColumn(source: ReportSource): (name: string) => RecordColumn | undefined {
  return (name) => {
    try {
      return source.column(name, '/filter');
    } catch {
      return undefined;
    }
  };
}

export interface RollupKey { readonly name: string; readonly type: string; readonly value: RawBuilder<unknown> }

/** What every roll-up of a report shares: its cell keys, its fixed filter over `r`, and the answer's conditions over `x`. */
export interface RollupBase {
  readonly keys: readonly RollupKey[];
  /** ` and (<fixed filter>)` over the records row `r`, or nothing. */
  readonly fixed: RawBuilder<unknown>;
  /** The viewer's scope, the range and the slices over the roll-up row `x`. */
  readonly where: RawBuilder<unknown>;
}

export function rollupBase(scope: ScopeContext, layout: FormLayout, access: FormAccess, query: ReportQuery, source: ReportSource): RollupBase | string {
  const scopes = access.rowScopes.read ?? [];
  if (scopes.length === 0) return 'no read scope';
  if (!scopes.every((s) => s.kind === 'all' || s.kind === 'orgUnits')) return 'a scope by owner or condition';
  const column = quietColumn(source);
  const split = splitFilter(query.filter as JsonLogic | undefined, column, query.timeZone);
  if (split.unaligned) return 'a date range not on month edges';
  const fixed = split.fixed.length === 0 ? undefined : split.fixed.length === 1 ? split.fixed[0]! : ({ and: split.fixed } as JsonLogic);
  if (fixed !== undefined) {
    const problem = conditionProblem(fixed, column);
    if (problem) return problem;
  }

  const tz = sql`${query.timeZone}::text`;
  const month = (c: RawBuilder<unknown>) => sql`(date_trunc('month', ${c} at time zone ${tz}) at time zone ${tz})`;
  const keys: RollupKey[] = [{ name: 'o', type: 'text', value: sql`r.org_unit_id` }];
  if (split.range) {
    const zone = sql`${split.range.zone}::text`;
    keys.push({ name: 'p', type: 'timestamptz', value: sql`(date_trunc('month', ${split.range.column.sql} at time zone ${zone}) at time zone ${zone})` });
  }
  for (const [i, d] of query.dimensions.entries()) {
    const c = source.column(d.field, `/dimensions/${i}/field`);
    const type = COLUMN_TYPE[c.type];
    if (!type) return `dimension ${d.field} has no typed column`;
    if (c.type === 'time' && !(d.bucket && MONTH_BUCKETS.has(d.bucket))) return 'a date dimension finer than a month';
    keys.push({ name: `d${i}`, type, value: d.bucket ? month(c.sql) : c.sql });
  }
  split.slices.forEach((s, j) => keys.push({ name: `s${j}`, type: 'text', value: s.column.sql }));

  const conditions: RawBuilder<unknown>[] = [];
  if (!scopes.some((s) => s.kind === 'all')) {
    const units = [...new Set(scopes.flatMap((s) => (s.kind === 'orgUnits' ? s.orgUnitIds : [])))];
    conditions.push(units.length === 0 ? sql`false` : sql`x.o = any(${units}::text[])`);
  }
  for (const at of split.range?.lower ?? []) conditions.push(sql`x.p >= ${at}::timestamptz`);
  for (const at of split.range?.upper ?? []) conditions.push(sql`x.p < ${at}::timestamptz`);
  split.slices.forEach((s, j) => conditions.push(sql`${sql.ref(`x.s${j}`)} = any(${s.values}::text[])`));
  return {
    keys,
    fixed: fixed === undefined ? sql`` : sql` and (${compileRecordCondition(fixed, { layout, access, now: scope.now, userFilter: true }, '/filter')})`,
    where: conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `),
  };
}

export function tableNameOf(prefix: string, signature: string): string {
  return `${prefix}_${signature.slice(0, 20)}`;
}

export function signatureOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function rollupShape(db: Kysely<any>, scope: ScopeContext, layout: FormLayout, access: FormAccess, query: ReportQuery, source: ReportSource): RollupDecision {
  const no = (reason: string): RollupDecision => ({ served: false, reason });
  const base = rollupBase(scope, layout, access, query, source);
  if (typeof base === 'string') return no(base);
  const { keys } = base;
  const column = quietColumn(source);

  const cells: RollupKey[] = [{ name: 'n', type: 'bigint', value: sql`count(*)` }];
  const measures: RawBuilder<unknown>[] = [];
  for (const [i, m] of query.measures.entries()) {
    if (!ADDITIVE.has(m.fn)) return no(`${m.fn} does not add up`);
    const c = m.field === undefined ? undefined : source.column(m.field, `/measures/${i}/field`);
    if (c && (c.type === 'json' || (m.fn !== 'count' && c.type !== 'numeric'))) return no(`${m.field} has no typed number column`);
    if (m.where !== undefined) {
      const problem = conditionProblem(m.where, column);
      if (problem) return no(problem);
    }
    const filter = m.where === undefined ? sql`` : sql` filter (where ${compileRecordCondition(m.where, { layout, access, now: scope.now, userFilter: true }, `/measures/${i}/where`)})`;
    const counted = c ? sql`count(${c.sql})${filter}` : sql`count(*)${filter}`;
    const count = c || m.where !== undefined ? `c${i}` : 'n';
    if (count !== 'n') cells.push({ name: count, type: 'bigint', value: counted });
    if (m.fn === 'count') {
      measures.push(sql`coalesce(sum(${sql.ref(`x.${count}`)}), 0)::bigint as ${sql.id(m.key)}`);
      continue;
    }
    cells.push({ name: `v${i}`, type: 'numeric', value: sql`sum(${c!.sql})${filter}` });
    const total = sql`sum(${sql.ref(`x.v${i}`)})`;
    const answer = m.fn === 'sum' ? total : sql`${total} / sum(${sql.ref(`x.${count}`)})`;
    measures.push(sql`case when coalesce(sum(${sql.ref(`x.${count}`)}), 0) > 0 then ${answer} end as ${sql.id(m.key)}`);
  }

  const keyList = keys.map((k) => sql.id(k.name));
  const cellList = cells.map((k) => sql.id(k.name));
  const positions = keys.map((_, i) => sql.lit(i + 1));
  const delta = (from: string, sign: 1 | -1, table: string) => compiled(db, sql`insert into ${sql.id(table)} (${sql.join([...keyList, ...cellList])})
    select ${sql.join(keys.map((k) => k.value))}, ${sql.join(cells.map((k) => (sign === 1 ? k.value : sql`-${k.value}`)))}
    from ${sql.id(from)} r where r.form_id = ${sql.lit(layout.formId)} and r.deleted_at is null${base.fixed} group by ${sql.join(positions)}`);
  const signature = signatureOf(delta('new_rows', 1, 'rollup'));
  const tableName = tableNameOf('rollup', signature);
  const columns = [...keys, ...cells].map((k) => `"${k.name}" ${k.type}`).join(', ');
  return {
    served: true,
    shape: {
      registration: {
        kind: 'cells',
        signature,
        tableName,
        locks: ['records'],
        statements: () => ({
          createSql: [`create table "${tableName}" (${columns})`],
          fillSql: delta('records', 1, tableName),
          addSql: delta('new_rows', 1, tableName),
          removeSql: delta('old_rows', -1, tableName),
          compactSql: compiled(db, sql`with gone as (delete from ${sql.id(tableName)} returning *)
            insert into ${sql.id(tableName)} (${sql.join([...keyList, ...cellList])})
            select ${sql.join(keyList)}, ${sql.join(cells.map((k) => sql`sum(${sql.id(k.name)})`))} from gone group by ${sql.join(positions)} having sum(n) <> 0`),
        }),
      },
      measures,
      where: base.where,
    },
  };
}
