import type { Kysely } from 'kysely';
import type { FormAccess } from './api';
import { StoreError } from './errors';
import type { FormLayout } from './form-layout';
import { uniqueIndexName } from './form-layout';
import type { ScopeContext } from './record-scope';
import { isUniqueViolation, violatedIndex } from './sql-util';

/** What every records operation of one form needs: the database, the form's storage map and the clock. */
export interface RecordsContext {
  readonly db: Kysely<any>;
  readonly app: string;
  readonly form: string;
  /** The form's layout; `atLeastVersion` reloads it when another process published a newer version. */
  layout(atLeastVersion?: number): Promise<FormLayout>;
  readonly now: () => Date;
}

export function scopeContext(ctx: RecordsContext, layout: FormLayout, access: FormAccess): ScopeContext {
  if (access.app !== ctx.app || access.form !== ctx.form) {
    throw new StoreError('ERR_FORBIDDEN', `access resolved for ${access.app}/${access.form} used on ${ctx.app}/${ctx.form}`);
  }
  return { layout, access, now: ctx.now };
}

/** Turns a violated per-field unique index into a located ERR_UNIQUE_VIOLATION; other errors pass through. */
export function mapUniqueViolation(error: unknown, layout: FormLayout): unknown {
  if (!isUniqueViolation(error)) return error;
  const index = violatedIndex(error);
  const field = [...layout.fields.values()].find((f) => index !== undefined && uniqueIndexName(layout.formId, f.key).startsWith(index) && index.startsWith(`records_f${layout.formId}_uq_`));
  if (!field) return error;
  return new StoreError('ERR_UNIQUE_VIOLATION', `another record already has this ${field.key}`, { path: `/data/${field.key}`, params: { field: field.key } });
}
