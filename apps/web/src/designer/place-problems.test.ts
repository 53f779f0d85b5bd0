import type { FormDefinition } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { placeDesignProblems } from './place-problems';

const l = (en: string) => ({ en });
const form: FormDefinition = {
  schemaVersion: 1, key: 'lead', name: l('Lead'),
  fields: [
    { id: 'f1', key: 'name', kind: 'text', label: l('Name') },
    { id: 'f2', key: 'channel', kind: 'select', label: l('Channel'), options: [{ value: '', label: l('Empty') }] },
  ],
  layout: [{ id: 's1', fields: ['name', 'channel'] }],
  tabs: [{ id: 't1', title: l('Main'), sections: ['s1'] }],
  checks: [{ id: 'c1', severity: 'warn', when: { and: [] }, message: l('x') }],
};

describe('placing a refused draft\'s problems', () => {
  it('puts each problem on the field and property, section, tab, check or form it points into', () => {
    const placed = placeDesignProblems(form, [
      { path: '/fields/1/options/0/value', code: 'minLength', params: { limit: 1 } },
      { path: '/fields/0/key', code: 'pattern' },
      { path: '/fields/0', code: 'duplicateKey' },
      { path: '/layout/0/fields/1', code: 'unknownFieldReference' },
      { path: '/checks/0/message', code: 'localizedTextEmpty' },
      { path: '/tabs/0/title', code: 'localizedTextEmpty' },
      { path: '/key', code: 'pattern' },
      { path: '/fields/9/key', code: 'pattern' },
    ]);
    expect(placed.fields.get('channel')).toEqual([{ property: 'options', problem: expect.objectContaining({ code: 'minLength' }) }]);
    expect(placed.fields.get('name')!.map((p) => p.property)).toEqual(['key', '']);
    expect(placed.sections.get('s1')).toHaveLength(1);
    expect(placed.checks.get('c1')).toHaveLength(1);
    expect(placed.tabs.get('t1')!.map((p) => p.code)).toEqual(['localizedTextEmpty']);
    // A problem about the form itself, or about something no longer on screen, stays visible at the top.
    expect(placed.form.map((p) => p.path)).toEqual(['/key', '/fields/9/key']);
  });
});
