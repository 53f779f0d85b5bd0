import type { SqlRunner } from '../lib/sql-runner';
import { TYPED_TABLE } from './typed-table';

export interface MirroredIndexes {
  /** The store's registry id of the form. */
  readonly formId: number;
  /** `create index` statements for the typed table. */
  readonly statements: readonly string[];
  /** The store's indexes on the form, as PostgreSQL prints them. */
  readonly storeIndexes: readonly string[];
  /** Store indexes with no typed counterpart, and why. */
  readonly skipped: readonly string[];
}

/**
 * Gives the hand-written table the same indexes the store created for the form — read from the catalog
 * after publish, not assumed — so the comparison measures the storage layout, not a missing index.
 * Each slot column maps back to its field's typed column; the form/deleted partial predicate has no
 * counterpart (the typed table holds one form and no deleted rows), and system columns the typed table
 * lacks (created_at) make an index unmirrorable, which is reported.
 */
export async function mirrorStoreIndexes(run: SqlRunner, app: string, form: string): Promise<MirroredIndexes> {
  const [formRow] = await run<{ id: number }>('select id from forms where app = $1 and key = $2', [app, form]);
  if (!formRow) throw new Error(`form ${app}/${form} is not registered in the store's forms table`);
  const slots = await run<{ key: string; slot: string | null }>('select key, slot from form_fields where form_id = $1', [formRow.id]);
  const keyBySlot = new Map(slots.filter((s) => s.slot).map((s) => [s.slot as string, s.key]));
  const indexes = await run<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where tablename = 'records' and indexname like $1 order by indexname`,
    [`records_f${formRow.id}\\_%`],
  );
  const statements: string[] = [];
  const skipped: string[] = [];
  for (const { indexname, indexdef } of indexes) {
    const columns = /USING \w+ \((.*?)\)(?: WHERE |$)/.exec(indexdef)?.[1];
    if (!columns) {
      skipped.push(`${indexname}: could not read its columns`);
      continue;
    }
    const mapped: string[] = [];
    let missing: string | null = null;
    for (const part of columns.split(/,\s*/)) {
      const [column = '', ...modifiers] = part.trim().split(/\s+/);
      if (column === 'form_id') continue;
      const target = column === 'id' ? 'id' : keyBySlot.get(column);
      if (!target) {
        missing = column;
        break;
      }
      mapped.push([target, ...modifiers].join(' '));
    }
    if (missing !== null || mapped.length === 0) {
      skipped.push(`${indexname}: ${missing ?? 'no columns'} has no typed counterpart`);
      continue;
    }
    const unique = /^CREATE UNIQUE/.test(indexdef) ? 'unique ' : '';
    statements.push(`create ${unique}index ${TYPED_TABLE}_${indexname.replace(/^records_f\d+_/, '')} on ${TYPED_TABLE} (${mapped.join(', ')})`);
  }
  return Object.freeze({ formId: formRow.id, statements, storeIndexes: indexes.map((i) => i.indexdef), skipped });
}
