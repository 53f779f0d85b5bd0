import type { Field, FormChange, FormDefinition, JsonLogic } from '@tangram/schema';

/**
 * The changes from `published` to `draft`, in the draft's field order (removed fields last). Fields are
 * matched by their storage `id` (keys may be renamed); only the record's own level is compared, sub-table
 * rows are not.
 *
 *   compareFormVersions(v1, draftWithNewRequiredPhone)
 *     -> [{ kind: 'fieldAdded', field: 'phone', label: {…}, required: true }]
 */
export function compareFormVersions(published: FormDefinition, draft: FormDefinition): readonly FormChange[] {
  const before = new Map(published.fields.map((f) => [f.id, f]));
  const changes: FormChange[] = [];
  for (const field of draft.fields) {
    const old = before.get(field.id);
    if (!old) {
      changes.push({ kind: 'fieldAdded', field: field.key, label: field.label, required: field.required === true && isUserEntered(field) });
      continue;
    }
    if (old.key !== field.key) changes.push({ kind: 'keyRenamed', field: field.key, label: field.label, from: old.key });
    if (old.kind !== field.kind) {
      changes.push({ kind: 'kindChanged', field: field.key, label: field.label, from: old.kind, to: field.kind });
      continue;
    }
    if (field.required === true && old.required !== true && isUserEntered(field)) changes.push({ kind: 'becameRequired', field: field.key, label: field.label });
    if ((field.kind === 'select' || field.kind === 'multiselect') && (old.kind === 'select' || old.kind === 'multiselect')) {
      const kept = new Set(field.options.map((o) => o.value));
      const values = old.options.map((o) => o.value).filter((v) => !kept.has(v));
      if (values.length > 0) changes.push({ kind: 'optionRemoved', field: field.key, label: field.label, values });
    }
  }
  const now = new Set(draft.fields.map((f) => f.id));
  for (const old of published.fields) if (!now.has(old.id)) changes.push({ kind: 'fieldRemoved', field: old.key, label: old.label });
  return Object.freeze(changes.map((c) => Object.freeze(c)));
}

/** Formulas and auto-numbers are computed, so "required" asks nothing of an existing record. */
function isUserEntered(field: Field): boolean {
  return field.kind !== 'formula' && field.kind !== 'autonumber';
}

/**
 * The records a change touches, as a condition over the PUBLISHED version's keys (what the store
 * indexes today); `undefined` means every record of the form.
 *
 *   affectedFilter({ kind: 'optionRemoved', field: 'channel', values: ['tv'] }, v1) -> { in: [{ var: 'channel' }, ['tv']] }
 */
export function affectedFilter(change: FormChange, published: FormDefinition, draft: FormDefinition): JsonLogic | undefined {
  const oldKey = publishedKeyOf(change, published, draft);
  const hasValue: JsonLogic = { '!': { missing: [oldKey] } };
  switch (change.kind) {
    case 'fieldAdded':
      return undefined;
    case 'fieldRemoved':
    case 'keyRenamed':
    case 'kindChanged':
      return hasValue;
    case 'becameRequired':
      return { missing: [oldKey] };
    case 'optionRemoved': {
      const old = published.fields.find((f) => f.key === oldKey);
      if (old?.kind === 'multiselect') {
        const any = change.values.map((v) => ({ in: [v, { var: oldKey }] }));
        return any.length === 1 ? any[0]! : { or: any };
      }
      return { in: [{ var: oldKey }, [...change.values]] };
    }
  }
}

/** The key a changed field has in the published version (the change names the draft's key). */
export function publishedKeyOf(change: FormChange, published: FormDefinition, draft: FormDefinition): string {
  if (change.kind === 'fieldRemoved') return change.field;
  if (change.kind === 'keyRenamed') return change.from;
  const id = draft.fields.find((f) => f.key === change.field)?.id;
  return published.fields.find((f) => f.id === id)?.key ?? change.field;
}
