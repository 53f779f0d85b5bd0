import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ReportQuery } from '@tangram/schema';
import type { FormAccess } from '../api';
import type { FormLayout } from '../form-layout';
import type { ScopeContext } from '../record-scope';
import { TRIGGER_IDS } from './inline-sql';
import type { ReportSource } from './report-source';
import { joinClause, withClause } from './run-report';
import { eventStage, firstReached } from './funnel-stages';
import { compiled, rollupBase, signatureOf, tableNameOf, type RollupRegistration } from './rollup-shape';

/**
 * A funnel kept per record: for each record of the form that passes the funnel's fixed filter and has
 * reached a stage, its cell keys (org unit, month of the range field, split, slices — as for the cell
 * roll-ups, rollup-shape.ts), the first time it reached each stage (`t<i>`, as run-funnel.ts defines it)
 * and the seconds between stage i-1 and i (`g<i>`, the very value whose median the funnel reports).
 *
 * Why per record and not per cell: a median does not add up. What makes it cheap is an index per stage
 * pair on `g<i>` (with the cell keys included): the median of N values is the value at offset (N-1)/2 in
 * that order, one index-only scan that stops half-way, instead of sorting every lead's duration. A funnel
 * split by a dimension sorts per split value as before, but over this narrow table, without the events.
 */
export interface FunnelRollup {
  readonly registration: RollupRegistration;
  /** The whole answer, given the table's name (the CTEs of the report source come first). */
  readonly statement: (table: string, source: ReportSource, splitKey: string | undefined) => RawBuilder<Record<string, unknown>>;
}

export function funnelRollup(db: Kysely<any>, scope: ScopeContext, layout: FormLayout, access: FormAccess, query: ReportQuery, source: ReportSource): FunnelRollup | string {
  const funnel = query.funnel!;
  const base = rollupBase(scope, layout, access, query, source);
  if (typeof base === 'string') return base;
  const stages = [...funnel.stages];
  const pairs = stages.slice(1).map((_, j) => j + 1);
  const form = sql.lit(layout.formId);
  const stageOf = eventStage(stages, funnel.field);
  const firsts = firstReached(stages, 'h');
  const keyNames = base.keys.map((k) => sql.id(k.name));
  const times = stages.map((_, i) => sql.id(`t${i}`));
  const gaps = pairs.map((i) => sql.id(`g${i}`));
  const columns = sql.join([sql`record_id`, ...keyNames, ...times, ...gaps]);
  const values = sql.join([sql`r.id`, ...base.keys.map((k) => k.value), ...stages.map((_, i) => sql.ref(`e.t${i}`)),
    ...pairs.map((i) => sql`extract(epoch from ${sql.ref(`e.t${i}`)} - ${sql.ref(`e.t${i - 1}`)})::float8`)]);

  const refresh = (table: string) => compiled(db, sql`with gone as (delete from ${sql.id(table)} where record_id = any(${TRIGGER_IDS}::bigint[]))
    insert into ${sql.id(table)} (${columns})
    select ${values} from records r
    cross join lateral (select ${sql.join(firsts)} from (
      select ${stageOf} as i, ev.at from record_events ev where ev.record_id = r.id and ev.form_id = ${form} and ev.diff ? ${sql.lit(funnel.field)}) h) e
    where r.id = any(${TRIGGER_IDS}::bigint[]) and r.form_id = ${form} and r.deleted_at is null${base.fixed} and e.t0 is not null`);
  const signature = signatureOf(refresh('funnel'));
  const tableName = tableNameOf('funnel', signature);
  // The events grouped per record first, then joined to the records: the fill reads every event once.
  const fill = () => compiled(db, sql`insert into ${sql.id(tableName)} (${columns})
    select ${values} from (
      select h.record_id, ${sql.join(firsts)} from (
        select ev.record_id, ${stageOf} as i, ev.at from record_events ev where ev.form_id = ${form} and ev.diff ? ${sql.lit(funnel.field)} offset 0) h
      where h.i is not null group by h.record_id) e
    join records r on r.id = e.record_id
    where r.form_id = ${form} and r.deleted_at is null${base.fixed}`);
  const included = base.keys.map((k) => `"${k.name}"`).join(', ');
  const keyTypes = base.keys.map((k) => `"${k.name}" ${k.type}`);

  const statement = (table: string, source: ReportSource, splitKey: string | undefined): RawBuilder<Record<string, unknown>> => {
    const from = sql`${sql.id(table)} x`;
    const reached = stages.map((_, i) => sql`count(${sql.ref(`x.t${i}`)}) as ${sql.id(`reached_${i}`)}`);
    if (splitKey !== undefined) {
      const medians = pairs.map((i) => sql`percentile_cont(0.5) within group (order by ${sql.ref(`x.g${i}`)}) as ${sql.id(`seconds_${i}`)}`);
      return sql`${withClause(source)}select ${source.dimensions[0]!} as ${sql.id(splitKey)}, ${sql.join([...reached, ...medians])}
        from ${from}${joinClause(source)} where ${base.where} group by 1 order by 1`;
    }
    // percentile_cont(0.5) of N values: the value at (N-1)/2 when N is odd; between the two middle ones
    // when even, interpolated as PostgreSQL does (lo + 0.5 * (hi - lo)), so both ways give the same float.
    const counts = pairs.map((i) => sql`count(${sql.ref(`x.g${i}`)}) as ${sql.id(`n${i}`)}`);
    const median = (i: number) => sql`(select case when count(*) = 0 then null when count(*) = 1 then min(m.g) else min(m.g) + 0.5 * (max(m.g) - min(m.g)) end
      from (select ${sql.ref(`x.g${i}`)} as g from ${from} where ${base.where} and ${sql.ref(`x.g${i}`)} is not null order by ${sql.ref(`x.g${i}`)}
            offset (select (${sql.ref(`c.n${i}`)} - 1) / 2 from c) limit (select 2 - ${sql.ref(`c.n${i}`)} % 2 from c)) m) as ${sql.id(`seconds_${i}`)}`;
    return sql`with ${sql.join([...source.ctes, sql`c as (select ${sql.join([...reached, ...counts])} from ${from} where ${base.where})`])}
      select ${sql.join([...stages.map((_, i) => sql.ref(`c.reached_${i}`)), ...pairs.map(median)])} from c`;
  };

  return {
    registration: {
      kind: 'records',
      signature,
      tableName,
      locks: ['records', 'record_events'],
      statements: () => ({
        createSql: [
          `create table "${tableName}" (record_id bigint not null, ${[...keyTypes, ...stages.map((_, i) => `"t${i}" timestamptz`), ...pairs.map((i) => `"g${i}" float8`)].join(', ')})`,
          `create index "${tableName}_r" on "${tableName}" (record_id)`,
          ...pairs.map((i) => `create index "${tableName}_g${i}" on "${tableName}" ("g${i}") include (${included}) where "g${i}" is not null`),
        ],
        fillSql: fill(),
        refreshSql: refresh(tableName),
      }),
    },
    statement,
  };
}
