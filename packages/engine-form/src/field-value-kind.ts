import type { Field, FieldKind } from '@tangram/schema';

/** The storage type a field's value fits, for typed columns and expression indexes in the store. */
export type FieldValueKind = 'text' | 'numeric' | 'date' | 'timestamptz' | 'boolean' | 'jsonb';

const byKind: Record<FieldKind, (field: Field) => FieldValueKind> = {
  text: () => 'text', textarea: () => 'text', phone: () => 'text', email: () => 'text', url: () => 'text',
  select: () => 'text', autonumber: () => 'text', orgunit: () => 'text',
  user: (f) => (f.kind === 'user' && f.multiple ? 'jsonb' : 'text'),
  relation: (f) => (f.kind === 'relation' && f.multiple ? 'jsonb' : 'text'),
  number: () => 'numeric', percent: () => 'numeric', money: () => 'numeric', rating: () => 'numeric',
  // "YYYY-MM-DD" also sorts correctly as text, if a store prefers that.
  date: () => 'date',
  datetime: () => 'timestamptz',
  checkbox: () => 'boolean', yesno: () => 'boolean',
  multiselect: () => 'jsonb', subtable: () => 'jsonb', file: () => 'jsonb', region: () => 'jsonb',
  formula: (f) => (f.kind === 'formula' ? ({ number: 'numeric', money: 'numeric', text: 'text', boolean: 'boolean', date: 'date' } as const)[f.resultKind] : 'text'),
};

/** `fieldValueKind({kind: 'money', …})` -> 'numeric'; `{kind: 'multiselect', …}` -> 'jsonb'. */
export function fieldValueKind(field: Field): FieldValueKind {
  return byKind[field.kind](field);
}
