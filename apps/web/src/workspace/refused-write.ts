import type { FormDefinition, Locale, Problem } from '@tangram/schema';
import { fieldLabel } from '@tangram/ui';
import type { RecordWriteError } from './records-api';

/**
 * The problems of a refused write. A unique value already taken (409) may name its field only in `params`
 * (`{ field: 'phone' }`): it is placed on that field like a 422 problem.
 */
export function located(error: RecordWriteError, form: FormDefinition, locale: Locale): readonly Problem[] {
  const key = error.params.field;
  const problems: readonly Problem[] =
    error.errors.length > 0
      ? error.errors
      : typeof key === 'string'
        ? [{ path: `/data/${key}`, code: error.code, params: error.params }]
        : [{ path: '', code: error.code, params: error.params, ...(error.detail ? { message: error.detail } : {}) }];
  // Messages name a field as the reader knows it (its label), not by its key.
  return problems.map((problem) => {
    const field = form.fields.find((f) => f.key === problem.params?.field);
    return field ? { ...problem, params: { ...problem.params, field: fieldLabel(field, locale) } } : problem;
  });
}
