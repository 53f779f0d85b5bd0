import type { FormDefinition } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { draftFromRecord, setDraftValue, toRecordInput } from './draft';

const l = (en: string) => ({ en });
const form: FormDefinition = {
  schemaVersion: 1, key: 'lead', name: l('Lead'),
  fields: [
    { id: '1', key: 'name', kind: 'text', label: l('Name') },
    { id: '2', key: 'age', kind: 'number', label: l('Age') },
    { id: '3', key: 'budget', kind: 'money', label: l('Budget') },
    { id: '4', key: 'where', kind: 'region', label: l('Region') },
    { id: '5', key: 'code', kind: 'autonumber', label: l('Code'), pattern: 'L-{seq:3}' },
    { id: '6', key: 'items', kind: 'subtable', label: l('Items'), fields: [{ id: '61', key: 'qty', kind: 'number', label: l('Qty') }] },
  ],
};

describe('toRecordInput', () => {
  it('sends numbers as numbers, leaves blanks and computed fields out on create', () => {
    const draft = { name: 'Ann', age: '42', budget: ' 1200.50 ', code: 'x', where: { province: ' 浙江 ', city: '' }, items: [{ qty: '2' }] };
    expect(toRecordInput(form, draft, 'create')).toEqual({ name: 'Ann', age: 42, budget: '1200.50', where: { province: '浙江' }, items: [{ qty: 2 }] });
    expect(toRecordInput(form, { name: '  ', age: '' }, 'create')).toEqual({});
  });

  it('keeps text that is not a number so the engine can name the problem', () => {
    expect(toRecordInput(form, { age: 'forty' }, 'create')).toEqual({ age: 'forty' });
  });

  it('clears a stored value on update with null', () => {
    expect(toRecordInput(form, { name: '', age: '3' }, 'update', { name: 'Ann' })).toEqual({ name: null, age: 3 });
  });
});

describe('drafts', () => {
  it('turns a stored record into input text and back', () => {
    const draft = draftFromRecord(form, { name: 'Ann', age: 42, items: [{ qty: 2 }] });
    expect(draft).toEqual({ name: 'Ann', age: '42', items: [{ qty: '2' }] });
    expect(toRecordInput(form, draft, 'create')).toEqual({ name: 'Ann', age: 42, items: [{ qty: 2 }] });
  });

  it('sets a value inside a subtable row without touching the old draft', () => {
    const before = draftFromRecord(form, { items: [{ qty: 1 }] });
    const after = setDraftValue(before, ['items', 1, 'qty'], '5');
    expect(after.items).toEqual([{ qty: '1' }, { qty: '5' }]);
    expect(before.items).toEqual([{ qty: '1' }]);
  });
});
