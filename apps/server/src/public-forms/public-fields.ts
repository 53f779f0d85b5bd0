import type { Field, FieldKind, FormDefinition } from '@tangram/schema';

/**
 * Field kinds a visitor may fill on a public page. The others point at internal data (users, org units,
 * other records), are computed, or need an upload channel the public page does not have.
 */
const PUBLIC_KINDS: ReadonlySet<FieldKind> = new Set<FieldKind>([
  'text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'select', 'multiselect',
  'checkbox', 'yesno', 'phone', 'email', 'url', 'rating', 'region',
]);

/** Kinds a URL parameter (always a string) can fill: `?channel=expo`, `?store=sh01`, `?ref=A17`. */
const PREFILL_KINDS: ReadonlySet<FieldKind> = new Set<FieldKind>(['text', 'select', 'phone', 'email', 'url']);

export const isPublicField = (field: Field): boolean => PUBLIC_KINDS.has(field.kind);
export const isPrefillField = (field: Field): boolean => PREFILL_KINDS.has(field.kind);

/**
 * The form as the public sees it: only the fields the settings show, in their order, one column, no
 * cross-field checks (they may read fields the visitor never sees; the server still applies them).
 *
 *   publicDefinition(lead, ['name', 'phone']) -> { key: 'lead', name, fields: [name, phone] }
 */
export function publicDefinition(form: FormDefinition, shown: readonly string[]): FormDefinition {
  const byKey = new Map(form.fields.map((f) => [f.key, f]));
  const fields = shown.map((key) => byKey.get(key)).filter((f): f is Field => f !== undefined && isPublicField(f));
  return Object.freeze({
    schemaVersion: form.schemaVersion,
    key: form.key,
    name: form.name,
    ...(form.description ? { description: form.description } : {}),
    fields: Object.freeze(fields),
  });
}
