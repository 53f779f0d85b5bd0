import { describe, expect, it } from 'vitest';
import { API_ERRORS, ApiError, type ApiErrorCode } from '../errors';
import { negotiateLocale } from './locale';
import { toProblem } from './problem';

describe('problem documents', () => {
  it.each(Object.keys(API_ERRORS) as ApiErrorCode[])('%s has a title in both languages and its catalogued status', (code) => {
    const en = toProblem(new ApiError(code), 'en');
    const zh = toProblem(new ApiError(code), 'zh-CN');
    expect(en.status).toBe(API_ERRORS[code]);
    expect(en.title).not.toBe('');
    expect(en.title).not.toContain('{');
    expect(zh.title).not.toBe(en.title);
  });

  it('words located problems in the caller\'s language', () => {
    const error = new ApiError('ERR_FORBIDDEN', { errors: [{ path: '/data/stage', code: 'deniedValue', params: { field: 'stage', value: 'won' } }] });
    expect(toProblem(error, 'en').errors?.[0]?.message).toBe('You may not set "stage" to "won"');
    expect(toProblem(error, 'zh-CN').errors?.[0]?.message).toBe('您不能将 "stage" 设为 "won"');
  });

  it('never leaks an unexpected error', () => {
    const problem = toProblem(new Error('connection string postgres://secret@db'), 'en');
    expect(problem).toMatchObject({ status: 500, code: 'ERR_INTERNAL' });
    expect(JSON.stringify(problem)).not.toContain('secret');
  });
});

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'en'], ['zh-CN', 'zh-CN'], ['zh', 'zh-CN'], ['zh-TW,en;q=0.5', 'zh-CN'], ['en-GB,zh;q=0.8', 'en'],
    ['fr-FR, zh-CN;q=0.7, en;q=0.3', 'zh-CN'], ['fr', 'en'], ['en;q=0, zh;q=0.1', 'zh-CN'], ['*', 'en'],
  ])('%s -> %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
