import type { CustomerRow } from '../lib/customer-generator';
import type { SqlRunner } from '../lib/sql-runner';
import { createdAt, FUNNEL_STAGES, type HistoryEvent } from './stage-history';

/**
 * The hand-written side: the leads as a typed table (as in bench/store) and their history as a typed
 * events table, one row per changed field, with the indexes the store has on `records` (mirrored) and on
 * `record_events` (record_id, id). The store's answers must come within 1.5x of these queries.
 */
export const LEADS = 'bench_report_leads';
export const EVENTS = 'bench_report_events';

export async function createTypedTables(run: SqlRunner, leadIndexes: readonly string[]): Promise<void> {
  await run(`create table ${LEADS} (id bigint primary key, name text not null, phone text, channel text, store text, stage text,
    budget numeric(14,2), gender text, age integer, created date, owner text)`);
  await run(`create table ${EVENTS} (id bigint generated always as identity primary key, record_id bigint not null, field text not null,
    value text, at timestamptz not null)`);
  await run(`create index ${EVENTS}_record on ${EVENTS} (record_id, id)`);
  for (const statement of leadIndexes) await run(statement);
}

/** Leads keep the store's record ids, so drill-downs and events line up on both sides. */
export async function insertTypedLeads(run: SqlRunner, rows: readonly CustomerRow[], ids: readonly string[]): Promise<void> {
  const col = <K extends keyof CustomerRow>(k: K) => rows.map((r) => r[k]);
  await run(
    `insert into ${LEADS} (id, name, phone, channel, store, stage, budget, gender, age, created, owner)
     select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::text[], $9::int[], $10::date[], $11::text[])`,
    [ids, col('name'), col('phone'), col('channel'), col('store'), col('stage'), col('budget'), col('gender'), col('age'), col('created'), col('owner')],
  );
  // The created event, as the store journals it: the lead is "new" when it is created.
  await run(`insert into ${EVENTS} (record_id, field, value, at) select * from unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[])`,
    [ids, rows.map(() => 'stage'), rows.map(() => FUNNEL_STAGES[0]), rows.map((r) => new Date(createdAt(r)).toISOString())]);
}

export async function insertTypedEvents(run: SqlRunner, events: readonly HistoryEvent[], ids: readonly string[]): Promise<void> {
  await run(`insert into ${EVENTS} (record_id, field, value, at) select * from unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[])`,
    [events.map((e) => ids[e.lead]), events.map((e) => e.field), events.map((e) => e.after), events.map((e) => e.at)]);
}

/** The SQL a developer would write for each report on the typed tables. */
export const TYPED_REPORT_SQL = {
  byChannel: `select channel, count(*) as n, sum(budget) as budget from ${LEADS} group by 1 order by 1`,
  storeStage: `select store, stage, count(*) as n from ${LEADS} group by 1, 2 order by 1, 2`,
  monthly: `select to_char(date_trunc('month', created), 'YYYY-MM-DD') as month, count(*) as n, sum(budget) as budget
    from ${LEADS} group by 1 order by 1`,
  funnel: `with e as (
      select record_id, array_position($1::text[], value) as i, at from ${EVENTS} where field = 'stage'
    ), p as (
      select record_id, ${FUNNEL_STAGES.map((_, i) => `min(at) filter (where i >= ${i + 1}) as t${i}`).join(', ')}
      from e where i is not null group by record_id
    )
    select ${FUNNEL_STAGES.map((_, i) => `count(t${i}) as reached_${i}`).join(', ')},
      ${FUNNEL_STAGES.slice(1).map((_, j) => `percentile_cont(0.5) within group (order by extract(epoch from t${j + 1} - t${j})) as seconds_${j + 1}`).join(', ')}
    from p`,
} as const;
