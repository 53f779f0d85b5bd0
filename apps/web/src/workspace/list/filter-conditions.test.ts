import type { FormDefinition, JsonLogic } from '@tangram/schema';
import { buildFilter, type FilterCondition } from '@tangram/ui';
import { describe, expect, it } from 'vitest';
import { conditionsOf } from './filter-conditions';

const form: FormDefinition = {
  schemaVersion: 1, key: 'lead', name: { en: 'Lead' },
  fields: [
    { id: '1', key: 'name', kind: 'text', label: { en: 'Name' } },
    { id: '2', key: 'budget', kind: 'money', label: { en: 'Budget' } },
    { id: '3', key: 'stage', kind: 'select', label: { en: 'Stage' }, options: [{ value: 'new', label: { en: 'New' } }] },
  ],
};

describe('filter bar rows from a filter', () => {
  it('reads back every shape the bar builds', () => {
    const rows: FilterCondition[] = [
      { field: 'name', operator: 'contains', value: '张' },
      { field: 'budget', operator: 'gt', value: '5000' },
      { field: 'stage', operator: 'ne', value: 'new' },
      { field: 'name', operator: 'notEmpty', value: '' },
      { field: 'budget', operator: 'empty', value: '' },
    ];
    expect(conditionsOf(form, buildFilter(form, rows)!)).toEqual(rows);
    expect(conditionsOf(form, buildFilter(form, [rows[1]!])!)).toEqual([rows[1]]);
    expect(conditionsOf(form, null)).toEqual([]);
  });

  it('says null for a filter the bar could not have built', () => {
    const others: JsonLogic[] = [
      { or: [{ '==': [{ var: 'stage' }, 'new'] }, { '==': [{ var: 'stage' }, 'won'] }] },
      { '==': [{ var: 'nope' }, 1] },
      { in: [{ var: 'id' }, [1, 2]] },
    ];
    for (const filter of others) expect(conditionsOf(form, filter)).toBeNull();
  });
});
