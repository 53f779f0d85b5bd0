import type { JsonLogic } from './json-logic';
import type { LocalizedText } from './i18n';

/**
 * Every kind of field a form can hold. The value each kind stores in `record.data`:
 * text/textarea/phone/email/url: string · number/percent/rating: number · money: decimal string "1234.50"
 * date: "YYYY-MM-DD" · datetime: ISO-8601 string with offset · select: option value string
 * multiselect: string[] · checkbox/yesno: boolean · user: user id string · orgunit: org unit id string
 * relation: record id string (or string[] when `multiple`) · subtable: array of row objects
 * formula: computed (number | string | boolean) · autonumber: string · file: FileRef[] · region: RegionValue
 */
export const FIELD_KINDS = [
  'text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'select', 'multiselect',
  'checkbox', 'yesno', 'phone', 'email', 'url', 'user', 'orgunit', 'relation', 'subtable',
  'formula', 'autonumber', 'file', 'rating', 'region',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface FieldBase {
  /** Stable storage id, never reused within a form. */
  readonly id: string;
  /** Human-readable reference used in conditions (`{"var": "budget"}`) and the API. `^[a-z][a-z0-9_]*$` */
  readonly key: string;
  readonly label: LocalizedText;
  readonly help?: LocalizedText;
  readonly required?: boolean;
  /** No two live records of the form may share a value. */
  readonly unique?: boolean;
  /** A static default, or `{ "expr": <json-logic> }` evaluated when the record is created. */
  readonly default?: unknown;
  /** Shown only when the condition holds; a hidden field is not required and its sent value is dropped. */
  readonly visibleIf?: JsonLogic;
  readonly readOnlyIf?: JsonLogic;
}

export interface SelectOption {
  readonly value: string;
  readonly label: LocalizedText;
  /** CSS colour, e.g. "#2f80ed". */
  readonly color?: string;
}

export interface TextField extends FieldBase { readonly kind: 'text' | 'textarea'; readonly minLength?: number; readonly maxLength?: number; readonly pattern?: string }
export interface NumberField extends FieldBase { readonly kind: 'number' | 'percent'; readonly min?: number; readonly max?: number; readonly decimals?: number }
/** Exact decimal: stored as a string, compared as numeric in SQL; never a binary float. */
export interface MoneyField extends FieldBase { readonly kind: 'money'; readonly currency?: string; readonly min?: string; readonly max?: string; readonly decimals?: number }
export interface DateField extends FieldBase { readonly kind: 'date' | 'datetime'; readonly min?: string; readonly max?: string }
export interface SelectField extends FieldBase { readonly kind: 'select' | 'multiselect'; readonly options: readonly SelectOption[]; readonly minItems?: number; readonly maxItems?: number }
export interface BooleanField extends FieldBase { readonly kind: 'checkbox' | 'yesno' }
/** `region`: "cn-mobile" (11 digits starting 1[3-9]) or "international" (E.164). */
export interface PhoneField extends FieldBase { readonly kind: 'phone'; readonly region?: 'cn-mobile' | 'international' | 'any' }
export interface EmailField extends FieldBase { readonly kind: 'email' }
export interface UrlField extends FieldBase { readonly kind: 'url' }
export interface UserField extends FieldBase { readonly kind: 'user'; readonly multiple?: boolean }
export interface OrgUnitField extends FieldBase { readonly kind: 'orgunit' }
export interface RelationField extends FieldBase { readonly kind: 'relation'; readonly form: string; readonly multiple?: boolean; readonly displayField?: string }
export interface SubtableField extends FieldBase { readonly kind: 'subtable'; readonly fields: readonly Field[]; readonly minRows?: number; readonly maxRows?: number }
export interface FormulaField extends FieldBase { readonly kind: 'formula'; readonly expr: JsonLogic; readonly resultKind: 'number' | 'money' | 'text' | 'boolean' | 'date' }
/** `pattern` e.g. "KH-{YYYYMMDD}-{seq:4}". */
export interface AutonumberField extends FieldBase { readonly kind: 'autonumber'; readonly pattern: string }
export interface FileField extends FieldBase { readonly kind: 'file'; readonly accept?: readonly string[]; readonly maxFiles?: number; readonly maxSizeMb?: number; readonly image?: boolean }
export interface RatingField extends FieldBase { readonly kind: 'rating'; readonly max?: number }
/** `depth`: 1 province, 2 province+city, 3 province+city+district. */
export interface RegionField extends FieldBase { readonly kind: 'region'; readonly depth?: 1 | 2 | 3 }

export type Field =
  | TextField | NumberField | MoneyField | DateField | SelectField | BooleanField | PhoneField | EmailField
  | UrlField | UserField | OrgUnitField | RelationField | SubtableField | FormulaField | AutonumberField
  | FileField | RatingField | RegionField;

export interface FileRef { readonly id: string; readonly name: string; readonly size: number; readonly mime: string }
export interface RegionValue { readonly province: string; readonly city?: string; readonly district?: string }
