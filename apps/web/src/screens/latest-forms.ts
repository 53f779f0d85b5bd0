import type { FormSummary } from '../api/endpoints';

/** The forms of an app, one entry per key: the published version wins over a draft of the same form. */
export function latestForms(forms: readonly FormSummary[]): readonly FormSummary[] {
  const byKey = new Map<string, FormSummary>();
  for (const form of forms) {
    const seen = byKey.get(form.key);
    if (!seen || (seen.status === 'draft' && form.status === 'published') || (seen.status === form.status && form.version > seen.version)) {
      byKey.set(form.key, form);
    }
  }
  return [...byKey.values()];
}
