import type { FormDefinition } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { parseProblem } from '../api/api-error';
import { createRecordsApi, RecordWriteError } from './records-api';
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

describe('the records API of one form', () => {
  const sent: { url: string; method: string; body: unknown }[] = [];
  const answer = (status: number, body: unknown) =>
    (async (url: string, init: RequestInit) => {
      sent.push({ url, method: String(init.method), body: init.body ? JSON.parse(String(init.body)) : undefined });
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });
    }) as unknown as typeof fetch;

  it('turns a refused write into a RecordWriteError that keeps what the problem carries', async () => {
    const records = createRecordsApi(() => 'en', 'crm', 'lead', { fetch: answer(409, { code: 'ERR_RECORD_STALE', detail: 'Changed meanwhile', currentVersion: 7 }) });
    const error = await records.update('42', 6, { data: { stage: 'won' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordWriteError);
    expect(error).toMatchObject({ status: 409, code: 'ERR_RECORD_STALE', currentVersion: 7, detail: 'Changed meanwhile' });
    expect(sent.at(-1)).toEqual({ url: '/api/apps/crm/forms/lead/records/42', method: 'PATCH', body: { version: 6, data: { stage: 'won' } } });
  });

  it('sends a bulk assign as one filter with the new owner, and reads the count', async () => {
    const records = createRecordsApi(() => 'en', 'crm', 'lead', { fetch: answer(200, { count: 3 }) });
    const filter = { in: [{ var: 'id' }, [12, 15, 31]] };
    expect(await records.bulkUpdate(filter, { ownerId: 'u2' })).toEqual({ count: 3 });
    expect(sent.at(-1)).toEqual({ url: '/api/apps/crm/forms/lead/records/bulk-update', method: 'POST', body: { filter, ownerId: 'u2' } });
  });
});
