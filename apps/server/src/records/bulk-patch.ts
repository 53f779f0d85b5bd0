/**
 * A bulk update sets the same values on many records, so its values are checked on their own: the form
 * restricted to the fields being set, without the conditions, defaults and cross-field checks that
 * depend on each record's other fields. Values come back normalised (money as exact decimal strings).
 */
import type { Field, FormDefinition, Problem } from '@tangram/schema';
import { evaluateForm, type ServerFormContext } from './form-engine';

export type BulkPatchResult =
  | { readonly ok: true; readonly data: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export function checkBulkPatch(form: FormDefinition, patch: Readonly<Record<string, unknown>>, ctx: Omit<ServerFormContext, 'mode'>): BulkPatchResult {
  const known = new Set(form.fields.map((f) => f.key));
  const unknown = Object.keys(patch).filter((key) => !known.has(key));
  if (unknown.length > 0) return { ok: false, problems: unknown.map((key) => ({ path: `/data/${key}`, code: 'unknownField', params: { field: key } })) };
  // Files belong to one record each (see files/file-refs.ts): they are never set on many at once.
  const computed = form.fields.filter((f) => Object.hasOwn(patch, f.key) && (f.kind === 'formula' || f.kind === 'autonumber' || f.kind === 'file'));
  if (computed.length > 0) return { ok: false, problems: computed.map((f) => ({ path: `/data/${f.key}`, code: 'invalid', params: { field: f.key } })) };
  const subset: FormDefinition = {
    ...form,
    fields: form.fields.filter((f) => Object.hasOwn(patch, f.key)).map(standalone),
    layout: undefined,
    tabs: undefined,
    checks: undefined,
  };
  const result = evaluateForm(subset, patch, { ...ctx, mode: 'update', previous: {} });
  return result.ok ? { ok: true, data: result.data } : { ok: false, problems: result.problems };
}

/** The field without what refers to other fields of the record. */
function standalone(field: Field): Field {
  const { visibleIf: _visible, readOnlyIf: _readOnly, default: _default, ...rest } = field;
  return rest as Field;
}
