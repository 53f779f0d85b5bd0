import type { Field, FieldKind, LocalizedText } from '@tangram/schema';

const both = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/**
 * A field of `kind` with every option it must have, ready to drop on the canvas.
 * newField('select', 'f3', 'select_3', label, 'lead') -> { kind: 'select', options: [option_1, option_2], … }
 */
export function newField(kind: FieldKind, id: string, key: string, label: LocalizedText, formKey: string): Field {
  const base = { id, key, label };
  const make = {
    text: () => ({ ...base, kind: 'text' }),
    textarea: () => ({ ...base, kind: 'textarea' }),
    number: () => ({ ...base, kind: 'number' }),
    percent: () => ({ ...base, kind: 'percent' }),
    money: () => ({ ...base, kind: 'money', currency: 'CNY' }),
    date: () => ({ ...base, kind: 'date' }),
    datetime: () => ({ ...base, kind: 'datetime' }),
    select: () => ({ ...base, kind: 'select', options: [{ value: 'option_1', label: both('选项 1', 'Option 1') }, { value: 'option_2', label: both('选项 2', 'Option 2') }] }),
    multiselect: () => ({ ...base, kind: 'multiselect', options: [{ value: 'option_1', label: both('选项 1', 'Option 1') }, { value: 'option_2', label: both('选项 2', 'Option 2') }] }),
    checkbox: () => ({ ...base, kind: 'checkbox' }),
    yesno: () => ({ ...base, kind: 'yesno' }),
    phone: () => ({ ...base, kind: 'phone' }),
    email: () => ({ ...base, kind: 'email' }),
    url: () => ({ ...base, kind: 'url' }),
    user: () => ({ ...base, kind: 'user' }),
    orgunit: () => ({ ...base, kind: 'orgunit' }),
    // A relation must name a form; this form is always there until the admin picks another.
    relation: () => ({ ...base, kind: 'relation', form: formKey }),
    subtable: () => ({ ...base, kind: 'subtable', fields: [{ id: `${id}_1`, key: 'item', kind: 'text', label: both('明细', 'Item') }] }),
    formula: () => ({ ...base, kind: 'formula', expr: { '+': [0] }, resultKind: 'number' }),
    autonumber: () => ({ ...base, kind: 'autonumber', pattern: 'NO-{seq:4}' }),
    file: () => ({ ...base, kind: 'file' }),
    rating: () => ({ ...base, kind: 'rating', max: 5 }),
    region: () => ({ ...base, kind: 'region' }),
  } satisfies Record<FieldKind, () => Field>;
  return make[kind]();
}
