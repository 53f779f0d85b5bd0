import type { ChangeImpact, FormDefinition, Locale, PublishImpact, User } from '@tangram/schema';
import type { FormAccess, Store } from '@tangram/store';
import { affectedFilter, compareFormVersions, publishedKeyOf } from './form-changes';
import { impactMessage } from './impact-messages';

/** How many records each preview shows per change. */
export const IMPACT_SAMPLE_SIZE = 3;

/**
 * Compares a draft with the latest published version and counts, in SQL, the records each change
 * touches. Counting covers every row of the form: whoever may design the form answers for all its
 * records. Samples go through the designer's own read access, so they reveal nothing a list would not.
 */
export async function previewPublishImpact(
  store: Store, user: User, app: string, form: string, draft: FormDefinition, locale: Locale,
): Promise<PublishImpact> {
  const published = await store.definitions.getPublished(app, 'form', form);
  if (!published) return { fromVersion: null, total: 0, changes: [] };
  const before = published.body as FormDefinition;
  const records = store.records(app, form);
  const own = await store.identity.resolveAccess(user, app, form);
  const everyRow: FormAccess = Object.freeze({
    ...own,
    actions: new Set(['read'] as const),
    rowScopes: { read: [{ kind: 'all' as const }] },
    hiddenFields: new Set<string>(),
  });
  const mayRead = own.actions.has('read');
  const total = await records.count(everyRow);
  // One count (and, when it touches any, one page of samples) per change; independent, so they run side by side.
  const changes = await Promise.all(compareFormVersions(before, draft).map(async (change): Promise<ChangeImpact> => {
    const filter = affectedFilter(change, before, draft);
    const affected = filter === undefined ? total : await records.count(everyRow, filter);
    const key = publishedKeyOf(change, before, draft);
    // A field hidden from the designer's role cannot be filtered on by them, nor shown.
    const samples = mayRead && affected > 0 && !own.hiddenFields.has(key)
      ? (await records.list(own, { ...(filter === undefined ? {} : { filter }), limit: IMPACT_SAMPLE_SIZE })).items
          .map((r) => (key in r.data ? { id: r.id, value: r.data[key] } : { id: r.id }))
      : [];
    return { ...change, affected, samples, message: impactMessage(change, affected, locale) };
  }));
  return { fromVersion: published.version, total, changes };
}
