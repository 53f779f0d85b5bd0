import type { Kysely } from 'kysely';
import type { FormAccess } from './api';
import { StoreError } from './errors';
import type { FormLayout } from './form-layout';
import { uniqueIndexName } from './form-layout';
import type { ScopeContext } from './record-scope';
import type { SlotIndexes } from './slot-indexes';
import { isDeadlock, isUniqueViolation, violatedIndex } from './sql-util';

/** What every records operation of one form needs: the database, the form's storage map and the clock. */
export interface RecordsContext {
  readonly db: Kysely<any>;
  readonly app: string;
  readonly form: string;
  /** The form's layout; `atLeastVersion` reloads it when another process published a newer version. */
  layout(atLeastVersion?: number): Promise<FormLayout>;
  readonly now: () => Date;
  /** Builds the slot indexes lists ask for, in the background. */
  readonly slotIndexes: SlotIndexes;
}

export function scopeContext(ctx: RecordsContext, layout: FormLayout, access: FormAccess): ScopeContext {
  if (access.app !== ctx.app || access.form !== ctx.form) {
    throw new StoreError('ERR_FORBIDDEN', `access resolved for ${access.app}/${access.form} used on ${ctx.app}/${ctx.form}`);
  }
  return { layout, access, now: ctx.now };
}

const LOGIC_REFUSAL = /ERR_LOGIC_UNSUPPORTED_IN_SQL at (\/[^\s:"]*)?/;

/**
 * Turns database errors callers can act on into StoreErrors: a violated per-field unique index into a
 * located ERR_UNIQUE_VIOLATION, and a condition the SQL back end refuses row by row at run time (it
 * raises an error carrying ERR_LOGIC_UNSUPPORTED_IN_SQL) into ERR_INVALID_FILTER, and a deadlock the
 * database broke (two batches inserting the same unique values in crossed order) into ERR_CONFLICT: the
 * statement was rolled back and may be retried. Others pass through.
 */
export function mapQueryError(error: unknown, layout: FormLayout): unknown {
  const refusal = error instanceof Error ? LOGIC_REFUSAL.exec(error.message) : null;
  if (refusal) {
    const at = refusal[1] && refusal[1] !== '/' ? refusal[1] : '';
    return new StoreError('ERR_INVALID_FILTER', 'this filter cannot be evaluated on the stored values', { path: `/filter${at}`, params: { reason: 'ERR_LOGIC_UNSUPPORTED_IN_SQL' } });
  }
  if (isDeadlock(error)) return new StoreError('ERR_CONFLICT', 'a concurrent write to the same records got in the way; nothing was saved, try again');
  if (!isUniqueViolation(error)) return error;
  const index = violatedIndex(error);
  const field = [...layout.fields.values()].find((f) => index !== undefined && uniqueIndexName(layout.formId, f.key).startsWith(index) && index.startsWith(`records_f${layout.formId}_uq_`));
  if (!field) return error;
  return new StoreError('ERR_UNIQUE_VIOLATION', `another record already has this ${field.key}`, { path: `/data/${field.key}`, params: { field: field.key } });
}

/** Awaits a query, mapping the errors callers can act on (see mapQueryError). */
export async function mapped<T>(layout: FormLayout, query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    throw mapQueryError(error, layout);
  }
}
