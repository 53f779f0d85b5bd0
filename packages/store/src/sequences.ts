import { sql, type Kysely } from 'kysely';
import { StoreError } from './errors';

export const MAX_SEQUENCE_BLOCK = 10_000;

/**
 * Reserves `count` consecutive numbers of one form field's sequence and returns the first (1-based).
 * One upsert: concurrent callers serialise on the row, so blocks never overlap. Inside a caller's
 * transaction a rolled-back block is given out again; outside one, numbers may have gaps (like any
 * sequence) but never repeat.
 *   nextSequence('crm', 'lead', 'code', 3) -> 1, then -> 4
 */
export async function nextSequence(db: Kysely<any>, app: string, form: string, field: string, count: number): Promise<number> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SEQUENCE_BLOCK) {
    throw new StoreError('ERR_INVALID_VALUE', `count must be 1–${MAX_SEQUENCE_BLOCK}`, { path: '/count', params: { min: 1, max: MAX_SEQUENCE_BLOCK } });
  }
  const { rows } = await sql<{ first: number }>`
    insert into sequences as s (app, form, field, value) values (${app}, ${form}, ${field}, ${count})
    on conflict (app, form, field) do update set value = s.value + excluded.value
    returning s.value - ${count} + 1 as first`.execute(db);
  return Number(rows[0]!.first);
}
