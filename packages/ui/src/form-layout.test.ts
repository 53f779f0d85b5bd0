import type { Field, FormDefinition } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { countErrorsByTab, formSections, formTabs } from './form-layout';

const text = (key: string): Field => ({ id: key, key, kind: 'text', label: { en: key } });
const form: Pick<FormDefinition, 'fields' | 'layout' | 'tabs'> = {
  fields: [text('name'), text('phone'), text('notes'), text('loose'), { id: 'items', key: 'items', kind: 'subtable', label: { en: 'Items' }, fields: [text('qty')] }],
  layout: [
    { id: 'basics', fields: ['name', 'phone'] },
    { id: 'order', fields: ['items'] },
    { id: 'extra', fields: ['notes'] },
    { id: 'empty', fields: [] },
  ],
  tabs: [
    { id: 'main', title: { en: 'Main' }, sections: ['basics'] },
    { id: 'more', title: { en: 'More' }, sections: ['extra', 'order'] },
  ],
};
const ids = (tabs: ReturnType<typeof formTabs>) => tabs.map((t) => [t.id, t.sections.map((s) => s.id)]);

describe('formTabs', () => {
  it("draws a tab's sections in the tab's order; what no tab or section holds joins the last tab", () => {
    expect(ids(formTabs(form))).toEqual([['main', ['basics']], ['more', ['extra', 'order', '$rest']]]);
    expect(formTabs(form)[1]!.sections[2]!.fields.map((f) => f.key)).toEqual(['loose']);
  });

  it('a form without tabs has none, and its sections are drawn as before', () => {
    const plain = { ...form, tabs: undefined };
    expect(formTabs(plain)).toEqual([]);
    expect(formSections(plain).map((s) => s.id)).toEqual(['basics', 'order', 'extra', '$rest']);
  });

  it('a section named by two tabs shows once, in the first', () => {
    const twice = { ...form, tabs: [form.tabs![0]!, { ...form.tabs![1]!, sections: ['basics', 'extra', 'order'] }] };
    expect(ids(formTabs(twice))).toEqual([['main', ['basics']], ['more', ['extra', 'order', '$rest']]]);
  });
});

describe('countErrorsByTab', () => {
  it("counts each message on the tab of its top-level field, a sub-table row's on the sub-table's tab", () => {
    const errors = { name: 'Required', 'items/0/qty': 'Enter a number', 'items/1/qty': 'Enter a number', ghost: 'x' };
    expect(countErrorsByTab(formTabs(form), errors)).toEqual({ main: 1, more: 2 });
    expect(countErrorsByTab(formTabs(form), {})).toEqual({ main: 0, more: 0 });
  });
});
