import type { Kysely } from 'kysely';
import { StoreError } from './errors';
import { loadFormLayout, type FormLayout } from './form-layout';

/**
 * Form layouts change only when a form is published, so they are cached per process. A write names the
 * form version it validated against; when that is newer than the cached layout (another process
 * published), the layout is reloaded before the write, so new fields always reach their slots. Reads
 * name no version: a cached layout is trusted for `LAYOUT_TTL_MS`, so a field published by another
 * process becomes filterable here within that time.
 */
export const LAYOUT_TTL_MS = 5_000;
export interface LayoutCache {
  get(app: string, form: string, atLeastVersion?: number): Promise<FormLayout>;
  invalidate(app: string, form: string): void;
}

export function createLayoutCache(db: Kysely<any>, clock: () => number = Date.now): LayoutCache {
  const cache = new Map<string, Promise<FormLayout | null>>();
  const loadedAt = new Map<string, number>();
  const keyOf = (app: string, form: string) => JSON.stringify([app, form]);
  const load = (app: string, form: string) => {
    const pending = loadFormLayout(db, app, form);
    cache.set(keyOf(app, form), pending);
    loadedAt.set(keyOf(app, form), clock());
    pending.then((layout) => { if (!layout) cache.delete(keyOf(app, form)); }, () => cache.delete(keyOf(app, form)));
    return pending;
  };
  return {
    async get(app, form, atLeastVersion) {
      const key = keyOf(app, form);
      const fresh = clock() - (loadedAt.get(key) ?? -Infinity) < LAYOUT_TTL_MS;
      let layout = await ((fresh ? cache.get(key) : undefined) ?? load(app, form));
      if (layout && atLeastVersion !== undefined && layout.publishedVersion < atLeastVersion) layout = await load(app, form);
      if (!layout) throw new StoreError('ERR_NOT_PUBLISHED', `form ${app}/${form} has no published version`, { params: { app, form } });
      return layout;
    },
    invalidate(app, form) {
      cache.delete(keyOf(app, form));
    },
  };
}
