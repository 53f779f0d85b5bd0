import { sql, type RawBuilder } from 'kysely';
import type { ReportQuery, ReportQueryMeasure } from '@tangram/schema';
import type { FormAccess } from '../api';
import type { RecordColumn } from '../record-columns';
import { mapQueryError, scopeContext, type RecordsContext } from '../records-context';
import { toIso } from '../sql-util';
import { conditionColumn, invalid, reportSource, type ReportSource } from './report-source';
import { rollupShape } from './rollup-shape';
import { ensureRollup } from './rollups';

export interface ReportRunOptions {
  /** Answer from a roll-up where the report allows (default); false computes from the records. */
  readonly rollups?: boolean;
}

const ALIAS = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
/** A chart of more groups than this is unreadable; the report is refused rather than truncated silently. */
export const MAX_REPORT_GROUPS = 10_000;

const AGGREGATES: Readonly<Record<ReportQueryMeasure['fn'], (value: RawBuilder<unknown> | undefined) => RawBuilder<unknown>>> = {
  count: (v) => (v ? sql`count(${v})` : sql`count(*)`),
  countDistinct: (v) => sql`count(distinct ${v})`,
  sum: (v) => sql`sum(${v})`,
  avg: (v) => sql`avg(${v})`,
  min: (v) => sql`min(${v})`,
  max: (v) => sql`max(${v})`,
  median: (v) => sql`percentile_cont(0.5) within group (order by ${v})`,
};

/** The value a measure reads: fields without a typed slot are read from the document as numbers. */
function measuredValue(m: ReportQueryMeasure, c: RecordColumn, path: string): RawBuilder<unknown> {
  const numeric = m.fn === 'sum' || m.fn === 'avg' || m.fn === 'median';
  if (numeric && c.type !== 'numeric' && c.type !== 'json') throw invalid(`${m.fn} needs a number field`, path);
  if ((m.fn === 'min' || m.fn === 'max') && c.type === 'boolean') throw invalid(`${m.fn} needs a number, text or date field`, path);
  return c.type === 'json' && (numeric || m.fn === 'min' || m.fn === 'max') ? sql`tangram_slot_numeric(${c.sql})` : c.sql;
}

export function joinClause(source: ReportSource): RawBuilder<unknown> {
  return source.joins.length > 0 ? sql.join(source.joins, sql``) : sql``;
}

export function withClause(source: ReportSource): RawBuilder<unknown> {
  return source.ctes.length > 0 ? sql`with ${sql.join(source.ctes)} ` : sql``;
}

/**
 * ONE aggregate statement over the rows the caller may read:
 *   select to_char(date_trunc('month', x.d0 at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as "month",
 *          count(*) as "leads", count(*) filter (where x.w1) as "won__n"
 *   from (select r.created_at as d0, (r.t2 = 'won') as w1 from records r … where <scope> and <filter>) x
 *   group by 1 order by 1
 * Rows are never loaded to be summed in JavaScript.
 */
export async function runReportQuery(ctx: RecordsContext, access: FormAccess, query: ReportQuery, options: ReportRunOptions = {}): Promise<Record<string, unknown>[]> {
  if (query.funnel) throw invalid('a funnel is run by runFunnel', '/funnel');
  const layout = await ctx.layout();
  const scope = scopeContext(ctx, layout, access);
  const source = reportSource(scope, layout, access, query);
  const names = new Set<string>();
  const claim = (name: string, path: string) => {
    if (!ALIAS.test(name) || names.has(name)) throw invalid(`output name ${name} is invalid or used twice`, path, { name });
    names.add(name);
  };
  query.dimensions.forEach((d, i) => claim(d.key, `/dimensions/${i}/key`));
  if (query.measures.length === 0) throw invalid('a report needs a measure', '/measures');
  const inner: RawBuilder<unknown>[] = [...source.inner];
  const measures = query.measures.map((m, i) => {
    const path = `/measures/${i}`;
    claim(m.key, `${path}/key`);
    const aggregate = Object.hasOwn(AGGREGATES, m.fn) ? AGGREGATES[m.fn] : undefined;
    if (!aggregate) throw invalid(`unknown aggregate ${String(m.fn)}`, `${path}/fn`);
    if (m.field === undefined && m.fn !== 'count') throw invalid(`${m.fn} needs a field`, `${path}/field`);
    if (m.field !== undefined) inner.push(sql`${measuredValue(m, source.column(m.field, `${path}/field`), `${path}/field`)} as ${sql.id(`m${i}`)}`);
    if (m.where !== undefined) inner.push(sql`(${conditionColumn(scope, m.where, `${path}/where`)}) as ${sql.id(`w${i}`)}`);
    const value = m.field === undefined ? undefined : sql.ref(`x.m${i}`);
    const filter = m.where === undefined ? sql`` : sql` filter (where ${sql.ref(`x.w${i}`)})`;
    return sql`${aggregate(value)}${filter} as ${sql.id(m.key)}`;
  });
  const groups = source.dimensions.map((d, i) => sql`${d} as ${sql.id(query.dimensions[i]!.key)}`);
  const positions = groups.map((_, i) => sql.lit(i + 1));
  const grouping = groups.length > 0 ? sql` group by ${sql.join(positions)}` : sql``;
  const ordering = groups.length > 0 ? sql` order by ${sql.join(positions)}` : sql``;
  const limit = sql` limit ${sql.lit(MAX_REPORT_GROUPS + 1)}`;
  let rows: Record<string, unknown>[];
  try {
    const decision = options.rollups === false ? undefined : rollupShape(ctx.db, scope, layout, access, query, source);
    if (decision?.served) {
      // A cell whose records all left it is still a row until the next compaction: `having` hides it.
      const table = await ensureRollup(ctx.db, layout, decision.shape.registration);
      const live = groups.length > 0 ? sql` having sum(x.n) > 0` : sql``;
      rows = (await sql<Record<string, unknown>>`${withClause(source)}select ${sql.join([...groups, ...decision.shape.measures])}
        from ${sql.id(table)} x${joinClause(source)} where ${decision.shape.where}${grouping}${live}${ordering}${limit}`.execute(ctx.db)).rows;
    } else {
      rows = (await sql<Record<string, unknown>>`${withClause(source)}select ${sql.join([...groups, ...measures])}
        from (select ${inner.length > 0 ? sql.join(inner) : sql`1 as one`} from ${source.from}) x${joinClause(source)}${grouping}${ordering}${limit}`.execute(ctx.db)).rows;
    }
  } catch (error) {
    throw mapQueryError(error, layout);
  }
  if (rows.length > MAX_REPORT_GROUPS) throw invalid(`more than ${MAX_REPORT_GROUPS} groups`, '/dimensions', { limit: MAX_REPORT_GROUPS });
  return rows.map((row) => Object.freeze(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? toIso(v) : v]))));
}
