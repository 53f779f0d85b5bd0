import type { Field, FieldKind } from '@tangram/schema';

// The server's rules (apps/server/src/public-forms/public-fields.ts), mirrored so the settings screen only
// offers what the server accepts; the server still checks every save.
const SHOWN: ReadonlySet<FieldKind> = new Set<FieldKind>([
  'text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'select', 'multiselect',
  'checkbox', 'yesno', 'phone', 'email', 'url', 'rating', 'region',
]);
const PREFILL: ReadonlySet<FieldKind> = new Set<FieldKind>(['text', 'select', 'phone', 'email', 'url']);
const DUPLICATE: ReadonlySet<FieldKind> = new Set<FieldKind>(['phone', 'email', 'text']);

export const canShow = (field: Field) => SHOWN.has(field.kind);
export const canPrefill = (field: Field) => PREFILL.has(field.kind);
export const canSpotDuplicates = (field: Field) => DUPLICATE.has(field.kind);
