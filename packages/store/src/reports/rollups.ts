import { sql, type Kysely } from 'kysely';
import type { FormLayout } from '../form-layout';
import type { RollupShape } from './rollup-shape';

/** Deltas pile up between compactions (two rows per cell an update touches); fold them this often. */
const COMPACT_AFTER = sql`interval '5 minutes'`;

/**
 * The roll-up table of a shape, made and filled on first use. Filling holds `records` in SHARE ROW
 * EXCLUSIVE mode: writers wait (readers don't) from before the fill reads the records until the roll-up is
 * registered, so every write lands either in the fill or, through the triggers, as a delta — never in
 * both, never in neither. The mode conflicts with itself, so two processes never fill the same shape.
 * Roll-ups of the form made under an older layout are dropped then: their statements may name slots the
 * form no longer uses.
 */
export async function ensureRollup(db: Kysely<any>, layout: FormLayout, shape: RollupShape): Promise<string> {
  const found = await sql<{ table_name: string; stale: boolean }>`
    select table_name, compacted_at < now() - ${COMPACT_AFTER} as stale from report_rollups where signature = ${shape.signature}`.execute(db);
  const row = found.rows[0];
  if (row) {
    if (row.stale) await compactRollup(db, shape);
    return row.table_name;
  }
  await db.transaction().execute(async (trx) => {
    await sql`lock table records in share row exclusive mode`.execute(trx);
    const again = await sql`select 1 from report_rollups where signature = ${shape.signature}`.execute(trx);
    if (again.rows.length > 0) return;
    const old = await sql<{ table_name: string }>`
      delete from report_rollups where form_id = ${layout.formId} and layout_version < ${layout.layoutVersion} returning table_name`.execute(trx);
    for (const { table_name } of old.rows) await sql`drop table if exists ${sql.id(table_name)}`.execute(trx);
    await sql.raw(shape.createSql).execute(trx);
    await sql.raw(shape.deltaSql('records', 1)).execute(trx);
    await sql`insert into report_rollups (form_id, layout_version, signature, table_name, add_sql, remove_sql)
      values (${layout.formId}, ${layout.layoutVersion}, ${shape.signature}, ${shape.tableName}, ${shape.deltaSql('new_rows', 1)}, ${shape.deltaSql('old_rows', -1)})`.execute(trx);
  });
  return shape.tableName;
}

/**
 * Folds the deltas into one row per cell, dropping cells no live record is in any more. Deltas appended
 * while it runs are not in its snapshot, so they are neither deleted nor summed: they stay as they are.
 * The claim on `compacted_at` lets one caller at a time do it.
 */
async function compactRollup(db: Kysely<any>, shape: RollupShape): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const claimed = await sql`update report_rollups set compacted_at = now()
      where signature = ${shape.signature} and compacted_at < now() - ${COMPACT_AFTER} returning id`.execute(trx);
    if (claimed.rows.length > 0) await sql.raw(shape.compactSql).execute(trx);
  });
}
