import type { Field, FormDefinition } from '@tangram/schema';

/** What a report can do with a field's value: measure it, bucket it, roll it up, or only group by it. */
export type ValueClass = 'number' | 'decimal' | 'date' | 'time' | 'orgunit' | 'user' | 'choice' | 'text' | 'boolean' | 'opaque';

/** System columns every record has, named as the store's filters and sorts name them. */
const SYSTEM_CLASSES: Readonly<Record<string, ValueClass>> = {
  createdAt: 'time',
  updatedAt: 'time',
  ownerId: 'user',
  createdBy: 'user',
  updatedBy: 'user',
  orgUnitId: 'orgunit',
};

function classOfField(field: Field): ValueClass {
  switch (field.kind) {
    case 'number': case 'percent': case 'rating': return 'number';
    case 'money': return 'decimal';
    case 'date': return 'date';
    case 'datetime': return 'time';
    case 'select': return 'choice';
    case 'checkbox': case 'yesno': return 'boolean';
    case 'orgunit': return 'orgunit';
    case 'user': return field.multiple ? 'opaque' : 'user';
    case 'relation': return field.multiple ? 'opaque' : 'text';
    case 'text': case 'textarea': case 'phone': case 'email': case 'url': case 'autonumber': return 'text';
    case 'formula': return ({ number: 'number', money: 'decimal', text: 'text', boolean: 'boolean', date: 'date' } as const)[field.resultKind];
    // Lists and structures: a group per distinct array or object would mean nothing to a reader.
    case 'multiselect': case 'subtable': case 'file': case 'region': return 'opaque';
  }
}

export interface FieldInfo {
  readonly name: string;
  readonly valueClass: ValueClass;
  readonly field?: Field;
}

/** `fieldInfo(leadForm, "budget")` -> `{name: "budget", valueClass: "decimal", field}`; unknown -> undefined. */
export function fieldInfo(form: FormDefinition, name: string): FieldInfo | undefined {
  const field = form.fields.find((f) => f.key === name);
  if (field) return { name, valueClass: classOfField(field), field };
  return Object.hasOwn(SYSTEM_CLASSES, name) ? { name, valueClass: SYSTEM_CLASSES[name]! } : undefined;
}

export const isNumeric = (c: ValueClass): boolean => c === 'number' || c === 'decimal';
export const isTemporal = (c: ValueClass): boolean => c === 'date' || c === 'time';
