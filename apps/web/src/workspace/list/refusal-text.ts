import type { FormDefinition, Locale } from '@tangram/schema';
import { describeError, describeProblem } from '../../api/describe-error';
import type { MessageKey, MessageParams } from '../../i18n/dictionaries';
import { located } from '../refused-write';
import { RecordWriteError } from '../records-api';

/**
 * Why the server refused a list action, in the reader's words: the located problems with fields named by
 * their labels ("You may not set "Stage" to this value"), or the general reason (offline, stale).
 */
export function refusalText(error: unknown, form: FormDefinition, t: (key: MessageKey, params?: MessageParams) => string, locale: Locale): string {
  if (error instanceof RecordWriteError && (error.errors.length > 0 || typeof error.params.field === 'string')) {
    return located(error, form, locale).map((p) => describeProblem(p, locale)).join('; ');
  }
  return describeError(error, t, locale);
}
