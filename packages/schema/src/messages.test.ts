import { describe, expect, test } from 'vitest';
import { formatProblem, messages } from './messages';

describe('formatProblem', () => {
  test.each([
    [{ code: 'required' }, 'zh-CN', '必填'],
    [{ code: 'required' }, 'en', 'Required'],
    [{ code: 'minimum', params: { limit: 0 } }, 'zh-CN', '不能小于 0'],
    [{ code: 'enum', params: { allowedValues: ['web', 'expo'] } }, 'en', 'Invalid value; allowed: web, expo'],
    [{ code: 'check', params: { message: { 'zh-CN': '请核对年龄', en: 'Please check the age' } } }, 'en', 'Please check the age'],
    [{ code: 'check', params: { message: { 'zh-CN': '请核对年龄' } } }, 'en', '请核对年龄'],
    [{ code: 'ERR_RECORD_STALE' }, 'zh-CN', '记录已被他人修改，请刷新后重试'],
    [{ code: 'autonumberWithoutSeq' }, 'en', 'The numbering pattern needs a sequence {seq:N}'],
    [{ code: 'ERR_SOMETHING_NEW' }, 'en', 'Invalid input (ERR_SOMETHING_NEW)'],
    [{ code: 'toString' }, 'zh-CN', '输入有误（toString）'],
    [{ code: 'maxLength' }, 'en', 'At most {limit} characters'],
    [{ code: 'required' }, 'zh-Hans-CN', '必填'],
    [{ code: 'required' }, 'fr', 'Required'],
  ] as const)('%j in %s', (problem, locale, text) => {
    expect(formatProblem(problem, locale)).toBe(text);
  });

  test('every code speaks both languages', () => {
    for (const [code, t] of Object.entries(messages)) {
      expect(t['zh-CN'], code).not.toBe('');
      expect(t.en, code).not.toBe('');
    }
  });

  test.each(['ERR_MALFORMED_JSON', 'ERR_UNAUTHENTICATED', 'ERR_FORBIDDEN', 'ERR_NOT_FOUND', 'ERR_RECORD_STALE', 'ERR_UNIQUE_VIOLATION',
    'ERR_VALIDATION', 'ERR_RATE_LIMITED', 'ERR_PAYLOAD_TOO_LARGE', 'ERR_UNSUPPORTED_MEDIA_TYPE', 'ERR_BULK_WITHOUT_FILTER',
    'ERR_INVALID_FILTER', 'ERR_FIELD_NOT_FILTERABLE', 'ERR_LOGIC_UNKNOWN_OPERATOR', 'ERR_LOGIC_UNSUPPORTED_IN_SQL', 'ERR_SETUP_DONE',
    'ERR_INVALID_CREDENTIALS'])('%s is catalogued', (code) => {
    expect(Object.hasOwn(messages, code)).toBe(true);
  });
});
