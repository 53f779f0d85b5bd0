import type { FormDefinition } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { parseProblem } from '../api/api-error';
import { RecordWriteError } from './records-api';
import { located } from './refused-write';

const refused = (status: number, body: Record<string, unknown>) => new RecordWriteError(parseProblem(status, body), body);

const form: FormDefinition = {
  schemaVersion: 1, key: 'lead', name: { en: 'Lead' },
  fields: [{ id: '1', key: 'phone', kind: 'phone', label: { en: 'Mobile', 'zh-CN': '手机号' }, unique: true }],
};

describe('a refused record write', () => {
  it('keeps the warn checks to confirm from a 422', () => {
    const error = refused(422, {
      code: 'ERR_RECORD_INVALID',
      errors: [{ path: '/confirmedWarnings', code: 'warningNotConfirmed' }],
      warnings: [{ checkId: 'child', path: '/data/age', code: 'warning', message: 'Under 12: please check', fields: ['age'] }],
    });
    expect(error.warnings).toEqual([{ checkId: 'child', path: '/data/age', message: 'Under 12: please check', fields: ['age'] }]);
  });

  it('knows the current version from a 409 stale answer', () => {
    expect(refused(409, { code: 'ERR_RECORD_STALE', currentVersion: 4 }).currentVersion).toBe(4);
    expect(refused(409, { code: 'ERR_RECORD_STALE', params: { currentVersion: 5 } }).currentVersion).toBe(5);
  });

  it('places a taken unique value on its field, named by its label in the reader language', () => {
    const error = refused(409, { code: 'ERR_UNIQUE_VIOLATION', params: { field: 'phone' } });
    expect(located(error, form, 'zh-CN')).toEqual([{ path: '/data/phone', code: 'ERR_UNIQUE_VIOLATION', params: { field: '手机号' } }]);
    const listed = refused(409, { code: 'ERR_UNIQUE_VIOLATION', errors: [{ path: '/data/phone', code: 'ERR_UNIQUE_VIOLATION', params: { field: 'phone' } }] });
    expect(located(listed, form, 'en')[0]).toMatchObject({ path: '/data/phone', params: { field: 'Mobile' } });
  });

  it('keeps an answer that names no field as a general problem', () => {
    expect(located(refused(403, { code: 'ERR_FORBIDDEN', detail: 'Not allowed' }), form, 'en')).toEqual([{ path: '', code: 'ERR_FORBIDDEN', params: {}, message: 'Not allowed' }]);
  });
});
