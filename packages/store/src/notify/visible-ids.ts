import { sql } from 'kysely';
import type { FormAccess } from '../api';
import { isRecordId } from '../record-reads';
import { visibleRows } from '../record-scope';
import { scopeContext, type RecordsContext } from '../records-context';

/**
 * Which of `ids` the reader may see, through the permission chokepoint: one query for a whole batch of
 * changes, however many records it names. A reader without read permission sees none.
 *   select r.id::text as id from records r … where r.form_id = 3 and (<read scopes>) and r.id = any($1::bigint[])
 */
export async function visibleRecordIds(ctx: RecordsContext, access: FormAccess, ids: readonly string[], includeDeleted: boolean): Promise<string[]> {
  const wanted = [...new Set(ids.filter(isRecordId))];
  if (wanted.length === 0 || !access.actions.has('read')) return [];
  const layout = await ctx.layout();
  const scope = scopeContext(ctx, layout, access);
  const { rows } = await sql<{ id: string }>`
    select r.id::text as id from ${visibleRows(scope, { action: 'read', includeDeleted })} and r.id = any(${wanted}::bigint[])`.execute(ctx.db);
  return rows.map((row) => row.id);
}
