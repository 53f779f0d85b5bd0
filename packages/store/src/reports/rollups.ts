import { sql, type Kysely } from 'kysely';
import type { FormLayout } from '../form-layout';
import type { RollupRegistration } from './rollup-shape';
import { functionName, rollupTriggerSql } from './rollup-triggers';

/** Deltas pile up between compactions (two rows per cell an update touches); fold them this often. */
const COMPACT_AFTER = sql`interval '5 minutes'`;
/** A roll-up no report has read for this long costs every write for nothing: dropped when the next is made. */
const UNUSED_FOR = sql`interval '30 days'`;

/**
 * The table of a roll-up, made and filled on first use. Filling holds the tables it reads in SHARE ROW
 * EXCLUSIVE mode: writers wait (readers don't) from before the fill reads them until the roll-up is
 * registered with its triggers (rollup-triggers.ts), so every write lands either in the fill or, through
 * the triggers, in the roll-up — never in both, never in neither. The mode conflicts with itself, so two processes never fill the same roll-up.
 * Roll-ups of the form made under an older layout are dropped then (their statements may name slots the
 * form no longer uses), and roll-ups of any form no report has read for 30 days (the day a report last
 * read one is written at most once a day).
 */
export async function ensureRollup(db: Kysely<any>, layout: FormLayout, rollup: RollupRegistration): Promise<string> {
  const found = await sql<{ table_name: string; stale: boolean; unvacuumed: boolean | null; unmarked: boolean }>`
    select table_name, compacted_at < now() - ${COMPACT_AFTER} as stale, used_at < now() - interval '1 day' as unmarked,
           kind = 'records' and (select c.relpages > 0 and c.relallvisible < c.relpages / 2 from pg_class c where c.oid = to_regclass(table_name)) as unvacuumed
    from report_rollups where signature = ${rollup.signature}`.execute(db);
  const row = found.rows[0];
  if (row) {
    if (row.stale && rollup.kind === 'cells') await compactRollup(db, rollup.signature, rollup.statements().compactSql!);
    if (row.unvacuumed) await vacuum(db, row.table_name);
    if (row.unmarked) await sql`update report_rollups set used_at = now() where signature = ${rollup.signature}`.execute(db);
    return row.table_name;
  }
  const made = await db.transaction().execute(async (trx) => {
    await sql`lock table ${sql.join(rollup.locks.map((t) => sql.id(t)))} in share row exclusive mode`.execute(trx);
    const again = await sql`select 1 from report_rollups where signature = ${rollup.signature}`.execute(trx);
    if (again.rows.length > 0) return false;
    const old = await sql<{ table_name: string }>`
      delete from report_rollups
      where (form_id = ${layout.formId} and layout_version < ${layout.layoutVersion}) or used_at < now() - ${UNUSED_FOR}
      returning table_name`.execute(trx);
    for (const { table_name } of old.rows) {
      await sql`drop function if exists ${sql.id(functionName(table_name))}() cascade`.execute(trx);
      await sql`drop table if exists ${sql.id(table_name)}`.execute(trx);
    }
    const statements = rollup.statements();
    for (const statement of statements.createSql) await sql.raw(statement).execute(trx);
    await sql.raw(statements.fillSql).execute(trx);
    for (const statement of rollupTriggerSql(rollup, statements, layout.formId)) await sql.raw(statement).execute(trx);
    await sql`insert into report_rollups (form_id, kind, layout_version, signature, table_name)
      values (${layout.formId}, ${rollup.kind}, ${layout.layoutVersion}, ${rollup.signature}, ${rollup.tableName})`.execute(trx);
    return true;
  });
  if (made) await vacuum(db, rollup.tableName);
  return rollup.tableName;
}

/**
 * A new table's pages are not yet marked all-visible, so an index-only scan (a funnel's median) still
 * reads the heap row by row: 300 ms instead of 20 for 350,000 entries at 1M leads. VACUUM marks them (it
 * can't run in the transaction that filled the table); ANALYZE gives the planner its sizes. A transaction
 * that was already running when the fill committed keeps VACUUM from marking its rows (seen when six
 * charts fill their roll-ups at once), so a later read of a funnel roll-up whose pages are mostly
 * unmarked vacuums again (77 ms at 1M leads); PGlite has no autovacuum to do it otherwise.
 */
async function vacuum(db: Kysely<any>, table: string): Promise<void> {
  await sql`vacuum (analyze) ${sql.id(table)}`.execute(db);
}

/**
 * Folds the deltas into one row per cell, dropping cells no live record is in any more. Deltas appended
 * while it runs are not in its snapshot, so they are neither deleted nor summed: they stay as they are.
 * The claim on `compacted_at` lets one caller at a time do it.
 */
async function compactRollup(db: Kysely<any>, signature: string, compactSql: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const claimed = await sql`update report_rollups set compacted_at = now()
      where signature = ${signature} and compacted_at < now() - ${COMPACT_AFTER} returning id`.execute(trx);
    if (claimed.rows.length > 0) await sql.raw(compactSql).execute(trx);
  });
}
