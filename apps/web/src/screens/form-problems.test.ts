import { describe, expect, it } from 'vitest';
import { fieldProblems } from './form-problems';

describe('fieldProblems', () => {
  it('attaches the first problem of each known field and keeps the rest', () => {
    const email = { path: '/email', code: 'format' };
    const { byField, rest } = fieldProblems(
      [email, { path: '/email', code: 'maxLength' }, { path: '/locale', code: 'enum' }, { path: '', code: 'malformedJson' }],
      ['name', 'email', 'password'],
    );
    expect(byField).toEqual({ email });
    expect(rest.map((p) => p.code)).toEqual(['maxLength', 'enum', 'malformedJson']);
  });
});
