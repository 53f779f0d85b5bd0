import { sql } from 'kysely';
import type { Actor, FormAccess, RecordEvent } from './api';
import { StoreError } from './errors';
import { isRecordId } from './record-reads';
import { assertAction, visibleRows } from './record-scope';
import { EVENT_SELECT, toRecordEvent, type EventRow } from './record-updates';
import { scopeContext, type RecordsContext } from './records-context';

/** Longest comment kept, in characters (the server refuses longer ones with a located problem first). */
export const MAX_COMMENT_LENGTH = 4000;

/**
 * Appends a `commented` event to a live record the caller may read, in one statement: the row is
 * selected through the chokepoint, so a record outside the caller's read scope is "not found".
 *   insert into record_events (…, kind, comment) select r.id, …, 'commented', $text from <visible rows> and r.id = $id
 */
export async function commentOnRecord(ctx: RecordsContext, actor: Actor, access: FormAccess, id: string, text: string): Promise<RecordEvent> {
  const layout = await ctx.layout();
  const scope = scopeContext(ctx, layout, access);
  assertAction(access, 'read');
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed.length === 0 || trimmed.length > MAX_COMMENT_LENGTH) {
    throw new StoreError('ERR_INVALID_VALUE', `a comment has 1–${MAX_COMMENT_LENGTH} characters`, { path: '/text', params: { min: 1, max: MAX_COMMENT_LENGTH } });
  }
  const notFound = new StoreError('ERR_NOT_FOUND', `record ${id} not found`, { params: { id } });
  if (!isRecordId(id)) throw notFound;
  const { rows } = await sql<EventRow>`
    with e as (
      insert into record_events (record_id, form_id, kind, actor_id, via, diff, comment)
      select r.id, ${sql.lit(layout.formId)}, 'commented', ${actor.userId}::text, ${actor.via}::text, '{}'::jsonb, ${trimmed}::text
      from ${visibleRows(scope, { action: 'read' })} and r.id = ${id}::bigint
      returning *
    )
    select ${EVENT_SELECT} from e`.execute(ctx.db);
  if (!rows[0]) throw notFound;
  return toRecordEvent(rows[0], access.hiddenFields);
}
