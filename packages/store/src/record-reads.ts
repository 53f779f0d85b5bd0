import { sql, type RawBuilder } from 'kysely';
import type { JsonLogic, Page, RecordView } from '@tangram/schema';
import type { AggregateQuery, FormAccess, ListQuery, SortKey } from './api';
import { decodeCursor, encodeCursor } from './cursor';
import { typedLiteral } from './typed-literal';
import { StoreError } from './errors';
import type { FormLayout } from './form-layout';
import { conditionFields } from './record-filter';
import { RECORD_SELECT, recordColumn, toRecordView, type RecordColumn, type RecordRow } from './record-columns';
import { isEmptyFilter, visibleRows, type ScopeContext } from './record-scope';
import { mapped, mapQueryError, scopeContext, type RecordsContext } from './records-context';
import { toIso } from './sql-util';

export const MAX_LIMIT = 500;
const MAX_SORT_KEYS = 8;

/** Record ids are bigint identities, exposed as decimal strings; anything else matches nothing. */
export function isRecordId(id: unknown): id is string {
  return typeof id === 'string' && /^[1-9]\d{0,17}$/.test(id);
}

export async function getRecord(ctx: RecordsContext, access: FormAccess, id: string): Promise<RecordView | null> {
  const layout = await ctx.layout();
  const scope = scopeContext(ctx, layout, access);
  if (!access.actions.has('read') || !isRecordId(id)) return null;
  const { rows } = await sql<RecordRow>`select ${RECORD_SELECT} from ${visibleRows(scope, { action: 'read' })} and r.id = ${id}::bigint`.execute(ctx.db);
  return rows[0] ? toRecordView(rows[0], ctx.app, ctx.form, access.hiddenFields) : null;
}

export async function countRecords(ctx: RecordsContext, access: FormAccess, filter?: JsonLogic): Promise<number> {
  const layout = await ctx.layout();
  const scope = scopeContext(ctx, layout, access);
  const { rows } = await mapped(layout, sql<{ c: number }>`select count(*) as c from ${visibleRows(scope, { action: 'read', filter })}`.execute(ctx.db));
  wantSlotIndexes(ctx, layout, filter, []);
  return Number(rows[0]!.c);
}

/** After a list or count has answered: the slots its filter and sort read get their indexes built. */
function wantSlotIndexes(ctx: RecordsContext, layout: FormLayout, filter: JsonLogic | undefined, sort: readonly ResolvedSort[]): void {
  ctx.slotIndexes.want(layout, [...(isEmptyFilter(filter) ? [] : conditionFields(filter as JsonLogic)), ...sort.map((s) => s.name)]);
}

interface ResolvedSort { readonly name: string; readonly direction: 'asc' | 'desc'; readonly column: RecordColumn; readonly isRecordId: boolean }

/** A caller's sort: known, visible columns only, then `id` as the tie-breaker (keyset needs a total order). */
export function resolveSort(layout: FormLayout, access: FormAccess, sort: readonly SortKey[] | undefined): ResolvedSort[] {
  const keys = sort && sort.length > 0 ? sort : [{ field: 'createdAt', direction: 'desc' as const }];
  if (!Array.isArray(keys) || keys.length > MAX_SORT_KEYS) throw new StoreError('ERR_INVALID_SORT', `at most ${MAX_SORT_KEYS} sort keys`, { path: '/sort' });
  const resolved = keys.map((key, i): ResolvedSort => {
    const field = (key as { field?: unknown })?.field;
    if (typeof field !== 'string') throw new StoreError('ERR_INVALID_SORT', 'a sort key names a field', { path: `/sort/${i}` });
    if (key.direction !== 'asc' && key.direction !== 'desc') throw new StoreError('ERR_INVALID_SORT', 'direction is asc or desc', { path: `/sort/${i}/direction` });
    if (access.hiddenFields.has(field)) throw new StoreError('ERR_FIELD_NOT_FILTERABLE', `field ${field} can't be used here`, { path: `/sort/${i}/field`, params: { field } });
    const column = field.startsWith('$') ? undefined : recordColumn(layout, field);
    if (!column) throw new StoreError('ERR_INVALID_SORT', `unknown sort field ${field}`, { path: `/sort/${i}/field`, params: { field } });
    return { name: field, direction: key.direction, column, isRecordId: field === 'id' && !layout.fields.has('id') };
  });
  // Keys after `id` could never break a tie: the sort ends at id, which is also the keyset tie-breaker.
  const idAt = resolved.findIndex((s) => s.isRecordId);
  if (idAt >= 0) return resolved.slice(0, idAt + 1);
  {
    resolved.push({ name: 'id', direction: resolved[resolved.length - 1]!.direction, column: recordColumn(layout, '$record.id')!, isRecordId: true });
  }
  return resolved;
}

// asc puts NULLs last and desc puts them first (PostgreSQL's own defaults, so per-form indexes match):
// NULL behaves as the largest value in both directions.
function orderBy(sort: readonly ResolvedSort[]): RawBuilder<unknown> {
  return sql.join(sort.map((s) => sql`${s.column.sql} ${sql.raw(s.direction === 'asc' ? 'asc nulls last' : 'desc nulls first')}`));
}

function bindSortValue(s: ResolvedSort, value: unknown): RawBuilder<unknown> {
  // Bound as bigint, not numeric: `r.id < $1::numeric` would cast the column and lose the index.
  if (s.isRecordId) {
    if (typeof value !== 'string' || !isRecordId(value)) throw new StoreError('ERR_INVALID_CURSOR', 'the cursor is not valid for this query', { path: '/cursor' });
    return sql`${value}::bigint`;
  }
  return typedLiteral(value as never, s.column.type === 'boolean' ? 'boolean' : s.column.type, '/cursor');
}

/** The rows strictly after the cursor position, in the sort's order. */
function afterCursor(sort: readonly ResolvedSort[], values: readonly unknown[]): RawBuilder<unknown> {
  const bound = sort.map((s, i) => (values[i] === null ? null : bindSortValue(s, values[i])));
  const sameDirection = sort.every((s) => s.direction === sort[0]!.direction);
  if (sameDirection && sort.every((s, i) => s.column.notNull && bound[i] !== null)) {
    // Row comparison: one index range scan on (created_at desc, id desc).
    const op = sql.raw(sort[0]!.direction === 'asc' ? '>' : '<');
    return sql`(${sql.join(sort.map((s) => s.column.sql))}) ${op} (${sql.join(bound as RawBuilder<unknown>[])})`;
  }
  const equal = (i: number) => (bound[i] === null ? sql`${sort[i]!.column.sql} is null` : sql`${sort[i]!.column.sql} = ${bound[i]}`);
  const after = (i: number) => {
    const { column, direction } = sort[i]!;
    if (direction === 'asc') return bound[i] === null ? sql`false` : sql`(${column.sql} > ${bound[i]} or ${column.sql} is null)`;
    return bound[i] === null ? sql`${column.sql} is not null` : sql`${column.sql} < ${bound[i]}`;
  };
  const branches = sort.map((_, i) => sql`(${sql.join([...sort.slice(0, i).map((__, j) => equal(j)), after(i)], sql` and `)})`);
  return sql`(${sql.join(branches, sql` or `)})`;
}

function cursorValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

export async function listRecords(ctx: RecordsContext, access: FormAccess, query: ListQuery): Promise<Page<RecordView>> {
  const layout = await ctx.layout();
  const scope = scopeContext(ctx, layout, access);
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new StoreError('ERR_INVALID_LIMIT', `limit must be 1–${MAX_LIMIT}`, { path: '/limit', params: { min: 1, max: MAX_LIMIT } });
  }
  const sort = resolveSort(layout, access, query.sort);
  const signature = sort.map((s) => `${s.name}:${s.direction}`).join(',');
  const from = visibleRows(scope, { action: 'read', filter: query.filter, includeDeleted: query.includeDeleted === true });
  let keyset = sql``;
  if (query.cursor !== undefined && query.cursor !== null) {
    const position = decodeCursor(query.cursor, signature, sort.length - 1);
    try {
      keyset = sql` and ${afterCursor(sort, [...position.values, position.id])}`;
    } catch (error) {
      throw error instanceof StoreError ? new StoreError('ERR_INVALID_CURSOR', 'the cursor is not valid for this query', { path: '/cursor' }) : error;
    }
  }
  const sortValues = sql.join(sort.slice(0, -1).map((s, i) => sql`${s.column.sql} as ${sql.ref(`s${i}`)}`));
  const select = sort.length > 1 ? sql`${RECORD_SELECT}, ${sortValues}` : RECORD_SELECT;
  const [page, total] = await mapped(layout, Promise.all([
    sql<RecordRow & Record<string, unknown>>`select ${select} from ${from}${keyset} order by ${orderBy(sort)} limit ${sql.lit(limit + 1)}`.execute(ctx.db),
    sql<{ c: number }>`select count(*) as c from ${from}`.execute(ctx.db),
  ]));
  wantSlotIndexes(ctx, layout, query.filter, sort);
  const rows = page.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  const nextCursor = page.rows.length > limit && last
    ? encodeCursor({ sort: signature, values: sort.slice(0, -1).map((_, i) => cursorValue(last[`s${i}`])), id: String(last.id) })
    : null;
  return Object.freeze({
    items: Object.freeze(rows.map((row) => toRecordView(row, ctx.app, ctx.form, access.hiddenFields))),
    nextCursor,
    total: Number(total.rows[0]!.c),
  });
}

const AGGREGATE_FNS = {
  count: (c: RecordColumn | undefined) => (c ? sql`count(${c.sql})` : sql`count(*)`),
  countDistinct: (c: RecordColumn | undefined) => sql`count(distinct ${c!.sql})`,
  sum: (c: RecordColumn | undefined) => sql`sum(${numeric(c!)})`,
  avg: (c: RecordColumn | undefined) => sql`avg(${numeric(c!)})`,
  min: (c: RecordColumn | undefined) => sql`min(${comparable(c!)})`,
  max: (c: RecordColumn | undefined) => sql`max(${comparable(c!)})`,
  median: (c: RecordColumn | undefined) => sql`percentile_cont(0.5) within group (order by ${numeric(c!)})`,
} satisfies Record<AggregateQuery['measures'][number]['fn'], (c: RecordColumn | undefined) => RawBuilder<unknown>>;

function numeric(c: RecordColumn): RawBuilder<unknown> {
  return c.type === 'json' ? sql`tangram_slot_numeric(${c.sql})` : c.sql;
}
function comparable(c: RecordColumn): RawBuilder<unknown> {
  return c.type === 'json' ? sql`tangram_slot_numeric(${c.sql})` : c.sql;
}

const BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const;
const ALIAS = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const TIME_ZONE = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const MAX_GROUPS = 10_000;

/**
 * One GROUP BY over the rows the reader may see; rows are never pulled into JS to be summed.
 *   select r.t1 as channel, count(*) as n, sum(r.n1) as total from records r where … group by 1 order by 1
 * Date buckets are computed in the report's time zone (Asia/Shanghai unless told) and returned as the
 * bucket's first day, "2024-05-01". Sums and averages are exact decimals (strings); counts are numbers.
 */
export async function aggregateRecords(ctx: RecordsContext, access: FormAccess, query: AggregateQuery): Promise<Record<string, unknown>[]> {
  const layout = await ctx.layout();
  const scope: ScopeContext = scopeContext(ctx, layout, access);
  const bad = (message: string, path: string, params: Record<string, unknown> = {}) => new StoreError('ERR_INVALID_AGGREGATE', message, { path, params });
  const timeZone = query.timeZone ?? DEFAULT_TIME_ZONE;
  if (typeof timeZone !== 'string' || !TIME_ZONE.test(timeZone)) throw bad('unknown time zone', '/timeZone', { timeZone });
  const column = (field: unknown, path: string): RecordColumn => {
    if (typeof field !== 'string') throw bad('a field key is required', path);
    if (access.hiddenFields.has(field)) throw new StoreError('ERR_FIELD_NOT_FILTERABLE', `field ${field} can't be used here`, { path, params: { field } });
    const c = field.startsWith('$') ? undefined : recordColumn(layout, field);
    if (!c) throw bad(`unknown field ${field}`, path, { field });
    return c;
  };
  const groupBy = Array.isArray(query.groupBy) ? query.groupBy : [];
  const measures = Array.isArray(query.measures) ? query.measures : [];
  if (measures.length === 0 && groupBy.length === 0) throw bad('nothing to aggregate', '/measures');
  const names = new Set<string>();
  const claim = (name: string, path: string) => {
    if (!ALIAS.test(name) || names.has(name)) throw bad(`output name ${name} is invalid or used twice`, path, { name });
    names.add(name);
  };
  const groups = groupBy.map((entry, i) => {
    if (entry === null || typeof entry !== 'object') throw bad('a group names a field', `/groupBy/${i}`);
    const g = entry;
    const c = column(g.field, `/groupBy/${i}/field`);
    claim(g.field, `/groupBy/${i}/field`);
    if (g.bucket === undefined) return sql`${c.sql} as ${sql.ref(g.field)}`;
    if (!BUCKETS.includes(g.bucket) || c.type !== 'time') throw bad('only date fields can be bucketed by day, week, month, quarter or year', `/groupBy/${i}/bucket`);
    return sql`to_char(date_trunc(${sql.lit(g.bucket)}, ${c.sql} at time zone ${timeZone}::text), 'YYYY-MM-DD') as ${sql.ref(g.field)}`;
  });
  const selected = measures.map((m, i) => {
    if (m === null || typeof m !== 'object') throw bad('a measure has fn and as', `/measures/${i}`);
    if (typeof m.as !== 'string') throw bad('a measure needs an output name', `/measures/${i}/as`);
    const fn = Object.hasOwn(AGGREGATE_FNS, m.fn) ? AGGREGATE_FNS[m.fn as keyof typeof AGGREGATE_FNS] : undefined;
    if (!fn) throw bad(`unknown aggregate ${String(m.fn)}`, `/measures/${i}/fn`);
    claim(m.as, `/measures/${i}/as`);
    if (m.field === undefined && m.fn !== 'count') throw bad(`${m.fn} needs a field`, `/measures/${i}/field`);
    const c = m.field === undefined ? undefined : column(m.field, `/measures/${i}/field`);
    if (c && ['sum', 'avg', 'median'].includes(m.fn) && c.type !== 'numeric' && c.type !== 'json') throw bad(`${m.fn} needs a number field`, `/measures/${i}/field`);
    if (c && ['min', 'max'].includes(m.fn) && c.type === 'boolean') throw bad(`${m.fn} needs a number, text or date field`, `/measures/${i}/field`);
    return sql`${fn(c)} as ${sql.ref(m.as)}`;
  });
  const positions = groups.map((_, i) => sql.lit(i + 1));
  const groupClause = groups.length > 0 ? sql` group by ${sql.join(positions)} order by ${sql.join(positions)}` : sql``;
  let rows: Record<string, unknown>[];
  try {
    rows = (await sql<Record<string, unknown>>`select ${sql.join([...groups, ...selected])} from ${visibleRows(scope, { action: 'read', filter: query.filter })}${groupClause} limit ${sql.lit(MAX_GROUPS)}`.execute(ctx.db)).rows;
  } catch (error) {
    if ((error as { code?: string }).code === '22023') throw bad('unknown time zone', '/timeZone', { timeZone });
    throw mapQueryError(error, layout);
  }
  return rows.map((row) => Object.freeze(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? toIso(v) : v]))));
}
