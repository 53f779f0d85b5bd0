import type { Field, FormDefinition, LocalizedText } from '@tangram/schema';

/** One section as the renderer draws it: its fields resolved from keys, in display order. */
export interface LaidOutSection {
  readonly id: string;
  readonly title: LocalizedText | undefined;
  readonly columns: 1 | 2 | 3 | 4;
  readonly fields: readonly Field[];
}

/**
 * The sections a form is drawn in. Without a layout every field sits in one section; fields the
 * layout forgets are still shown, in a last section, so nothing a user must fill is ever unreachable.
 *
 *   formSections({ fields: [a, b, c], layout: [{ id: 's1', columns: 2, fields: ['b'] }] })
 *     -> [{ id: 's1', columns: 2, fields: [b] }, { id: '$rest', columns: 1, fields: [a, c] }]
 */
export function formSections(form: Pick<FormDefinition, 'fields' | 'layout'>): readonly LaidOutSection[] {
  const byKey = new Map(form.fields.map((field) => [field.key, field] as const));
  const placed = new Set<string>();
  const sections: LaidOutSection[] = [];
  for (const section of form.layout ?? []) {
    const fields: Field[] = [];
    for (const key of section.fields) {
      const field = byKey.get(key);
      if (!field || placed.has(key)) continue;
      placed.add(key);
      fields.push(field);
    }
    if (fields.length > 0) sections.push(Object.freeze({ id: section.id, title: section.title, columns: section.columns ?? 1, fields: Object.freeze(fields) }));
  }
  const rest = form.fields.filter((field) => !placed.has(field.key));
  if (rest.length > 0) sections.push(Object.freeze({ id: '$rest', title: undefined, columns: 1, fields: Object.freeze(rest) }));
  return Object.freeze(sections);
}

/** One tab as the renderer draws it: its sections resolved, in display order. */
export interface LaidOutTab {
  readonly id: string;
  readonly title: LocalizedText;
  readonly sections: readonly LaidOutSection[];
}

/**
 * The tabs a form is drawn in, or `[]` for a form without tabs (it is drawn as plain sections). Sections
 * no tab names, and fields no section holds, join the last tab, so nothing is unreachable.
 *
 *   formTabs({ fields: [a, b], layout: [s1(a), s2(b)], tabs: [{ id: 't1', sections: ['s2'] }, { id: 't2', sections: ['s1'] }] })
 *     -> [{ id: 't1', sections: [s2] }, { id: 't2', sections: [s1] }]
 */
export function formTabs(form: Pick<FormDefinition, 'fields' | 'layout' | 'tabs'>): readonly LaidOutTab[] {
  if (!form.tabs || form.tabs.length === 0) return Object.freeze([]);
  const sections = formSections(form);
  const byId = new Map(sections.map((s) => [s.id, s] as const));
  const claimed = new Set<string>();
  const tabs = form.tabs.map((tab) => {
    const own = tab.sections.flatMap((id) => {
      const section = byId.get(id);
      if (!section || claimed.has(id)) return [];
      claimed.add(id);
      return [section];
    });
    return { id: tab.id, title: tab.title, sections: own };
  });
  const left = sections.filter((s) => !claimed.has(s.id));
  const last = tabs[tabs.length - 1]!;
  tabs[tabs.length - 1] = { ...last, sections: [...last.sections, ...left] };
  return Object.freeze(tabs.map((tab) => Object.freeze({ ...tab, sections: Object.freeze(tab.sections) })));
}

/**
 * How many messages sit on each tab. `errors` is keyed by path under `/data`; the first segment is the
 * top-level field, so a sub-table row's problem counts on the tab of its sub-table.
 *
 *   countErrorsByTab([t1(name), t2(items)], { name: '…', 'items/0/qty': '…', 'items/1/qty': '…' }) -> { t1: 1, t2: 2 }
 */
export function countErrorsByTab(tabs: readonly LaidOutTab[], errors: Readonly<Record<string, string>>): Readonly<Record<string, number>> {
  const tabOf = new Map<string, string>();
  for (const tab of tabs) for (const section of tab.sections) for (const field of section.fields) tabOf.set(field.key, tab.id);
  const counts: Record<string, number> = Object.fromEntries(tabs.map((t) => [t.id, 0]));
  for (const path of Object.keys(errors)) {
    const tab = tabOf.get(path.split('/')[0]!);
    if (tab !== undefined) counts[tab] = (counts[tab] ?? 0) + 1;
  }
  return Object.freeze(counts);
}
