import { checkLogic, createLogic, truthy } from '@tangram/logic';
import type { Field } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { conditionOperators, fromLogic, toLogic, valueInput, type ConditionGroup } from './condition-model';

const l = (en: string) => ({ en });
const fields: readonly Field[] = [
  { id: '1', key: 'name', kind: 'text', label: l('Name') },
  { id: '2', key: 'age', kind: 'number', label: l('Age') },
  { id: '3', key: 'channel', kind: 'select', label: l('Channel'), options: [{ value: 'web', label: l('Web') }, { value: 'store', label: l('Store') }] },
  { id: '4', key: 'tags', kind: 'multiselect', label: l('Tags'), options: [{ value: 'a', label: l('A') }] },
  { id: '5', key: 'vip', kind: 'yesno', label: l('VIP') },
  { id: '6', key: 'visit', kind: 'date', label: l('Visit') },
  { id: '7', key: 'budget', kind: 'money', label: l('Budget') },
];
const logic = createLogic();
const keys = new Set(fields.map((f) => f.key));

/** Web leads that are VIP, or anyone under 12 with no visit date. */
const nested: ConditionGroup = {
  kind: 'group', combinator: 'or', items: [
    { kind: 'group', combinator: 'and', items: [
      { kind: 'row', field: 'channel', operator: 'eq', value: 'web' },
      { kind: 'row', field: 'vip', operator: 'isTrue' },
    ] },
    { kind: 'group', combinator: 'and', items: [
      { kind: 'row', field: 'age', operator: 'lt', value: 12 },
      { kind: 'row', field: 'visit', operator: 'empty' },
    ] },
  ],
};

describe('visual condition builder model', () => {
  it('offers operators and value pickers by field kind', () => {
    const by = (key: string) => fields.find((f) => f.key === key)!;
    expect(conditionOperators(by('vip'))).toEqual(['isTrue', 'isFalse']);
    expect(conditionOperators(by('tags'))).toEqual(['contains', 'empty', 'notEmpty']);
    expect(conditionOperators(by('budget'))).toContain('gte');
    expect(conditionOperators(by('name'))).not.toContain('gt');
    expect(valueInput(by('channel'), 'eq')).toBe('option');
    expect(valueInput(by('visit'), 'lt')).toBe('date');
    expect(valueInput(by('age'), 'empty')).toBe('none');
  });

  it('builds json-logic that checkLogic accepts and that means what the rows say', () => {
    const expr = toLogic(nested, fields)!;
    expect(checkLogic(expr, { vars: (name) => keys.has(name) })).toEqual([]);
    const holds = (data: Record<string, unknown>) => truthy(logic.apply(expr, data));
    expect(holds({ channel: 'web', vip: true })).toBe(true);
    expect(holds({ channel: 'web', vip: false })).toBe(false);
    expect(holds({ channel: 'store', age: 8 })).toBe(true);
    expect(holds({ channel: 'store', age: 8, visit: '2026-01-01' })).toBe(false);
    expect(holds({ age: 30 })).toBe(false);
    // "under 12" does not match a record with no age at all.
    expect(holds({ channel: 'store' })).toBe(false);
  });

  it('round-trips every operator it produces', () => {
    const rows: ConditionGroup = { kind: 'group', combinator: 'and', items: [
      { kind: 'row', field: 'name', operator: 'contains', value: '张' },
      { kind: 'row', field: 'name', operator: 'ne', value: 'x' },
      { kind: 'row', field: 'age', operator: 'gte', value: 18 },
      { kind: 'row', field: 'age', operator: 'lte', value: 60 },
      { kind: 'row', field: 'budget', operator: 'gt', value: 5000 },
      { kind: 'row', field: 'tags', operator: 'contains', value: 'a' },
      { kind: 'row', field: 'vip', operator: 'isFalse' },
      { kind: 'row', field: 'visit', operator: 'gt', value: '2026-01-01' },
      { kind: 'row', field: 'channel', operator: 'notEmpty' },
    ] };
    expect(fromLogic(toLogic(rows, fields), fields)).toEqual(rows);
    expect(fromLogic(toLogic(nested, fields), fields)).toEqual(nested);
  });

  it('leaves out incomplete rows and gives no condition for an empty builder', () => {
    const partial: ConditionGroup = { kind: 'group', combinator: 'and', items: [
      { kind: 'row', field: 'age', operator: 'lt' },
      { kind: 'row', field: 'ghost', operator: 'eq', value: 1 },
      { kind: 'row', field: 'vip', operator: 'gt', value: 1 },
      { kind: 'group', combinator: 'or', items: [] },
      { kind: 'row', field: 'channel', operator: 'eq', value: 'store' },
    ] };
    expect(toLogic({ kind: 'group', combinator: 'and', items: [{ kind: 'row', field: 'age', operator: 'lt', value: 12 }] }, fields))
      .toEqual({ and: [{ and: [{ '!': { missing: ['age'] } }, { '<': [{ var: 'age' }, 12] }] }] });
    expect(toLogic(partial, fields)).toEqual({ and: [{ '==': [{ var: 'channel' }, 'store'] }] });
    expect(toLogic({ kind: 'group', combinator: 'or', items: [] }, fields)).toBeUndefined();
    expect(fromLogic(undefined, fields)).toEqual({ kind: 'group', combinator: 'and', items: [] });
  });

  it('refuses conditions it did not write instead of rewriting them', () => {
    expect(fromLogic({ '<': [{ var: 'age' }, 12] }, fields)).toBeNull();
    expect(fromLogic({ and: [{ '<': [{ var: 'ghost' }, 12] }] }, fields)).toBeNull();
    expect(fromLogic({ and: [{ '<': [{ '+': [{ var: 'age' }, 1] }, 12] }] }, fields)).toBeNull();
    expect(fromLogic({ and: [{ '==': [{ var: 'vip' }, 'web'] }] }, fields)).toBeNull();
  });
});
