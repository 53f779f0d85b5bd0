import { createLogic, truthy } from '@tangram/logic';
import type { FormDefinition } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { affectedFilter, compareFormVersions } from './form-changes';

const l = (en: string) => ({ en });
const options = (...values: string[]) => values.map((value) => ({ value, label: l(value) }));
const v1: FormDefinition = {
  schemaVersion: 1, key: 'lead', name: l('Lead'),
  fields: [
    { id: 'f1', key: 'name', kind: 'text', label: l('Name') },
    { id: 'f2', key: 'tags', kind: 'multiselect', label: l('Tags'), options: options('a', 'b', 'c') },
    { id: 'f3', key: 'code', kind: 'autonumber', label: l('Code'), pattern: 'NO-{seq:4}' },
    { id: 'f4', key: 'score', kind: 'number', label: l('Score') },
  ],
};
const logic = createLogic();

describe('compareFormVersions', () => {
  it('finds nothing between a version and itself', () => {
    expect(compareFormVersions(v1, v1)).toEqual([]);
  });

  it('matches fields by id: a new key with a new kind is a rename and a kind change, not a removal', () => {
    const draft: FormDefinition = { ...v1, fields: [v1.fields[0]!, v1.fields[1]!, v1.fields[2]!, { id: 'f4', key: 'grade', kind: 'text', label: l('Grade') }] };
    expect(compareFormVersions(v1, draft).map((c) => c.kind)).toEqual(['keyRenamed', 'kindChanged']);
  });

  it('asks nothing of records when a computed field becomes required', () => {
    const draft: FormDefinition = { ...v1, fields: v1.fields.map((f) => (f.key === 'code' ? { ...f, required: true } : f)) };
    expect(compareFormVersions(v1, draft)).toEqual([]);
  });

  it('a removed multiple-choice option touches the records holding any removed option', () => {
    const draft: FormDefinition = { ...v1, fields: v1.fields.map((f) => (f.key === 'tags' ? { ...f, options: options('b') } : f)) };
    const [change] = compareFormVersions(v1, draft);
    expect(change).toMatchObject({ kind: 'optionRemoved', field: 'tags', values: ['a', 'c'] });
    const filter = affectedFilter(change!, v1, draft)!;
    const hits = (data: Record<string, unknown>) => truthy(logic.apply(filter, data));
    expect([hits({ tags: ['a'] }), hits({ tags: ['b', 'c'] }), hits({ tags: ['b'] }), hits({})]).toEqual([true, true, false, false]);
  });

  it('a renamed field is counted under the key records were written with', () => {
    const draft: FormDefinition = { ...v1, fields: v1.fields.map((f) => (f.key === 'score' ? { ...f, key: 'points', required: true } : f)) };
    const changes = compareFormVersions(v1, draft);
    expect(changes.map((c) => [c.kind, affectedFilter(c, v1, draft)])).toEqual([
      ['keyRenamed', { '!': { missing: ['score'] } }],
      ['becameRequired', { missing: ['score'] }],
    ]);
  });
});
