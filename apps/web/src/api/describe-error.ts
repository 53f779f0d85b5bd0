import { formatProblem, messages, type Locale, type Problem } from '@tangram/schema';
import type { MessageKey } from '../i18n/dictionaries';
import type { MessageParams } from '../i18n/dictionaries';
import { CLIENT_ERROR_CODES, isApiError } from './api-error';

type Translate = (key: MessageKey, params?: MessageParams) => string;

function isCatalogued(code: string): boolean {
  return Object.hasOwn(messages, code);
}

/**
 * The words for one problem in the reader's current language: the shared catalogue when it knows the
 * code (so a language switch re-words errors already on screen), else the server's localised message.
 */
export function describeProblem(problem: Problem, locale: Locale): string {
  if (isCatalogued(problem.code)) return formatProblem(problem, locale);
  return problem.message ?? formatProblem(problem, locale);
}

/**
 * The sentence to show for a failed call.
 * describeError(ApiError{code: 'ERR_INVALID_CREDENTIALS'}, t, 'en') -> "Wrong email or password"
 */
export function describeError(error: unknown, t: Translate, locale: Locale): string {
  if (!isApiError(error)) return t('error.unknown', { status: '?' });
  if (error.code === CLIENT_ERROR_CODES.network) return t('error.network');
  if (error.errors.length > 0) return error.errors.map((problem) => describeProblem(problem, locale)).join('; ');
  if (isCatalogued(error.code)) return formatProblem({ code: error.code, params: error.params }, locale);
  if (error.detail) return error.detail;
  return t('error.unknown', { status: error.status });
}
