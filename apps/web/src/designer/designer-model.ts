import type { Field, FieldKind, FormCheck, FormDefinition, FormSection, FormTab, JsonLogic, LocalizedText } from '@tangram/schema';
import { newField } from './new-field';

/**
 * The edits the designer makes to a form, as pure functions returning a new definition. The designer
 * always works with an explicit layout: every field sits in exactly one section and, once the form has
 * tabs, every section in exactly one tab, with `layout` kept in the tabs' order.
 */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Every id used anywhere in the form (fields, sub-table fields, sections, tabs, checks): ids must not repeat. */
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
  for (const t of form.tabs ?? []) ids.add(t.id);
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
  if (!form.tabs || form.tabs.length === 0) return { ...form, layout: sections };
  // Tabs name only known sections, each once; a section no tab names joins the last tab.
  const known = new Set(sections.map((s) => s.id));
  const claimed = new Set<string>();
  const tabs = form.tabs.map((t) => ({ ...t, sections: t.sections.filter((id) => known.has(id) && !claimed.has(id) && (claimed.add(id), true)) }));
  const left = sections.map((s) => s.id).filter((id) => !claimed.has(id));
  tabs[tabs.length - 1] = { ...tabs[tabs.length - 1]!, sections: [...tabs[tabs.length - 1]!.sections, ...left] };
  return withTabs({ ...form, layout: sections }, tabs);
}

/** Sets the tabs and puts `layout` in their order, so the form reads the same with its tabs taken away. */
function withTabs(form: FormDefinition, tabs: readonly FormTab[]): FormDefinition {
  const byId = new Map((form.layout ?? []).map((s) => [s.id, s] as const));
  const layout = tabs.flatMap((t) => t.sections.map((id) => byId.get(id)).filter((s): s is FormSection => s !== undefined));
  return { ...form, layout, tabs };
}

export function tabOf(form: FormDefinition, sectionId: string): FormTab | undefined {
  return form.tabs?.find((t) => t.sections.includes(sectionId));
}

/** The sections a tab shows, in order. */
export function tabSections(form: FormDefinition, tabId: string): FormSection[] {
  const tab = form.tabs?.find((t) => t.id === tabId);
  return (tab?.sections ?? []).map((id) => form.layout?.find((s) => s.id === id)).filter((s): s is FormSection => s !== undefined);
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

/** Adds an empty section at the end of the form, or of a tab (the last one when none is named). */
export function addSection(form: FormDefinition, title: LocalizedText, tabId?: string): FormDefinition {
  const section: FormSection = { id: nextId(form, 's'), title, columns: 1, fields: [] };
  const next = { ...form, layout: [...(form.layout ?? []), section] };
  if (!form.tabs || form.tabs.length === 0) return next;
  const target = form.tabs.find((t) => t.id === tabId) ?? form.tabs[form.tabs.length - 1]!;
  return withTabs(next, form.tabs.map((t) => (t === target ? { ...t, sections: [...t.sections, section.id] } : t)));
}

export function updateSection(form: FormDefinition, id: string, patch: Partial<Omit<FormSection, 'id' | 'fields'>>): FormDefinition {
  return { ...form, layout: (form.layout ?? []).map((s) => (s.id === id ? { ...s, ...patch } : s)) };
}

/** Moves a section one place up or down (within its tab, when the form has tabs). */
export function shiftSection(form: FormDefinition, id: string, by: -1 | 1): FormDefinition {
  const tab = tabOf(form, id);
  if (tab) {
    const order = [...tab.sections];
    const from = order.indexOf(id);
    const to = from + by;
    if (to < 0 || to >= order.length) return form;
    [order[from], order[to]] = [order[to]!, order[from]!];
    return withTabs(form, form.tabs!.map((t) => (t === tab ? { ...t, sections: order } : t)));
  }
  const layout = [...(form.layout ?? [])];
  const from = layout.findIndex((s) => s.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= layout.length) return form;
  [layout[from], layout[to]] = [layout[to]!, layout[from]!];
  return { ...form, layout };
}

/**
 * Removes a section; its fields move to the section before it (or after it, for the first), in the same
 * tab when it has another. The last section stays.
 */
export function removeSection(form: FormDefinition, id: string): FormDefinition {
  const layout = form.layout ?? [];
  const index = layout.findIndex((s) => s.id === id);
  if (index < 0 || layout.length < 2) return form;
  const siblings = tabOf(form, id)?.sections ?? [];
  const at = siblings.indexOf(id);
  const sameTab = siblings.length > 1 ? siblings[at === 0 ? 1 : at - 1] : undefined;
  const heir = sameTab ?? layout[index === 0 ? 1 : index - 1]!.id;
  const moved = layout[index]!.fields;
  const next = { ...form, layout: layout.map((s) => (s.id === heir ? { ...s, fields: [...s.fields, ...moved] } : s)).filter((s) => s.id !== id) };
  return form.tabs ? withTabs(next, form.tabs.map((t) => ({ ...t, sections: t.sections.filter((s) => s !== id) }))) : next;
}

/**
 * Adds a tab holding one new, empty section; returns the form and the new tab's id. The first tab
 * added to a form without tabs comes with a second one, `firstTitle`, that takes every section there
 * is, so the form looks the same until something is moved.
 */
export function addTab(form: FormDefinition, title: LocalizedText, sectionTitle: LocalizedText, firstTitle: LocalizedText): { form: FormDefinition; tabId: string } {
  let tabs = [...(form.tabs ?? [])];
  if (tabs.length === 0) tabs = [{ id: nextId(form, 't'), title: firstTitle, sections: (form.layout ?? []).map((s) => s.id) }];
  const withFirst = { ...form, tabs };
  const tabId = nextId(withFirst, 't');
  const sectionId = nextId({ ...withFirst, tabs: [...tabs, { id: tabId, title, sections: [] }] }, 's');
  const layout = [...(form.layout ?? []), { id: sectionId, title: sectionTitle, columns: 1 as const, fields: [] }];
  return { form: withTabs({ ...form, layout }, [...tabs, { id: tabId, title, sections: [sectionId] }]), tabId };
}

export function updateTab(form: FormDefinition, id: string, patch: Partial<Pick<FormTab, 'title'>>): FormDefinition {
  return withTabs(form, (form.tabs ?? []).map((t) => (t.id === id ? { ...t, ...patch } : t)));
}

/** Moves a tab one place left or right. */
export function shiftTab(form: FormDefinition, id: string, by: -1 | 1): FormDefinition {
  const tabs = [...(form.tabs ?? [])];
  const from = tabs.findIndex((t) => t.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= tabs.length) return form;
  [tabs[from], tabs[to]] = [tabs[to]!, tabs[from]!];
  return withTabs(form, tabs);
}

/**
 * Removes a tab, never its content: its sections join the tab before it (after it, for the first).
 * Removing the only tab leaves the form without tabs.
 */
export function removeTab(form: FormDefinition, id: string): FormDefinition {
  const tabs = form.tabs ?? [];
  const index = tabs.findIndex((t) => t.id === id);
  if (index < 0) return form;
  if (tabs.length === 1) {
    const { tabs: _gone, ...rest } = form;
    return rest;
  }
  const heir = tabs[index === 0 ? 1 : index - 1]!;
  const moved = tabs[index]!.sections;
  return withTabs(form, tabs.filter((t) => t.id !== id).map((t) => (t === heir ? { ...t, sections: index === 0 ? [...moved, ...t.sections] : [...t.sections, ...moved] } : t)));
}

/** Moves a section, with its fields, to the end of another tab. */
export function moveSectionToTab(form: FormDefinition, sectionId: string, tabId: string): FormDefinition {
  const from = tabOf(form, sectionId);
  if (!from || from.id === tabId || !form.tabs?.some((t) => t.id === tabId)) return form;
  return withTabs(form, form.tabs.map((t) => (t.id === tabId ? { ...t, sections: [...t.sections, sectionId] } : t === from ? { ...t, sections: t.sections.filter((s) => s !== sectionId) } : t)));
}

/** Moves a field to the end of a tab's first section; a tab without sections gets one, `sectionTitle`. */
export function moveFieldToTab(form: FormDefinition, key: string, tabId: string, sectionTitle: LocalizedText): FormDefinition {
  const tab = form.tabs?.find((t) => t.id === tabId);
  if (!tab) return form;
  const first = tab.sections[0];
  if (first !== undefined) return sectionOf(form, key)?.id === first ? form : moveField(form, key, first, Number.MAX_SAFE_INTEGER);
  const withSection = addSection(form, sectionTitle, tabId);
  return moveField(withSection, key, tabSections(withSection, tabId)[0]!.id, 0);
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
