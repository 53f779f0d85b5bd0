import type { Field } from '@tangram/schema';
import { describe, expect, test } from 'vitest';
import { fieldValueKind } from './field-value-kind';
import { autonumberFieldKeys, isComputedField } from './field-helpers';
import { customerForm } from './fixtures';

const byKey = (key: string) => customerForm.fields.find((f) => f.key === key) as Field;

describe('fieldValueKind', () => {
  test.each([
    ['name', 'text'], ['notes', 'text'], ['age', 'numeric'], ['budget', 'numeric'], ['discount', 'numeric'],
    ['birthday', 'date'], ['visited_at', 'timestamptz'], ['channel', 'text'], ['interests', 'jsonb'],
    ['agreed', 'boolean'], ['member', 'boolean'], ['mobile', 'text'], ['email', 'text'], ['site', 'text'],
    ['owner', 'text'], ['store', 'text'], ['referrer', 'text'], ['products', 'jsonb'], ['items', 'jsonb'],
    ['total', 'numeric'], ['is_adult', 'boolean'], ['code', 'text'], ['photos', 'jsonb'], ['satisfaction', 'numeric'],
    ['region', 'jsonb'],
  ] as const)('%s is stored as %s', (key, kind) => {
    expect(fieldValueKind(byKey(key))).toBe(kind);
  });
});

test('computed fields and autonumber keys', () => {
  expect(customerForm.fields.filter(isComputedField).map((f) => f.key)).toEqual(['total', 'is_adult', 'code', 'score']);
  expect(autonumberFieldKeys(customerForm)).toEqual(['code']);
});
