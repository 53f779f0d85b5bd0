import type { Field, FormDefinition, SelectOption } from '@tangram/schema';
import { CHANNELS, GENDERS, STAGES } from './customer-generator';

/** The 10-field customer list every benchmark seeds: the shape of the template's leads form. */
export const BENCH_APP_KEY = 'bench';
export const CUSTOMER_FORM_KEY = 'customers';

const OPTION_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  store: ['门店', 'Store'], expo: ['展会', 'Expo'], street: ['地推', 'Street'], web: ['网络', 'Web'], referral: ['转介绍', 'Referral'],
  new: ['新线索', 'New'], contacted: ['已联系', 'Contacted'], visited: ['已到店', 'Visited'], negotiating: ['洽谈中', 'Negotiating'],
  won: ['已成交', 'Won'], lost: ['已流失', 'Lost'], male: ['男', 'Male'], female: ['女', 'Female'],
};

function options(values: readonly string[]): readonly SelectOption[] {
  return values.map((value) => {
    const [zh, en] = OPTION_LABELS[value] ?? [value, value];
    return { value, label: { 'zh-CN': zh, en } };
  });
}

const FIELDS: readonly Field[] = [
  { id: 'f01', key: 'name', kind: 'text', label: { 'zh-CN': '姓名', en: 'Name' }, required: true, maxLength: 50 },
  { id: 'f02', key: 'phone', kind: 'phone', label: { 'zh-CN': '手机号', en: 'Phone' }, region: 'cn-mobile' },
  { id: 'f03', key: 'channel', kind: 'select', label: { 'zh-CN': '来源渠道', en: 'Channel' }, options: options(CHANNELS) },
  { id: 'f04', key: 'store', kind: 'text', label: { 'zh-CN': '门店', en: 'Store' }, maxLength: 20 },
  { id: 'f05', key: 'stage', kind: 'select', label: { 'zh-CN': '阶段', en: 'Stage' }, options: options(STAGES) },
  { id: 'f06', key: 'budget', kind: 'money', label: { 'zh-CN': '预算', en: 'Budget' }, currency: 'CNY', decimals: 2 },
  { id: 'f07', key: 'gender', kind: 'select', label: { 'zh-CN': '性别', en: 'Gender' }, options: options(GENDERS) },
  { id: 'f08', key: 'age', kind: 'number', label: { 'zh-CN': '年龄', en: 'Age' }, min: 0, max: 120, decimals: 0 },
  { id: 'f09', key: 'created', kind: 'date', label: { 'zh-CN': '建档日期', en: 'Created on' } },
  { id: 'f10', key: 'owner', kind: 'user', label: { 'zh-CN': '负责人', en: 'Owner' } },
];

export const CUSTOMER_FORM: FormDefinition = Object.freeze({
  schemaVersion: 1,
  key: CUSTOMER_FORM_KEY,
  name: { 'zh-CN': '客户列表', en: 'Customers' },
  fields: FIELDS,
});
