import type { FormDefinition } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { checkDraft } from './check-draft';
import { fieldStates } from './field-states';
import { buildFilter, filterOperators } from './filter-logic';
import { formSections } from './form-layout';
import { formatValue } from './format-value';
import { defaultColumns, nextSort } from './list-columns';
import { placeProblems } from './problems-by-field';

const l = (en: string, zh?: string) => ({ en, ...(zh ? { 'zh-CN': zh } : {}) });
const form: FormDefinition = {
  schemaVersion: 1, key: 'lead', name: l('Lead'),
  fields: [
    { id: '1', key: 'name', kind: 'text', label: l('Name'), required: true },
    { id: '2', key: 'channel', kind: 'select', label: l('Channel'), options: [{ value: 'expo', label: l('Expo', '展会') }, { value: 'web', label: l('Web') }] },
    { id: '3', key: 'booth', kind: 'text', label: l('Booth'), required: true, visibleIf: { '==': [{ var: 'channel' }, 'expo'] } },
    { id: '4', key: 'age', kind: 'number', label: l('Age'), readOnlyIf: { '==': [{ var: 'channel' }, 'web'] } },
    { id: '5', key: 'vip', kind: 'yesno', label: l('VIP') },
    { id: '6', key: 'notes', kind: 'textarea', label: l('Notes') },
    { id: '7', key: 'budget', kind: 'money', label: l('Budget') },
    { id: '8', key: 'score', kind: 'rating', label: l('Score'), max: 5 },
  ],
  layout: [{ id: 'main', columns: 2, fields: ['channel', 'name', 'ghost'] }],
  checks: [
    { id: 'young', when: { '<': [{ var: 'age' }, 12] }, severity: 'warn', message: l('Under 12: check'), fields: ['age'] },
    { id: 'no-web-vip', when: { and: [{ '==': [{ var: 'channel' }, 'web'] }, { var: 'vip' }] }, severity: 'block', message: l('Web leads cannot be VIP'), fields: ['vip', 'channel'] },
  ],
};
const ctx = { now: '2026-01-05T08:00:00.000Z', user: { id: 'u1', orgUnitIds: [] } };

describe('layout', () => {
  it('draws the layout sections first and never loses a field the layout forgot', () => {
    const sections = formSections(form);
    expect(sections.map((s) => [s.id, s.columns, s.fields.map((f) => f.key)])).toEqual([
      ['main', 2, ['channel', 'name']],
      ['$rest', 1, ['booth', 'age', 'vip', 'notes', 'budget', 'score']],
    ]);
  });
});

describe('fieldStates', () => {
  it('shows and locks fields as the values change', () => {
    expect(fieldStates(form, {}, ctx).booth).toEqual({ visible: false, readOnly: false });
    expect(fieldStates(form, { channel: 'expo' }, ctx).booth).toEqual({ visible: true, readOnly: false });
    expect(fieldStates(form, { channel: 'web' }, ctx).age).toEqual({ visible: true, readOnly: true });
  });
});

describe('checkDraft', () => {
  it('gives the problems the server would, and a hidden field is not required', () => {
    const result = checkDraft(form, {}, { ...ctx, mode: 'create' });
    expect(result.problems.map((p) => [p.path, p.code])).toEqual([['/data/name', 'required']]);
  });

  it('refuses a block check and asks to confirm a warn check', () => {
    const blocked = checkDraft(form, { name: 'A', channel: 'web', vip: true }, { ...ctx, mode: 'create' });
    expect(blocked.problems.map((p) => p.code)).toEqual(['check']);
    const warned = checkDraft(form, { name: 'A', age: 8 }, { ...ctx, mode: 'create' });
    expect(warned.problems).toEqual([]);
    expect(warned.warnings.map((w) => w.checkId)).toEqual(['young']);
    expect(checkDraft(form, { name: 'A', age: 8 }, { ...ctx, mode: 'create', confirmedWarnings: ['young'] }).warnings).toEqual([]);
  });
});

describe('placeProblems', () => {
  it('puts problems next to their field, block checks next to every field they name', () => {
    const placed = placeProblems(
      [
        { path: '/data/name', code: 'required' },
        { path: '/data/vip', code: 'check', params: { fields: ['vip', 'channel'] } },
        { path: '/confirmedWarnings', code: 'warningNotConfirmed' },
        { path: '/data/items/0/qty', code: 'invalidNumber' },
        { path: '', code: 'ERR_FORBIDDEN' },
      ],
      ['name', 'vip', 'channel', 'items'],
    );
    expect(Object.keys(placed.byPath)).toEqual(['name', 'vip', 'channel', 'items/0/qty']);
    expect(placed.general.map((p) => p.code)).toEqual(['ERR_FORBIDDEN']);
  });
});

describe('formatValue', () => {
  it('shows what a reader expects for each kind', () => {
    const f = (key: string) => form.fields.find((x) => x.key === key)!;
    const zh = { locale: 'zh-CN' as const, yes: '是', no: '否' };
    expect(formatValue(f('channel'), 'expo', zh)).toBe('展会');
    expect(formatValue(f('channel'), 'web', zh)).toBe('Web');
    expect(formatValue(f('vip'), false, zh)).toBe('否');
    expect(formatValue(f('score'), 3, zh)).toBe('★★★☆☆');
    expect(formatValue(f('name'), '', zh)).toBe('');
  });
});

describe('list helpers', () => {
  it('starts with the first six fields that fit a cell and cycles the sort', () => {
    expect(defaultColumns(form)).toEqual(['name', 'channel', 'booth', 'age', 'vip', 'budget']);
    expect([nextSort(undefined, 'age'), nextSort('age', 'age'), nextSort('-age', 'age'), nextSort('-name', 'age')]).toEqual(['age', '-age', undefined, 'age']);
  });

  it('builds json-logic from the filter bar, typed by field kind', () => {
    const f = (key: string) => form.fields.find((x) => x.key === key)!;
    expect(filterOperators(f('vip'))).toEqual(['eq']);
    expect(buildFilter(form, [{ field: 'budget', operator: 'gt', value: '5000' }])).toEqual({ '>': [{ var: 'budget' }, 5000] });
    expect(buildFilter(form, [
      { field: 'name', operator: 'contains', value: '张' },
      { field: 'vip', operator: 'eq', value: 'true' },
      { field: 'age', operator: 'gt', value: 'abc' },
      { field: 'notes', operator: 'empty', value: '' },
    ])).toEqual({ and: [{ in: ['张', { var: 'name' }] }, { '==': [{ var: 'vip' }, true] }, { missing: ['notes'] }] });
    expect(buildFilter(form, [{ field: 'name', operator: 'contains', value: '' }])).toBeUndefined();
  });
});
