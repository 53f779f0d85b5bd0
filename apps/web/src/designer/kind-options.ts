import type { FieldKind } from '@tangram/schema';
import type { MessageKey } from '../i18n/dictionaries';

/** How one kind-specific option is edited in the property panel. */
export type OptionSpec =
  | { readonly prop: string; readonly input: 'integer' | 'number'; readonly label: MessageKey; readonly min?: number; readonly max?: number }
  /** Free text; decimals and dates stay strings, as the schema stores them. */
  | { readonly prop: string; readonly input: 'text' | 'date' | 'datetime'; readonly label: MessageKey }
  | { readonly prop: string; readonly input: 'boolean'; readonly label: MessageKey }
  | { readonly prop: string; readonly input: 'choice'; readonly label: MessageKey; readonly choices: readonly { readonly value: string | number; readonly label: MessageKey }[]; readonly optional: boolean }
  /** A comma separated list of strings. */
  | { readonly prop: string; readonly input: 'list'; readonly label: MessageKey };

const LENGTH: readonly OptionSpec[] = [
  { prop: 'minLength', input: 'integer', label: 'designer.opt.minLength', min: 0 },
  { prop: 'maxLength', input: 'integer', label: 'designer.opt.maxLength', min: 1 },
  { prop: 'pattern', input: 'text', label: 'designer.opt.pattern' },
];
const NUMBER: readonly OptionSpec[] = [
  { prop: 'min', input: 'number', label: 'designer.opt.min' },
  { prop: 'max', input: 'number', label: 'designer.opt.max' },
  { prop: 'decimals', input: 'integer', label: 'designer.opt.decimals', min: 0, max: 10 },
];
const RESULT_KINDS = ['number', 'money', 'text', 'boolean', 'date'] as const;

/**
 * Every option of every kind beyond the common ones (label, key, help, required, unique, default,
 * conditions). Options lists, formulas and sub-table rows have editors of their own.
 */
export const KIND_OPTIONS = {
  text: LENGTH,
  textarea: LENGTH,
  number: NUMBER,
  percent: NUMBER,
  money: [
    { prop: 'currency', input: 'text', label: 'designer.opt.currency' },
    { prop: 'min', input: 'text', label: 'designer.opt.min' },
    { prop: 'max', input: 'text', label: 'designer.opt.max' },
    { prop: 'decimals', input: 'integer', label: 'designer.opt.decimals', min: 0, max: 6 },
  ],
  date: [
    { prop: 'min', input: 'date', label: 'designer.opt.min' },
    { prop: 'max', input: 'date', label: 'designer.opt.max' },
  ],
  datetime: [
    { prop: 'min', input: 'text', label: 'designer.opt.min' },
    { prop: 'max', input: 'text', label: 'designer.opt.max' },
  ],
  select: [],
  multiselect: [
    { prop: 'minItems', input: 'integer', label: 'designer.opt.minItems', min: 0 },
    { prop: 'maxItems', input: 'integer', label: 'designer.opt.maxItems', min: 1 },
  ],
  checkbox: [],
  yesno: [],
  phone: [{
    prop: 'region', input: 'choice', label: 'designer.opt.region', optional: false,
    choices: [{ value: 'any', label: 'designer.opt.region.any' }, { value: 'cn-mobile', label: 'designer.opt.region.cn-mobile' }, { value: 'international', label: 'designer.opt.region.international' }],
  }],
  email: [],
  url: [],
  user: [{ prop: 'multiple', input: 'boolean', label: 'designer.opt.multiple' }],
  orgunit: [],
  relation: [
    { prop: 'form', input: 'text', label: 'designer.opt.form' },
    { prop: 'multiple', input: 'boolean', label: 'designer.opt.multiple' },
    { prop: 'displayField', input: 'text', label: 'designer.opt.displayField' },
  ],
  subtable: [
    { prop: 'minRows', input: 'integer', label: 'designer.opt.minRows', min: 0 },
    { prop: 'maxRows', input: 'integer', label: 'designer.opt.maxRows', min: 1 },
  ],
  formula: [{
    prop: 'resultKind', input: 'choice', label: 'designer.opt.resultKind', optional: false,
    choices: RESULT_KINDS.map((k) => ({ value: k, label: `designer.opt.resultKind.${k}` as const })),
  }],
  autonumber: [{ prop: 'pattern', input: 'text', label: 'designer.opt.pattern.autonumber' }],
  file: [
    { prop: 'accept', input: 'list', label: 'designer.opt.accept' },
    { prop: 'maxFiles', input: 'integer', label: 'designer.opt.maxFiles', min: 1 },
    { prop: 'maxSizeMb', input: 'integer', label: 'designer.opt.maxSizeMb', min: 1 },
    { prop: 'image', input: 'boolean', label: 'designer.opt.image' },
  ],
  rating: [{ prop: 'max', input: 'integer', label: 'designer.opt.max', min: 1, max: 10 }],
  region: [{
    prop: 'depth', input: 'choice', label: 'designer.opt.depth', optional: true,
    choices: [{ value: 1, label: 'designer.opt.depth.1' }, { value: 2, label: 'designer.opt.depth.2' }, { value: 3, label: 'designer.opt.depth.3' }],
  }],
} as const satisfies Record<FieldKind, readonly OptionSpec[]>;

/** Kinds whose values can be unique (one scalar per record). */
export const UNIQUE_KINDS: ReadonlySet<FieldKind> = new Set(['text', 'number', 'money', 'date', 'datetime', 'select', 'phone', 'email', 'url', 'autonumber']);
