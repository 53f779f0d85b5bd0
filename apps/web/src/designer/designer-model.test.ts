import { validateForm, type FormDefinition } from '@tangram/schema';
import { FIELD_KINDS } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { addCheck, addField, addSection, moveField, removeField, removeSection, updateField, withLayout } from './designer-model';
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
