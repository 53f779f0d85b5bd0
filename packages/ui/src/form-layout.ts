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
