import { sql, type RawBuilder } from 'kysely';
import type { ReportQuery } from '@tangram/schema';
import type { FormAccess } from '../api';
import type { FormLayout } from '../form-layout';
import { assertFieldKey } from '../form-layout';
import { mapQueryError, scopeContext, type RecordsContext } from '../records-context';
import type { ScopeContext } from '../record-scope';
import { invalid, reportSource, type ReportSource } from './report-source';
import { funnelRollup } from './funnel-rollup';
import { ensureRollup } from './rollups';
import { eventStage, firstReached } from './funnel-stages';
import { joinClause, type ReportRunOptions } from './run-report';

/**
 * The stage history of the records the caller may read: for each record and stage, the first time the
 * field took that stage or a later one (reaching "won" means having passed "contacted", even when a
 * clerk skipped it). Read from `record_events` diffs (`{"stage": [before, after]}`; a created event holds `{"stage": value}`). The events are
 * grouped per record first (`p`) and joined to the visible rows (`x`) after: on 5,000,000 events that
 * measured faster than joining every event to the rows before grouping. `offset 0` keeps `e` a subquery
 * of its own, so the stage index is computed at the scan and the grouping carries (record, stage, time):
 * inlined, PostgreSQL put off computing it until the aggregate, carried each event's whole diff through
 * a sort that spilled to disk, and took 1.3–1.6x as long (50,000 leads, 254,017 events).
 */
function stageHistory(ctx: RecordsContext, layout: FormLayout, access: FormAccess, query: ReportQuery): { source: ReportSource; history: RawBuilder<unknown>; scope: ScopeContext } {
  const funnel = query.funnel;
  if (!funnel || funnel.stages.length < 2) throw invalid('a funnel needs at least two stages', '/funnel/stages');
  assertFieldKey(funnel.field, '/funnel/field');
  if (access.hiddenFields.has(funnel.field)) throw invalid(`field ${funnel.field} can't be used here`, '/funnel/field');
  if (!layout.fields.has(funnel.field)) throw invalid(`unknown field ${funnel.field}`, '/funnel/field');
  if (query.dimensions.length > 1) throw invalid('a funnel splits by one dimension at most', '/dimensions');
  const scope = scopeContext(ctx, layout, access);
  const source = reportSource(scope, layout, access, query);
  const history = sql`x as (
      select r.id as record_id${source.inner.length > 0 ? sql`, ${sql.join(source.inner)}` : sql``} from ${source.from}
    ), e as (
      select ev.record_id, ${eventStage(funnel.stages, funnel.field)} as i, ev.at
      from record_events ev
      where ev.form_id = ${sql.lit(layout.formId)} and ev.diff ? ${sql.lit(funnel.field)}
      offset 0
    ), p as (
      select e.record_id, ${sql.join(firstReached(funnel.stages, 'e'))} from e where e.i is not null group by e.record_id
    )`;
  return { source, history, scope };
}

/**
 * Per split value: `reached_<i>` records that reached stage i, `seconds_<i>` the median seconds from
 * reaching stage i-1 to reaching stage i.
 *   with x as (<visible rows>), e as (<the form's stage events>), p as (<first time per stage>)
 *   select x.d0 as "channel", count(p.t0) as reached_0, …, percentile_cont(0.5) within group
 *     (order by extract(epoch from p.t1 - p.t0)) as seconds_1, … from p join x … group by 1
 */
export async function runFunnel(ctx: RecordsContext, access: FormAccess, query: ReportQuery, options: ReportRunOptions = {}): Promise<Record<string, unknown>[]> {
  const layout = await ctx.layout();
  const { source, history, scope } = stageHistory(ctx, layout, access, query);
  const stages = query.funnel!.stages;
  const split = source.dimensions[0];
  const rollup = options.rollups === false ? undefined : funnelRollup(ctx.db, scope, layout, access, query, source);
  if (rollup !== undefined && typeof rollup !== 'string') {
    try {
      const table = await ensureRollup(ctx.db, layout, rollup.registration);
      const rows = (await rollup.statement(table, source, split ? query.dimensions[0]!.key : undefined).execute(ctx.db)).rows;
      return rows.map((row) => Object.freeze({ ...row }));
    } catch (error) {
      throw mapQueryError(error, layout);
    }
  }
  const measures = stages.flatMap((_, i) => [
    sql`count(${sql.ref(`p.t${i}`)}) as ${sql.id(`reached_${i}`)}`,
    ...(i === 0 ? [] : [sql`percentile_cont(0.5) within group (order by extract(epoch from ${sql.ref(`p.t${i}`)} - ${sql.ref(`p.t${i - 1}`)})) as ${sql.id(`seconds_${i}`)}`]),
  ]);
  const columns = split ? [sql`${split} as ${sql.id(query.dimensions[0]!.key)}`, ...measures] : measures;
  const ctes = source.ctes.length > 0 ? sql`, ${sql.join(source.ctes)}` : sql``;
  const statement = sql<Record<string, unknown>>`with ${history}${ctes}
    select ${sql.join(columns)} from p join x on x.record_id = p.record_id${joinClause(source)}${split ? sql` group by 1 order by 1` : sql``}`;
  try {
    return (await statement.execute(ctx.db)).rows.map((row) => Object.freeze({ ...row }));
  } catch (error) {
    throw mapQueryError(error, layout);
  }
}

/** Ids of the records (the caller may read) that reached stage `stage`, at most `limit`, smallest first. */
export async function funnelRecordIds(ctx: RecordsContext, access: FormAccess, query: ReportQuery, stage: number, limit: number): Promise<string[]> {
  const layout = await ctx.layout();
  if (!Number.isInteger(stage) || stage < 0 || stage >= (query.funnel?.stages.length ?? 0)) throw invalid('no such stage', '/stage');
  // A drill-down merges the split's value into query.filter, so the split itself is not needed here.
  const { history } = stageHistory(ctx, layout, access, { ...query, dimensions: [] });
  const statement = sql<{ id: string }>`with ${history}
    select p.record_id::text as id from p join x on x.record_id = p.record_id where ${sql.ref(`p.t${stage}`)} is not null order by p.record_id limit ${sql.lit(limit)}`;
  try {
    return (await statement.execute(ctx.db)).rows.map((r) => r.id);
  } catch (error) {
    throw mapQueryError(error, layout);
  }
}
