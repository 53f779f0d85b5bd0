/**
 * Finds records by the values of one field, through the permission chokepoint: an import asks, per
 * chunk of up to 1,000 rows, which of the chunk's phones already belong to a record the importer can
 * read. One indexed statement (a unique field has its own index on its slot; a field of another indexed
 * kind gets its slot index built after the first lookup); no page count, no cursor.
 *
 *   findRecordsByValues(ctx, access, 'phone', ['13800138000', '13900139000'])
 *   -- select … from records r … where <scope> and r.t3 in ($1, $2) order by r.id
 */
import { sql } from 'kysely';
import type { JsonLogic, RecordView } from '@tangram/schema';
import type { FormAccess } from './api';
import { StoreError } from './errors';
import { RECORD_SELECT, toRecordView, type RecordRow } from './record-columns';
import { visibleRows } from './record-scope';
import { mapped, scopeContext, type RecordsContext } from './records-context';

export const MAX_LOOKUP_VALUES = 1000;

export async function findRecordsByValues(ctx: RecordsContext, access: FormAccess, field: string, values: readonly unknown[]): Promise<readonly RecordView[]> {
  const layout = await ctx.layout();
  const scope = scopeContext(ctx, layout, access);
  if (values.length > MAX_LOOKUP_VALUES) throw new StoreError('ERR_BATCH_TOO_LARGE', `at most ${MAX_LOOKUP_VALUES} values`, { path: '/values', params: { max: MAX_LOOKUP_VALUES } });
  // A hidden field would tell the caller which values exist; the filter compiler refuses unknown fields.
  if (access.hiddenFields.has(field)) throw new StoreError('ERR_FIELD_NOT_FILTERABLE', `field ${field} can't be used here`, { path: '/field', params: { field } });
  if (!access.actions.has('read') || values.length === 0) return [];
  // Values are data, compiled to parameters (never spliced into SQL).
  const filter = { in: [{ var: field }, [...values]] } as JsonLogic;
  const { rows } = await mapped(layout, sql<RecordRow>`select ${RECORD_SELECT} from ${visibleRows(scope, { action: 'read', filter })} order by r.id`.execute(ctx.db));
  ctx.slotIndexes.want(layout, [field]);
  return rows.map((row) => toRecordView(row, ctx.app, ctx.form, access.hiddenFields));
}
