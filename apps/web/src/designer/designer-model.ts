import type { Field, FieldKind, FormCheck, FormDefinition, FormSection, JsonLogic, LocalizedText } from '@tangram/schema';
import { newField } from './new-field';

/**
 * The edits the designer makes to a form, as pure functions returning a new definition. The designer
 * always works with an explicit layout: every field sits in exactly one section.
 */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Every id used anywhere in the form (fields, sub-table fields, sections, checks): ids must not repeat. */
function allIds(form: FormDefinition): Set<string> {
  const ids = new Set<string>();
  const walk = (fields: readonly Field[]) => {
    for (const f of fields) {
      ids.add(f.id);
      if (f.kind === 'subtable') walk(f.fields);
    }
  };
  walk(form.fields);
  for (const s of form.layout ?? []) ids.add(s.id);
  for (const c of form.checks ?? []) ids.add(c.id);
  return ids;
}

/** `f7` after `f1`…`f6`: the first free id with this prefix. */
export function nextId(form: FormDefinition, prefix: string): string {
  const ids = allIds(form);
  let n = 1;
  while (ids.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

function nextKey(form: FormDefinition, base: string): string {
  const keys = new Set(form.fields.map((f) => f.key));
  let n = 1;
  while (keys.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}

/** The layout the designer edits: the saved one, with unplaced fields appended and unknown keys dropped. */
export function withLayout(form: FormDefinition, defaultTitle: LocalizedText): FormDefinition {
  const keys = new Set(form.fields.map((f) => f.key));
  const placed = new Set<string>();
  const sections: FormSection[] = (form.layout ?? []).map((s) => ({
    ...s,
    fields: s.fields.filter((k) => keys.has(k) && !placed.has(k) && (placed.add(k), true)),
  }));
  const rest = form.fields.map((f) => f.key).filter((k) => !placed.has(k));
  if (sections.length === 0) sections.push({ id: nextId(form, 's'), title: defaultTitle, columns: 1, fields: rest });
  else if (rest.length > 0) sections[sections.length - 1] = { ...sections[sections.length - 1]!, fields: [...sections[sections.length - 1]!.fields, ...rest] };
  return { ...form, layout: sections };
}

export function sectionOf(form: FormDefinition, key: string): FormSection | undefined {
  return form.layout?.find((s) => s.fields.includes(key));
}

function placeKey(layout: readonly FormSection[], key: string, sectionId: string, index: number): FormSection[] {
  return layout.map((s) => {
    const without = s.fields.filter((k) => k !== key);
    if (s.id !== sectionId) return without.length === s.fields.length ? s : { ...s, fields: without };
    const at = Math.max(0, Math.min(index, without.length));
    return { ...s, fields: [...without.slice(0, at), key, ...without.slice(at)] };
  });
}

/** Adds a new field of `kind` at `index` in a section; returns the form and the new field's key. */
export function addField(form: FormDefinition, kind: FieldKind, sectionId: string, index: number, label: LocalizedText): { form: FormDefinition; key: string } {
  const field = newField(kind, nextId(form, 'f'), nextKey(form, kind), label, form.key);
  const next = { ...form, fields: [...form.fields, field] };
  return { form: { ...next, layout: placeKey(form.layout ?? [], field.key, sectionId, index) }, key: field.key };
}

/** Moves a field to `index` in a section (the same or another one). */
export function moveField(form: FormDefinition, key: string, sectionId: string, index: number): FormDefinition {
  return { ...form, layout: placeKey(form.layout ?? [], key, sectionId, index) };
}

/** Renames `{"var": from}` to `{"var": to}` everywhere in a condition. */
function renameVar(node: JsonLogic, from: string, to: string): JsonLogic {
  if (Array.isArray(node)) return node.map((n) => renameVar(n, from, to));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([op, args]) => [op, op === 'var' && args === from ? to : op === 'missing' && Array.isArray(args) ? args.map((a) => (a === from ? to : a)) : renameVar(args as JsonLogic, from, to)]));
}

/**
 * Replaces a field. A new key follows the field into the layout, the checks and every condition that
 * reads it, so renaming never breaks a reference.
 */
export function updateField(form: FormDefinition, key: string, field: Field): FormDefinition {
  const fields = form.fields.map((f) => (f.key === key ? field : f));
  if (field.key === key) return { ...form, fields };
  const rename = (c: JsonLogic | undefined) => (c === undefined ? undefined : renameVar(c, key, field.key));
  const renamed = fields.map((f) => {
    const out: Mutable<Field> = { ...f };
    if (f.visibleIf !== undefined) out.visibleIf = rename(f.visibleIf)!;
    if (f.readOnlyIf !== undefined) out.readOnlyIf = rename(f.readOnlyIf)!;
    if (f.kind === 'formula') (out as Mutable<Field> & { expr: JsonLogic }).expr = rename(f.expr)!;
    return out as Field;
  });
  return {
    ...form,
    fields: renamed,
    layout: (form.layout ?? []).map((s) => ({ ...s, fields: s.fields.map((k) => (k === key ? field.key : k)) })),
    ...(form.checks ? { checks: form.checks.map((c) => ({ ...c, when: rename(c.when)!, ...(c.fields ? { fields: c.fields.map((k) => (k === key ? field.key : k)) } : {}) })) } : {}),
  };
}

/** Removes a field from the form, its section and the checks it was attached to. */
export function removeField(form: FormDefinition, key: string): FormDefinition {
  return {
    ...form,
    fields: form.fields.filter((f) => f.key !== key),
    layout: (form.layout ?? []).map((s) => ({ ...s, fields: s.fields.filter((k) => k !== key) })),
    ...(form.checks ? { checks: form.checks.map((c) => (c.fields ? { ...c, fields: c.fields.filter((k) => k !== key) } : c)) } : {}),
  };
}

export function addSection(form: FormDefinition, title: LocalizedText): FormDefinition {
  return { ...form, layout: [...(form.layout ?? []), { id: nextId(form, 's'), title, columns: 1, fields: [] }] };
}

export function updateSection(form: FormDefinition, id: string, patch: Partial<Omit<FormSection, 'id' | 'fields'>>): FormDefinition {
  return { ...form, layout: (form.layout ?? []).map((s) => (s.id === id ? { ...s, ...patch } : s)) };
}

/** Moves a section one place up or down. */
export function shiftSection(form: FormDefinition, id: string, by: -1 | 1): FormDefinition {
  const layout = [...(form.layout ?? [])];
  const from = layout.findIndex((s) => s.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= layout.length) return form;
  [layout[from], layout[to]] = [layout[to]!, layout[from]!];
  return { ...form, layout };
}

/** Removes a section; its fields move to the section before it (or after it, for the first). The last section stays. */
export function removeSection(form: FormDefinition, id: string): FormDefinition {
  const layout = form.layout ?? [];
  const index = layout.findIndex((s) => s.id === id);
  if (index < 0 || layout.length < 2) return form;
  const heir = index === 0 ? 1 : index - 1;
  const moved = layout[index]!.fields;
  return { ...form, layout: layout.map((s, i) => (i === heir ? { ...s, fields: [...s.fields, ...moved] } : s)).filter((s) => s.id !== id) };
}

export function addCheck(form: FormDefinition, severity: FormCheck['severity'], message: LocalizedText): FormDefinition {
  const check: FormCheck = { id: nextId(form, 'c'), severity, when: { and: [] }, message };
  return { ...form, checks: [...(form.checks ?? []), check] };
}

export function updateCheck(form: FormDefinition, id: string, check: FormCheck): FormDefinition {
  return { ...form, checks: (form.checks ?? []).map((c) => (c.id === id ? check : c)) };
}

export function removeCheck(form: FormDefinition, id: string): FormDefinition {
  return { ...form, checks: (form.checks ?? []).filter((c) => c.id !== id) };
}
