import type { Field, FieldKind } from '../field';

/** One valid field of every kind, with most of its options set: the base of the table-driven tests. */
export const validFields: Record<FieldKind, Field> = {
  text: { id: 'f1', key: 'name', kind: 'text', label: { 'zh-CN': '姓名', en: 'Name' }, required: true, minLength: 1, maxLength: 50, pattern: '^[^0-9]+$', help: { en: 'Full name' } },
  textarea: { id: 'f2', key: 'notes', kind: 'textarea', label: { en: 'Notes' }, maxLength: 2000 },
  number: { id: 'f3', key: 'age', kind: 'number', label: { en: 'Age' }, min: 0, max: 150, decimals: 0 },
  money: { id: 'f4', key: 'budget', kind: 'money', label: { en: 'Budget' }, currency: 'CNY', min: '0', max: '10000000.00', decimals: 2, unique: false },
  percent: { id: 'f5', key: 'discount', kind: 'percent', label: { en: 'Discount' }, min: 0, max: 100, default: 0 },
  date: { id: 'f6', key: 'birthday', kind: 'date', label: { en: 'Birthday' }, min: '1900-01-01', max: '2100-12-31' },
  datetime: { id: 'f7', key: 'visited_at', kind: 'datetime', label: { en: 'Visited' }, default: { expr: { var: '$now' } } },
  select: {
    id: 'f8', key: 'channel', kind: 'select', label: { 'zh-CN': '渠道' }, default: 'web',
    options: [{ value: 'web', label: { en: 'Web' }, color: '#2f80ed' }, { value: 'expo', label: { en: 'Expo' } }],
  },
  multiselect: {
    id: 'f9', key: 'interests', kind: 'multiselect', label: { en: 'Interests' }, minItems: 0, maxItems: 2, default: ['a'],
    options: [{ value: 'a', label: { en: 'A' } }, { value: 'b', label: { en: 'B' } }],
  },
  checkbox: { id: 'f10', key: 'agreed', kind: 'checkbox', label: { en: 'Agreed' }, default: false },
  yesno: { id: 'f11', key: 'member', kind: 'yesno', label: { en: 'Member' } },
  phone: { id: 'f12', key: 'mobile', kind: 'phone', label: { en: 'Mobile' }, region: 'cn-mobile', unique: true },
  email: { id: 'f13', key: 'email', kind: 'email', label: { en: 'Email' } },
  url: { id: 'f14', key: 'site', kind: 'url', label: { en: 'Site' } },
  user: { id: 'f15', key: 'owner', kind: 'user', label: { en: 'Owner' }, default: { expr: { var: '$user.id' } } },
  orgunit: { id: 'f16', key: 'store', kind: 'orgunit', label: { en: 'Store' } },
  relation: { id: 'f17', key: 'referrer', kind: 'relation', label: { en: 'Referred by' }, form: 'store_visit', displayField: 'title' },
  subtable: {
    id: 'f18', key: 'items', kind: 'subtable', label: { en: 'Items' }, minRows: 0, maxRows: 50,
    fields: [
      { id: 'f18a', key: 'qty', kind: 'number', label: { en: 'Qty' }, min: 1 },
      { id: 'f18b', key: 'price', kind: 'money', label: { en: 'Price' } },
      { id: 'f18c', key: 'line_total', kind: 'formula', label: { en: 'Line total' }, resultKind: 'money', expr: { '*': [{ var: 'qty' }, { var: 'price' }] } },
    ],
  },
  formula: { id: 'f19', key: 'is_adult', kind: 'formula', label: { en: 'Adult' }, resultKind: 'boolean', expr: { '>=': [{ var: 'age' }, 18] } },
  autonumber: { id: 'f20', key: 'code', kind: 'autonumber', label: { en: 'Code' }, pattern: 'KH-{YYYYMMDD}-{seq:4}' },
  file: { id: 'f21', key: 'photos', kind: 'file', label: { en: 'Photos' }, accept: ['image/*'], maxFiles: 3, maxSizeMb: 10, image: true },
  rating: { id: 'f22', key: 'satisfaction', kind: 'rating', label: { en: 'Satisfaction' }, max: 5 },
  region: { id: 'f23', key: 'address_region', kind: 'region', label: { en: 'Region' }, depth: 3, visibleIf: { '!!': [{ var: 'mobile' }] } },
};

export function formWith(fields: readonly unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemaVersion: 1, key: 'customer', name: { 'zh-CN': '客户', en: 'Customer' }, fields, ...extra };
}
