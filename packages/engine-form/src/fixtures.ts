import type { FormDefinition } from '@tangram/schema';
import type { FormContext } from './types';

const l = (en: string) => ({ en });

/** A customer form holding every field kind, as a designer would build it. */
export const customerForm: FormDefinition = {
  schemaVersion: 1,
  key: 'customer',
  name: { 'zh-CN': '客户', en: 'Customer' },
  fields: [
    { id: '1', key: 'name', kind: 'text', label: l('Name'), required: true, maxLength: 10 },
    { id: '2', key: 'notes', kind: 'textarea', label: l('Notes'), minLength: 3 },
    { id: '3', key: 'age', kind: 'number', label: l('Age'), min: 0, max: 150, decimals: 0 },
    { id: '4', key: 'budget', kind: 'money', label: l('Budget'), min: '0', max: '1000000', decimals: 2 },
    { id: '5', key: 'discount', kind: 'percent', label: l('Discount'), min: 0, max: 100, decimals: 1 },
    { id: '6', key: 'birthday', kind: 'date', label: l('Birthday'), min: '1900-01-01' },
    { id: '7', key: 'visited_at', kind: 'datetime', label: l('Visited at') },
    { id: '8', key: 'channel', kind: 'select', label: l('Channel'), default: 'store', options: [{ value: 'web', label: l('Web') }, { value: 'store', label: l('Store') }, { value: 'expo', label: l('Expo') }] },
    { id: '9', key: 'interests', kind: 'multiselect', label: l('Interests'), maxItems: 2, options: [{ value: 'baby', label: l('Baby') }, { value: 'pregnancy', label: l('Pregnancy nutrition') }, { value: 'senior', label: l('Senior') }] },
    { id: '10', key: 'agreed', kind: 'checkbox', label: l('Agreed') },
    { id: '11', key: 'member', kind: 'yesno', label: l('Member'), default: false },
    { id: '12', key: 'mobile', kind: 'phone', label: l('Mobile'), region: 'cn-mobile' },
    { id: '13', key: 'intl_phone', kind: 'phone', label: l('Phone') },
    { id: '14', key: 'email', kind: 'email', label: l('Email') },
    { id: '15', key: 'site', kind: 'url', label: l('Site') },
    { id: '16', key: 'owner', kind: 'user', label: l('Owner'), default: { expr: { var: '$user.id' } } },
    { id: '17', key: 'store', kind: 'orgunit', label: l('Store') },
    { id: '18', key: 'referrer', kind: 'relation', label: l('Referrer'), form: 'customer' },
    { id: '19', key: 'products', kind: 'relation', label: l('Products'), form: 'product', multiple: true },
    {
      id: '20', key: 'items', kind: 'subtable', label: l('Items'), maxRows: 3,
      fields: [
        { id: '20a', key: 'sku', kind: 'text', label: l('SKU'), required: true },
        { id: '20b', key: 'qty', kind: 'number', label: l('Qty'), min: 1, default: 1 },
        { id: '20c', key: 'price', kind: 'money', label: l('Price') },
        { id: '20d', key: 'gift_note', kind: 'text', label: l('Gift note'), visibleIf: { '==': [{ var: 'channel' }, 'store'] } },
        { id: '20e', key: 'line_total', kind: 'formula', label: l('Line total'), resultKind: 'money', expr: { '*': [{ var: 'qty' }, { var: 'price' }] } },
      ],
    },
    { id: '21', key: 'total', kind: 'formula', label: l('Total'), resultKind: 'money', expr: { reduce: [{ var: 'items' }, { '+': [{ var: 'accumulator' }, { var: 'current.line_total' }] }, 0] } },
    { id: '22', key: 'is_adult', kind: 'formula', label: l('Adult'), resultKind: 'boolean', expr: { '>=': [{ var: 'age' }, 18] } },
    { id: '23', key: 'code', kind: 'autonumber', label: l('Code'), pattern: 'KH-{YYYYMMDD}-{seq:4}' },
    { id: '24', key: 'photos', kind: 'file', label: l('Photos'), image: true, maxFiles: 2, maxSizeMb: 1 },
    { id: '25', key: 'satisfaction', kind: 'rating', label: l('Satisfaction'), max: 5 },
    { id: '26', key: 'region', kind: 'region', label: l('Region'), depth: 2 },
    { id: '27', key: 'first_visit', kind: 'date', label: l('First visit'), default: { expr: { var: '$now' } } },
    { id: '28', key: 'expo_booth', kind: 'text', label: l('Expo booth'), required: true, visibleIf: { '==': [{ var: 'channel' }, 'expo'] } },
    { id: '29', key: 'stage', kind: 'select', label: l('Stage'), options: [{ value: 'new', label: l('New') }, { value: 'won', label: l('Won') }] },
    { id: '30', key: 'deal_amount', kind: 'money', label: l('Deal amount'), readOnlyIf: { '==': [{ var: 'stage' }, 'won'] } },
    { id: '31', key: 'score', kind: 'formula', label: l('Score'), resultKind: 'number', expr: { '+': [{ var: 'discount' }, 0.2] } },
  ],
  checks: [
    {
      id: 'child_pregnancy',
      when: { and: [{ '<': [{ var: 'age' }, 12] }, { in: ['pregnancy', { var: 'interests' }] }] },
      severity: 'warn',
      message: { 'zh-CN': '年龄小于 12 岁却选择了孕期营养产品，请核对', en: 'Age under 12 with a pregnancy-nutrition product: please check' },
      fields: ['age', 'interests'],
    },
    {
      id: 'budget_cap',
      when: { and: [{ '==': [{ var: 'channel' }, 'web'] }, { '>': [{ var: 'budget' }, 500000] }] },
      severity: 'block',
      message: { en: 'Web leads cannot exceed 500000' },
      fields: ['budget'],
    },
  ],
};

export const createCtx: FormContext = {
  mode: 'create',
  now: '2025-03-01T17:30:00Z', // 2025-03-02 01:30 in Shanghai
  user: { id: 'u_7', orgUnitIds: ['sh01'] },
  autonumbers: { code: 7 },
};
