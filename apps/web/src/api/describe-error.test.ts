import { formatProblem } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/dictionaries';
import type { MessageKey } from '../i18n/dictionaries';
import { ApiError } from './api-error';
import { describeError } from './describe-error';

const tIn = (locale: 'zh-CN' | 'en') => (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);

describe('describeError', () => {
  const wrongPassword = new ApiError({ status: 401, code: 'ERR_INVALID_CREDENTIALS', detail: '邮箱或密码错误' });

  it('re-words a catalogued code in the language shown now, not the one it was sent in', () => {
    expect(describeError(wrongPassword, tIn('en'), 'en')).toBe(formatProblem({ code: 'ERR_INVALID_CREDENTIALS' }, 'en'));
    expect(describeError(wrongPassword, tIn('zh-CN'), 'zh-CN')).toBe(formatProblem({ code: 'ERR_INVALID_CREDENTIALS' }, 'zh-CN'));
  });

  it("falls back to the server's detail for codes the catalogue does not know", () => {
    const error = new ApiError({ status: 409, code: 'ERR_SOMETHING_NEW', detail: 'Server words' });
    expect(describeError(error, tIn('en'), 'en')).toBe('Server words');
  });

  it('words each located problem', () => {
    const error = new ApiError({ status: 400, code: 'ERR_VALIDATION', errors: [{ path: '/password', code: 'minLength', params: { limit: 8 } }] });
    expect(describeError(error, tIn('zh-CN'), 'zh-CN')).toBe(formatProblem({ code: 'minLength', params: { limit: 8 } }, 'zh-CN'));
  });

  it('has its own words for failures that never reached the server', () => {
    expect(describeError(new ApiError({ status: 0, code: 'ERR_NETWORK' }), tIn('en'), 'en')).toBe(translate('en', 'error.network'));
    expect(describeError(new Error('boom'), tIn('en'), 'en')).toBe(translate('en', 'error.unknown', { status: '?' }));
  });
});
