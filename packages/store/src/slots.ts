import type { Field, FieldKind } from '@tangram/schema';

/**
 * Typed "flex" columns on `records`. Every scalar field of a published form is given one slot of its
 * class; the store fills it from `data` on every write, so filters, sorts and GROUP BYs run on typed,
 * indexable columns instead of jsonb. `data` stays the source of truth.
 */
export type SlotClass = 'text' | 'numeric' | 'time';

export const SLOT_COUNTS: Readonly<Record<SlotClass, number>> = { text: 20, numeric: 10, time: 6 };

const SLOT_PREFIX: Readonly<Record<SlotClass, string>> = { text: 't', numeric: 'n', time: 'd' };
const SLOT_SQL_TYPE: Readonly<Record<SlotClass, string>> = { text: 'text', numeric: 'numeric', time: 'timestamptz(3)' };
/** The immutable SQL function that projects a jsonb value onto the slot's type (see the core migration). */
export const SLOT_FUNCTION: Readonly<Record<SlotClass, string>> = {
  text: 'tangram_slot_text',
  numeric: 'tangram_slot_numeric',
  time: 'tangram_slot_time',
};

export interface SlotColumn { readonly name: string; readonly slotClass: SlotClass; readonly sqlType: string }

export const SLOT_COLUMNS: readonly SlotColumn[] = Object.freeze(
  (Object.keys(SLOT_COUNTS) as SlotClass[]).flatMap((slotClass) =>
    Array.from({ length: SLOT_COUNTS[slotClass] }, (_, i) =>
      Object.freeze({ name: `${SLOT_PREFIX[slotClass]}${i + 1}`, slotClass, sqlType: SLOT_SQL_TYPE[slotClass] }),
    ),
  ),
);

const SLOT_BY_NAME = new Map(SLOT_COLUMNS.map((s) => [s.name, s]));
export function slotColumn(name: string): SlotColumn {
  const slot = SLOT_BY_NAME.get(name);
  if (!slot) throw new Error(`unknown slot column ${name}`);
  return slot;
}

/**
 * Which slot class a field's value fits, or null when it stays in `data` only (lists, objects, long text).
 * Booleans live in text slots as 'true'/'false' and are read back as boolean.
 */
const KIND_SLOT: Readonly<Record<FieldKind, (field: Field) => SlotClass | null>> = {
  text: () => 'text',
  textarea: () => null,
  number: () => 'numeric',
  money: () => 'numeric',
  percent: () => 'numeric',
  rating: () => 'numeric',
  date: () => 'time',
  datetime: () => 'time',
  select: () => 'text',
  multiselect: () => null,
  checkbox: () => 'text',
  yesno: () => 'text',
  phone: () => 'text',
  email: () => 'text',
  url: () => 'text',
  user: (f) => ((f as { multiple?: boolean }).multiple ? null : 'text'),
  orgunit: () => 'text',
  relation: (f) => ((f as { multiple?: boolean }).multiple ? null : 'text'),
  subtable: () => null,
  formula: (f) => {
    const resultKind = (f as { resultKind?: string }).resultKind;
    if (resultKind === 'number' || resultKind === 'money') return 'numeric';
    if (resultKind === 'date') return 'time';
    return resultKind === 'text' || resultKind === 'boolean' ? 'text' : null;
  },
  autonumber: () => 'text',
  file: () => null,
  region: () => null,
};

export function slotClassOf(field: Field): SlotClass | null {
  const pick = KIND_SLOT[field.kind];
  return pick ? pick(field) : null;
}

/** Kinds whose values are booleans (stored as text in a slot, compared as boolean). */
export function isBooleanField(field: { readonly kind: string; readonly resultKind?: string }): boolean {
  return field.kind === 'checkbox' || field.kind === 'yesno' || (field.kind === 'formula' && field.resultKind === 'boolean');
}

/** Kinds whose slot gets a per-form index when a list first filters or sorts on it (see slot-indexes.ts). */
export const INDEXED_KINDS: ReadonlySet<string> = new Set(['select', 'number', 'money', 'percent', 'rating', 'date', 'datetime', 'user', 'orgunit', 'relation']);
