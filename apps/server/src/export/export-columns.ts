/**
 * Which columns an export has and how each stored value is written: labels in the caller's language,
 * option labels instead of option values, money as a number with two decimals, dates as dates.
 * Hidden fields are never columns, whatever `columns=` asks for.
 */
import type { Field, FormDefinition, Locale } from '@tangram/schema';
import type { FormAccess } from '@tangram/store';
import { ApiError, type ApiProblemDetail } from '../errors';

/** One exported cell: a spreadsheet type, and the text a CSV gets. */
export type ExportCell =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number; readonly decimals?: number }
  | { readonly kind: 'date'; readonly value: Date; readonly text: string; readonly withTime: boolean }
  | { readonly kind: 'empty' };

export interface ExportColumn {
  readonly key: string;
  readonly label: string;
  readonly cell: (value: unknown) => ExportCell;
}

const EMPTY: ExportCell = { kind: 'empty' };
/** Stored datetimes are UTC; people read them in the app's zone (Asia/Shanghai, UTC+8 all year). */
const SHOW_OFFSET_MS = 8 * 3_600_000;
/** Subtables are rows of their own; they are not flattened into one cell. */
const NOT_EXPORTED = new Set<Field['kind']>(['subtable']);

export function exportColumns(form: FormDefinition, access: FormAccess, requested: string | undefined, locale: Locale): ExportColumn[] {
  const exportable = form.fields.filter((f) => !access.hiddenFields.has(f.key) && !NOT_EXPORTED.has(f.kind));
  let fields = exportable;
  if (requested !== undefined && requested.trim() !== '') {
    const byKey = new Map(exportable.map((f) => [f.key, f]));
    const errors: ApiProblemDetail[] = [];
    fields = requested.split(',').map((key, i) => {
      const field = byKey.get(key.trim());
      if (!field) errors.push({ path: `/query/columns/${i}`, code: 'unknownField', params: { field: key.trim() } });
      return field!;
    });
    if (errors.length > 0) throw new ApiError('ERR_BAD_REQUEST', { errors });
  }
  return fields.map((field) => ({ key: field.key, label: labelOf(field.label, locale, field.key), cell: cellWriter(field, locale) }));
}

function labelOf(text: { readonly 'zh-CN'?: string; readonly en?: string }, locale: Locale, fallback: string): string {
  return text[locale] ?? text.en ?? text['zh-CN'] ?? fallback;
}

const text = (value: string): ExportCell => ({ kind: 'text', value });

function cellWriter(field: Field, locale: Locale): (value: unknown) => ExportCell {
  const yes = locale === 'zh-CN' ? '是' : 'Yes';
  const no = locale === 'zh-CN' ? '否' : 'No';
  const list = locale === 'zh-CN' ? '、' : ', ';
  const present = (write: (value: unknown) => ExportCell) => (value: unknown) => (value === undefined || value === null || value === '' ? EMPTY : write(value));
  switch (field.kind) {
    case 'money':
      return present((v) => ({ kind: 'number', value: Number(v), decimals: field.decimals ?? 2 }));
    case 'number':
    case 'percent':
    case 'rating':
      return present((v) => (typeof v === 'number' ? { kind: 'number', value: v } : text(String(v))));
    case 'date':
      return present((v) => ({ kind: 'date', value: new Date(`${String(v)}T00:00:00Z`), text: String(v), withTime: false }));
    case 'datetime':
      return present((v) => {
        // Shown as the wall-clock time in the app's zone; a spreadsheet date has no zone of its own.
        const shown = new Date(Date.parse(String(v)) + SHOW_OFFSET_MS);
        return { kind: 'date', value: shown, text: shown.toISOString().slice(0, 19).replace('T', ' '), withTime: true };
      });
    case 'select':
    case 'multiselect': {
      const labels = new Map(field.options.map((o) => [o.value, labelOf(o.label, locale, o.value)]));
      return present((v) => text((Array.isArray(v) ? v : [v]).map((x) => labels.get(String(x)) ?? String(x)).join(list)));
    }
    case 'checkbox':
    case 'yesno':
      return (v) => (v === true ? text(yes) : v === false ? text(no) : EMPTY);
    case 'region':
      return present((v) => text(['province', 'city', 'district'].map((k) => (v as Record<string, string>)[k]).filter(Boolean).join(' ')));
    case 'file':
      return present((v) => text((v as { name: string }[]).map((f) => f.name).join(list)));
    case 'formula':
      if (field.resultKind === 'money') return present((v) => ({ kind: 'number', value: Number(v), decimals: 2 }));
      if (field.resultKind === 'number') return present((v) => ({ kind: 'number', value: Number(v) }));
      if (field.resultKind === 'boolean') return (v) => (v === true ? text(yes) : v === false ? text(no) : EMPTY);
      return present((v) => text(String(v)));
    default:
      return present((v) => text(Array.isArray(v) ? v.join(list) : typeof v === 'object' ? JSON.stringify(v) : String(v)));
  }
}
