import { sql, type RawBuilder } from 'kysely';
import type { RecordView } from '@tangram/schema';
import type { FormLayout, ValueType } from './form-layout';
import { toIso, toIsoOrNull } from './sql-util';

/** A value a query can read from a record row `r`: its SQL and how it compares. */
export interface RecordColumn {
  readonly sql: RawBuilder<unknown>;
  readonly type: ValueType;
  /** Never NULL (system columns): lets keyset pagination use a plain row comparison. */
  readonly notNull: boolean;
}

/** System columns addressable by name in sorts and filters. Field keys are lowercase, so they never clash. */
const SYSTEM_COLUMNS: Readonly<Record<string, RecordColumn>> = {
  id: { sql: sql`r.id`, type: 'numeric', notNull: true },
  createdAt: { sql: sql`r.created_at`, type: 'time', notNull: true },
  updatedAt: { sql: sql`r.updated_at`, type: 'time', notNull: true },
  createdBy: { sql: sql`r.created_by`, type: 'text', notNull: false },
  updatedBy: { sql: sql`r.updated_by`, type: 'text', notNull: false },
  ownerId: { sql: sql`r.owner_id`, type: 'text', notNull: false },
  orgUnitId: { sql: sql`r.org_unit_id`, type: 'text', notNull: false },
};
/** `{"var": "$record.owner"}` and friends, as conditions in roles and rules name them. */
const RECORD_VARS: Readonly<Record<string, RecordColumn>> = {
  '$record.id': SYSTEM_COLUMNS.id!,
  '$record.owner': SYSTEM_COLUMNS.ownerId!,
  '$record.orgUnit': SYSTEM_COLUMNS.orgUnitId!,
  '$record.createdBy': SYSTEM_COLUMNS.createdBy!,
  '$record.createdAt': SYSTEM_COLUMNS.createdAt!,
  '$record.updatedAt': SYSTEM_COLUMNS.updatedAt!,
};

/** A field's column: its typed slot when it has one, else `data->'key'` (jsonb). */
export function fieldColumn(layout: FormLayout, key: string): RecordColumn | undefined {
  const field = layout.fields.get(key);
  if (!field) return undefined;
  if (!field.slot) return { sql: sql`(rd.data->${sql.lit(key)})`, type: 'json', notNull: false };
  const column = sql.ref(`r.${field.slot}`);
  return field.valueType === 'boolean'
    ? { sql: sql`(${column})::boolean`, type: 'boolean', notNull: false }
    : { sql: column, type: field.valueType, notNull: false };
}

/** Resolves a name used in a filter, sort or group: a field first, then a system column or `$record.*`. */
export function recordColumn(layout: FormLayout, name: string): RecordColumn | undefined {
  return fieldColumn(layout, name) ?? (Object.hasOwn(SYSTEM_COLUMNS, name) ? SYSTEM_COLUMNS[name] : undefined)
    ?? (Object.hasOwn(RECORD_VARS, name) ? RECORD_VARS[name] : undefined);
}

/** The columns of a record view: `r` is the records row, `rd` its document (record_data). */
export const RECORD_SELECT = sql`r.id::text as id, r.form_version, rd.data, r.owner_id, r.org_unit_id, r.created_by,
  r.created_at, r.updated_by, r.updated_at, r.version, r.deleted_at, r.idempotency_key`;
/** RECORD_SELECT but the document, for a writer that holds the document it just stored. */
export const RECORD_SELECT_BUT_DATA = sql`r.id::text as id, r.form_version, r.owner_id, r.org_unit_id, r.created_by,
  r.created_at, r.updated_by, r.updated_at, r.version, r.deleted_at, r.idempotency_key`;

export interface RecordRow {
  id: string; form_version: number; data: Record<string, unknown>; owner_id: string | null; org_unit_id: string | null;
  created_by: string | null; created_at: Date; updated_by: string | null; updated_at: Date; version: number;
  deleted_at: Date | null; idempotency_key: string | null;
}

/** Strips the fields this reader may not see: hidden fields never leave the store. */
export function withoutHidden(data: Readonly<Record<string, unknown>>, hidden: ReadonlySet<string>): Readonly<Record<string, unknown>> {
  if (hidden.size === 0) return Object.freeze({ ...data });
  return Object.freeze(Object.fromEntries(Object.entries(data).filter(([key]) => !hidden.has(key))));
}

export function toRecordView(row: RecordRow, app: string, form: string, hidden: ReadonlySet<string>): RecordView {
  return Object.freeze({
    id: String(row.id),
    app,
    form,
    formVersion: row.form_version,
    data: withoutHidden(row.data ?? {}, hidden),
    ownerId: row.owner_id,
    orgUnitId: row.org_unit_id,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: toIso(row.updated_at),
    version: row.version,
    deletedAt: toIsoOrNull(row.deleted_at),
  });
}
