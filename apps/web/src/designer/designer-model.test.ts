import { validateForm, type FormDefinition } from '@tangram/schema';
import { FIELD_KINDS } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import {
  addCheck, addField, addSection, addTab, moveField, moveFieldToTab, moveSectionToTab, removeField, removeSection, removeTab, shiftSection, shiftTab, updateField, updateTab, withLayout,
} from './designer-model';
import { pushHistory, redo, startHistory, undo } from './history';

const l = (en: string) => ({ en, 'zh-CN': en });
const blank: FormDefinition = withLayout({ schemaVersion: 1, key: 'visit', name: l('Visit'), fields: [] }, l('Basics'));

describe('designer edits', () => {
  it('every field kind dropped from the palette gives a form the server accepts', () => {
    let form = blank;
    for (const kind of FIELD_KINDS) form = addField(form, kind, form.layout![0]!.id, 99, l(kind)).form;
    const result = validateForm(form);
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(form.fields.map((f) => f.kind)).toEqual([...FIELD_KINDS]);
    expect(new Set(form.fields.map((f) => f.key)).size).toBe(FIELD_KINDS.length);
  });

  it('inserts, reorders and moves fields between sections', () => {
    let form = addSection(blank, l('More'));
    const [first, second] = form.layout!.map((s) => s.id) as [string, string];
    const a = addField(form, 'text', first, 0, l('A'));
    const b = addField(a.form, 'number', first, 0, l('B'));
    form = b.form;
    expect(form.layout![0]!.fields).toEqual([b.key, a.key]);
    form = moveField(form, b.key, first, 1);
    expect(form.layout![0]!.fields).toEqual([a.key, b.key]);
    form = moveField(form, a.key, second, 0);
    expect(form.layout!.map((s) => s.fields)).toEqual([[b.key], [a.key]]);
    // Removing a section keeps its fields: they join the section before it.
    form = removeSection(form, second);
    expect(form.layout!.map((s) => s.fields)).toEqual([[b.key, a.key]]);
    expect(removeSection(form, first)).toBe(form);
  });

  it('a renamed key follows into the layout, the checks and the conditions that read it', () => {
    let form = addField(blank, 'number', blank.layout![0]!.id, 0, l('Age')).form;
    form = addField(form, 'text', form.layout![0]!.id, 1, l('Note')).form;
    const [age, note] = form.fields as [FormDefinition['fields'][number], FormDefinition['fields'][number]];
    form = updateField(form, note.key, { ...note, visibleIf: { and: [{ and: [{ '!': { missing: [age.key] } }, { '<': [{ var: age.key }, 12] }] }] } });
    form = addCheck(form, 'warn', l('Young'));
    form = { ...form, checks: [{ ...form.checks![0]!, fields: [age.key], when: { and: [{ '<': [{ var: age.key }, 12] }] } }] };
    form = updateField(form, age.key, { ...age, key: 'age' });
    expect(form.layout![0]!.fields).toEqual(['age', note.key]);
    expect(form.fields[1]!.visibleIf).toEqual({ and: [{ and: [{ '!': { missing: ['age'] } }, { '<': [{ var: 'age' }, 12] }] }] });
    expect(form.checks![0]).toMatchObject({ fields: ['age'], when: { and: [{ '<': [{ var: 'age' }, 12] }] } });
    expect(validateForm(form).ok).toBe(true);
    form = removeField(form, 'age');
    expect(form.checks![0]!.fields).toEqual([]);
    expect(form.layout![0]!.fields).toEqual([note.key]);
  });

  it('keeps fields a saved layout forgot, in the last section', () => {
    const saved: FormDefinition = { ...blank, fields: [{ id: 'f1', key: 'a', kind: 'text', label: l('A') }], layout: [{ id: 's1', fields: ['ghost'] }] };
    expect(withLayout(saved, l('Basics')).layout).toEqual([{ id: 's1', fields: ['a'] }]);
  });
});

describe('tabs', () => {
  /** A form with fields a, b in one section and c in another, and no tabs yet. */
  const start = () => {
    let form = addSection(blank, l('Contact'));
    const [s1, s2] = form.layout!.map((s) => s.id) as [string, string];
    form = addField(form, 'text', s1, 0, l('A')).form;
    form = addField(form, 'text', s1, 1, l('B')).form;
    form = addField(form, 'phone', s2, 0, l('C')).form;
    const [a, b, c] = form.fields.map((f) => f.key) as [string, string, string];
    return { form, s1, s2, a, b, c };
  };
  const shape = (form: FormDefinition) => (form.tabs ?? []).map((t) => [t.title.en, t.sections.map((id) => form.layout!.find((s) => s.id === id)!.fields.length)]);
  const valid = (form: FormDefinition) => {
    const result = validateForm(form);
    expect(result.ok ? [] : result.problems).toEqual([]);
  };

  it('the first tab added keeps every section in a first tab, and the new tab gets an empty section', () => {
    const { form, s1, s2 } = start();
    const { form: tabbed, tabId } = addTab(form, l('Visit'), l('New section'), l('Basics'));
    expect(tabbed.tabs!.map((t) => t.title.en)).toEqual(['Basics', 'Visit']);
    expect(tabbed.tabs![0]!.sections).toEqual([s1, s2]);
    expect(tabbed.tabs![1]).toMatchObject({ id: tabId, sections: [expect.any(String)] });
    expect(shape(tabbed)).toEqual([['Basics', [2, 1]], ['Visit', [0]]]);
    // Ids never repeat across fields, sections and tabs.
    const ids = [...tabbed.fields.map((f) => f.id), ...tabbed.layout!.map((s) => s.id), ...tabbed.tabs!.map((t) => t.id)];
    expect(new Set(ids).size).toBe(ids.length);
    valid(tabbed);
    expect(addTab(tabbed, l('Third'), l('S'), l('unused')).form.tabs!.map((t) => t.title.en)).toEqual(['Basics', 'Visit', 'Third']);
  });

  it('moves sections and fields between tabs; layout follows the tabs\' order', () => {
    const { form, s1, s2, a } = start();
    const { form: tabbed, tabId } = addTab(form, l('Visit'), l('New section'), l('Basics'));
    const moved = moveSectionToTab(tabbed, s1, tabId);
    expect(moved.tabs![1]!.sections.slice(1)).toEqual([s1]);
    expect(moved.layout!.map((s) => s.id)).toEqual(moved.tabs!.flatMap((t) => t.sections));
    expect(moveSectionToTab(moved, s1, tabId)).toBe(moved);
    valid(moved);
    // A field dropped on a tab header lands at the end of that tab's first section.
    const fieldMoved = moveFieldToTab(tabbed, a, tabId, l('S'));
    expect(shape(fieldMoved)).toEqual([['Basics', [1, 1]], ['Visit', [1]]]);
    expect(fieldMoved.layout!.find((s) => s.id === fieldMoved.tabs![1]!.sections[0])!.fields).toEqual([a]);
    valid(fieldMoved);
    // A tab without sections gets one for the field.
    const emptied = moveSectionToTab(moveSectionToTab(tabbed, s1, tabId), s2, tabId);
    expect(emptied.tabs![0]!.sections).toEqual([]);
    const refilled = moveFieldToTab(emptied, a, emptied.tabs![0]!.id, l('S'));
    expect(shape(refilled)).toEqual([['Basics', [1]], ['Visit', [0, 1, 1]]]);
    valid(refilled);
  });

  it('renames and reorders tabs, and reorders sections inside a tab', () => {
    const { form, s1, s2 } = start();
    const { form: tabbed, tabId } = addTab(form, l('Visit'), l('New section'), l('Basics'));
    const renamed = updateTab(tabbed, tabId, { title: { 'zh-CN': '回访', en: 'Follow-up' } });
    expect(renamed.tabs![1]!.title).toEqual({ 'zh-CN': '回访', en: 'Follow-up' });
    const shifted = shiftTab(renamed, tabId, -1);
    expect(shifted.tabs!.map((t) => t.title.en)).toEqual(['Follow-up', 'Basics']);
    expect(shifted.layout!.map((s) => s.id)).toEqual(shifted.tabs!.flatMap((t) => t.sections));
    expect(shiftTab(shifted, tabId, -1)).toBe(shifted);
    const inTab = shiftSection(tabbed, s2, -1);
    expect(inTab.tabs![0]!.sections).toEqual([s2, s1]);
    // The first section of the second tab does not climb into the first tab.
    expect(shiftSection(tabbed, tabbed.tabs![1]!.sections[0]!, -1)).toBe(tabbed);
  });

  it('deleting a tab keeps its sections and fields in the neighbouring tab; the last tab leaves a form without tabs', () => {
    const { form, s1, s2 } = start();
    const { form: tabbed, tabId } = addTab(form, l('Visit'), l('New section'), l('Basics'));
    const first = tabbed.tabs![0]!.id;
    const withField = moveFieldToTab(tabbed, form.fields[0]!.key, tabId, l('S'));
    const noFirst = removeTab(withField, first);
    expect(noFirst.tabs!.map((t) => t.id)).toEqual([tabId]);
    expect(noFirst.tabs![0]!.sections.slice(0, 2)).toEqual([s1, s2]);
    expect(noFirst.fields).toEqual(withField.fields);
    valid(noFirst);
    const noSecond = removeTab(withField, tabId);
    expect(shape(noSecond)).toEqual([['Basics', [1, 1, 1]]]);
    const none = removeTab(noSecond, first);
    expect(none.tabs).toBeUndefined();
    expect(none.layout!.flatMap((s) => s.fields).sort()).toEqual(form.fields.map((f) => f.key).sort());
    valid(none);
  });

  it('a removed section gives its fields to a section of the same tab, and leaves the tab', () => {
    const { form, s1, s2, c } = start();
    const { form: tabbed } = addTab(form, l('Visit'), l('New section'), l('Basics'));
    const removed = removeSection(tabbed, s2);
    expect(removed.tabs![0]!.sections).toEqual([s1]);
    expect(removed.layout!.find((s) => s.id === s1)!.fields).toContain(c);
    valid(removed);
  });

  it('sections added while a tab is open join that tab', () => {
    const { form } = start();
    const { form: tabbed, tabId } = addTab(form, l('Visit'), l('New section'), l('Basics'));
    const added = addSection(tabbed, l('Extra'), tabbed.tabs![0]!.id);
    expect(shape(added)).toEqual([['Basics', [2, 1, 0]], ['Visit', [0]]]);
    expect(addSection(tabbed, l('Extra'), tabId).tabs![1]!.sections).toHaveLength(2);
    valid(added);
  });

  it('a saved tab layout is repaired on load: unknown sections dropped, forgotten ones in the last tab', () => {
    const saved: FormDefinition = {
      ...blank,
      fields: [{ id: 'f1', key: 'a', kind: 'text', label: l('A') }],
      layout: [{ id: 's1', fields: ['a'] }, { id: 's2', fields: [] }],
      tabs: [{ id: 't1', title: l('One'), sections: ['ghost', 's2', 's2'] }, { id: 't2', title: l('Two'), sections: [] }],
    };
    const loaded = withLayout(saved, l('Basics'));
    expect(loaded.tabs).toEqual([{ id: 't1', title: l('One'), sections: ['s2'] }, { id: 't2', title: l('Two'), sections: ['s1'] }]);
    expect(loaded.layout!.map((s) => s.id)).toEqual(['s2', 's1']);
    valid(loaded);
  });

  it('every tab edit is one undo step', () => {
    const { form, s1 } = start();
    let h = startHistory(form);
    const { form: tabbed, tabId } = addTab(form, l('Visit'), l('New section'), l('Basics'));
    h = pushHistory(h, tabbed);
    h = pushHistory(h, moveSectionToTab(h.present, s1, tabId));
    h = pushHistory(h, removeTab(h.present, tabId));
    expect(h.present.tabs).toHaveLength(1);
    h = undo(h);
    expect(h.present.tabs![1]!.sections).toContain(s1);
    h = undo(undo(h));
    expect(h.present.tabs).toBeUndefined();
    expect(redo(h).present).toBe(tabbed);
  });
});

describe('undo and redo', () => {
  it('steps back and forth; typing into one property is one step', () => {
    let h = startHistory('');
    h = pushHistory(h, 'a', 'label');
    h = pushHistory(h, 'ab', 'label');
    h = pushHistory(h, 'ab!', null);
    expect(undo(h).present).toBe('ab');
    expect(undo(undo(h)).present).toBe('');
    expect(redo(undo(undo(h))).present).toBe('ab');
    expect(undo(startHistory('x')).present).toBe('x');
    // A new edit after undo drops the redo branch.
    expect(pushHistory(undo(h), 'other').future).toEqual([]);
  });
});
