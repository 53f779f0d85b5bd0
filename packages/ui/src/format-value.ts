import type { Field, Locale, LocalizedText } from '@tangram/schema';

export interface FormatOptions {
  readonly locale: Locale;
  /** Words for booleans; the app's dictionary provides them. */
  readonly yes: string;
  readonly no: string;
}

const text = (value: LocalizedText | undefined, locale: Locale): string =>
  value?.[locale] ?? value?.[locale === 'en' ? 'zh-CN' : 'en'] ?? '';

/** A field's label in the reader's language, falling back to the other language, then the key. */
export function fieldLabel(field: Pick<Field, 'label' | 'key'>, locale: Locale): string {
  return text(field.label, locale) || field.key;
}

export function localText(value: LocalizedText | undefined, locale: Locale): string {
  return text(value, locale);
}

/** The short sign of an ISO currency code in the reader's language: 'CNY' -> '¥', 'USD' -> '$'. */
export function currencySymbol(currency: string, locale: Locale): string {
  try {
    const parts = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0);
    return parts.find((part) => part.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

type Formatter = (field: Field, value: unknown, options: FormatOptions) => string;

const plain: Formatter = (_field, value) => (typeof value === 'object' ? JSON.stringify(value) : String(value));
const optionLabel = (field: Field, value: unknown, locale: Locale): string => {
  const options = field.kind === 'select' || field.kind === 'multiselect' ? field.options : [];
  const option = options.find((o) => o.value === value);
  return option ? text(option.label, locale) || option.value : String(value);
};

const FORMATTERS = {
  text: plain, textarea: plain, phone: plain, email: plain, url: plain, user: plain, orgunit: plain, autonumber: plain,
  number: (_f, v, o) => (typeof v === 'number' ? v.toLocaleString(o.locale) : String(v)),
  percent: (_f, v, o) => (typeof v === 'number' ? `${v.toLocaleString(o.locale)}%` : String(v)),
  money: (field, v, o) => (field.kind === 'money' && field.currency ? `${currencySymbol(field.currency, o.locale)} ${String(v)}` : String(v)),
  rating: (field, v) => {
    const max = field.kind === 'rating' ? field.max ?? 5 : 5;
    const n = typeof v === 'number' ? Math.max(0, Math.min(max, Math.round(v))) : 0;
    return `${'★'.repeat(n)}${'☆'.repeat(max - n)}`;
  },
  date: plain,
  datetime: (_f, v, o) => {
    const date = typeof v === 'string' ? new Date(v) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date.toLocaleString(o.locale, { dateStyle: 'medium', timeStyle: 'short' }) : String(v);
  },
  select: (field, v, o) => optionLabel(field, v, o.locale),
  multiselect: (field, v, o) => (Array.isArray(v) ? v.map((item) => optionLabel(field, item, o.locale)).join(', ') : String(v)),
  checkbox: (_f, v, o) => (v === true ? o.yes : o.no),
  yesno: (_f, v, o) => (v === true ? o.yes : o.no),
  relation: (_f, v) => (Array.isArray(v) ? v.join(', ') : String(v)),
  subtable: (_f, v) => (Array.isArray(v) ? `${v.length}` : ''),
  formula: (_f, v, o) => (typeof v === 'boolean' ? (v ? o.yes : o.no) : typeof v === 'number' ? v.toLocaleString(o.locale) : String(v)),
  file: (_f, v) => (Array.isArray(v) ? v.map((file) => (file && typeof file === 'object' && 'name' in file ? String(file.name) : '')).join(', ') : ''),
  region: (_f, v) => {
    if (!v || typeof v !== 'object') return String(v);
    const region = v as { province?: string; city?: string; district?: string };
    return [region.province, region.city, region.district].filter(Boolean).join(' / ');
  },
} satisfies Record<Field['kind'], Formatter>;

/**
 * A stored value as a reader sees it in a list cell or on the record page; empty values give ''.
 *
 *   formatValue(selectField, 'web', { locale: 'en', yes: 'Yes', no: 'No' }) -> "Website"
 */
export function formatValue(field: Field, value: unknown, options: FormatOptions): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '';
  return FORMATTERS[field.kind](field, value, options);
}
