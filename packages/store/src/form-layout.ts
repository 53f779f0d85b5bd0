import { sql, type Kysely } from 'kysely';
import type { Field, FormDefinition } from '@tangram/schema';
import { StoreError } from './errors';
import { isBooleanField, SLOT_COLUMNS, SLOT_FUNCTION, slotClassOf, slotColumn, type SlotClass } from './slots';
import { isUniqueViolation } from './sql-util';

/** How filters and sorts read a field: a typed slot, or jsonb `data->key` when it has none. */
export type ValueType = 'text' | 'numeric' | 'time' | 'boolean' | 'json';

export interface FieldLayout {
  readonly key: string;
  readonly kind: string;
  readonly valueType: ValueType;
  readonly slot: string | null;
  readonly unique: boolean;
  /** The slot has its per-form index (built when a list first filters or sorts on it, see slot-indexes.ts). */
  readonly slotIndexed: boolean;
}

/** A form's storage map: its registry id and where each field (current or retired) lives. */
export interface FormLayout {
  readonly formId: number;
  readonly app: string;
  readonly form: string;
  readonly publishedVersion: number;
  readonly layoutVersion: number;
  readonly fields: ReadonlyMap<string, FieldLayout>;
}

/** A field stored in a slot, with the slot's class. */
export interface SlottedField { readonly key: string; readonly slot: string; readonly slotClass: SlotClass }

interface LayoutFacts { readonly slotted: readonly SlottedField[]; readonly timeKeys: readonly string[] }

// What every write asks of a layout, worked out once per layout object: walking its fields (or a record's
// entries) for each record of an import cost ~1 KB of garbage a record.
const FACTS = new WeakMap<FormLayout, LayoutFacts>();

function factsOf(layout: FormLayout): LayoutFacts {
  let facts = FACTS.get(layout);
  if (!facts) {
    const fields = [...layout.fields.values()];
    facts = {
      slotted: fields.filter((f) => f.slot !== null).map((f) => ({ key: f.key, slot: f.slot!, slotClass: slotColumn(f.slot!).slotClass })),
      timeKeys: fields.filter((f) => f.valueType === 'time').map((f) => f.key),
    };
    FACTS.set(layout, facts);
  }
  return facts;
}

/** The fields of a layout that have a slot (current and retired), with the slot's class. */
export function slottedFields(layout: FormLayout): readonly SlottedField[] {
  return factsOf(layout).slotted;
}

/** The keys of the fields whose values are dates or datetimes. */
export function timeFieldKeys(layout: FormLayout): readonly string[] {
  return factsOf(layout).timeKeys;
}

const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
/** Field keys end up in SQL as literals (`data->'budget'`); only this shape may get there. */
export function assertFieldKey(key: string, path: string): void {
  if (!KEY_PATTERN.test(key)) throw new StoreError('ERR_INVALID_FILTER', `invalid field key ${JSON.stringify(key)}`, { path, params: { key } });
}

export async function loadFormLayout(db: Kysely<any>, app: string, form: string): Promise<FormLayout | null> {
  const row = await db.selectFrom('forms').select(['id', 'published_version', 'layout_version']).where('app', '=', app).where('key', '=', form).executeTakeFirst();
  if (!row) return null;
  const fields = await db.selectFrom('form_fields').select(['key', 'kind', 'value_type', 'slot', 'is_unique', 'slot_indexed']).where('form_id', '=', row.id).execute();
  return Object.freeze({
    formId: row.id,
    app,
    form,
    publishedVersion: row.published_version,
    layoutVersion: row.layout_version,
    fields: new Map(fields.map((f) => [f.key, Object.freeze({ key: f.key, kind: f.kind, valueType: f.value_type as ValueType, slot: f.slot, unique: f.is_unique, slotIndexed: f.slot_indexed })])),
  });
}

function valueTypeOf(field: Field, slotClass: SlotClass | null): ValueType {
  if (isBooleanField(field as { kind: string; resultKind?: string })) return 'boolean';
  return slotClass ?? 'json';
}

/** `records_f12_uq_phone`: the unique index of one field; the name is how a violation finds its field. */
export function uniqueIndexName(formId: number, key: string): string {
  return `records_f${formId}_uq_${key}`;
}

/**
 * Maps the fields of a form version being published onto storage, inside the publishing transaction:
 * registers the form, gives every new scalar field a free slot of its class (existing fields keep theirs),
 * backfills newly slotted columns from `data`, and creates the `created` and unique indexes. Slot indexes
 * are not created here: a list builds one when it first filters or sorts on the slot (slot-indexes.ts),
 * so a form's writes maintain only the indexes its queries use.
 */
export async function applyFormLayout(trx: Kysely<any>, app: string, body: FormDefinition, version: number): Promise<void> {
  const formRow = await sql<{ id: number }>`
    insert into forms (app, key, published_version, layout_version) values (${app}, ${body.key}, ${version}, 1)
    on conflict (app, key) do update set published_version = excluded.published_version, layout_version = forms.layout_version + 1
    returning id`.execute(trx);
  const formId = formRow.rows[0]!.id;
  const existing = await trx.selectFrom('form_fields').selectAll().where('form_id', '=', formId).execute();
  const byKey = new Map(existing.map((f) => [f.key as string, f]));
  const usedSlots = new Set(existing.map((f) => f.slot as string | null).filter((s): s is string => s !== null));
  const live = `form_id = ${formId} and deleted_at is null`;

  const fields = Array.isArray(body.fields) ? body.fields : [];
  for (const [index, field] of fields.entries()) {
    assertFieldKey(field.key, `/fields/${index}/key`);
    const slotClass = slotClassOf(field);
    const valueType = valueTypeOf(field, slotClass);
    const before = byKey.get(field.key);
    let slot: string | null = before?.slot ?? null;
    const keepsSlot = slot !== null && slotClass !== null && slotColumn(slot).slotClass === slotClass;
    if (!keepsSlot) {
      const freed = slot;
      slot = slotClass ? (SLOT_COLUMNS.find((s) => s.slotClass === slotClass && !usedSlots.has(s.name))?.name ?? null) : null;
      if (slot) usedSlots.add(slot);
      if (freed) usedSlots.delete(freed);
      // Rows written before this version get the new slot filled from data (and the old one cleared).
      const sets = [
        ...(slot ? [`${slot} = ${SLOT_FUNCTION[slotColumn(slot).slotClass]}(x.data->'${field.key}')`] : []),
        ...(freed ? [`${freed} = null`] : []),
      ];
      if (sets.length > 0) {
        await sql.raw(`update records t set ${sets.join(', ')} from record_data x where x.record_id = t.id and t.form_id = ${formId} and (${before ? 'true' : `x.data ? '${field.key}'`})`).execute(trx);
      }
    }
    const unique = field.unique === true;
    if (before) {
      // A field moved to another slot has that slot's index built on demand like a new field's.
      const moved = keepsSlot ? {} : { slot_indexed: false };
      await trx.updateTable('form_fields').set({ kind: field.kind, value_type: valueType, slot, is_unique: unique, ...moved }).where('form_id', '=', formId).where('key', '=', field.key).execute();
    } else {
      await trx.insertInto('form_fields').values({ form_id: formId, key: field.key, kind: field.kind, value_type: valueType, slot, is_unique: unique, first_version: version }).execute();
    }

    const uniqueName = uniqueIndexName(formId, field.key);
    if (unique) {
      // Uniqueness is enforced by an index on the slot, so a unique field needs one.
      if (!slot) throw new StoreError('ERR_INVALID_VALUE', `${field.key} can't be unique: its kind has no typed column left`, { path: `/fields/${index}/unique`, params: { field: field.key } });
      await createUniqueIndex(trx, uniqueName, slot, live, field.key, index);
    } else {
      await sql.raw(`drop index if exists ${uniqueName}`).execute(trx);
    }
  }
  await sql.raw(`create index if not exists records_f${formId}_created on records (created_at desc, id desc) where ${live}`).execute(trx);
}

async function createUniqueIndex(trx: Kysely<any>, name: string, target: string, where: string, key: string, index: number): Promise<void> {
  // A field that became unique may already hold duplicates: refuse the publish, located at the field.
  await sql.raw('savepoint tangram_unique').execute(trx);
  try {
    await sql.raw(`create unique index if not exists ${name} on records (${target}) where ${where}`).execute(trx);
    await sql.raw('release savepoint tangram_unique').execute(trx);
  } catch (error) {
    await sql.raw('rollback to savepoint tangram_unique').execute(trx);
    if (isUniqueViolation(error)) {
      throw new StoreError('ERR_UNIQUE_VIOLATION', `existing records already share values of ${key}`, { path: `/fields/${index}/unique`, params: { field: key } });
    }
    throw error;
  }
}
