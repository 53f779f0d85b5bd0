import type { Kysely } from 'kysely';
import { StoreError } from './errors';
import { loadFormLayout, type FormLayout } from './form-layout';

/**
 * Form layouts change only when a form is published, so they are cached per process. A write names the
 * form version it validated against; when that is newer than the cached layout (another process
 * published), the layout is reloaded before the write, so new fields always reach their slots.
 */
export interface LayoutCache {
  get(app: string, form: string, atLeastVersion?: number): Promise<FormLayout>;
  invalidate(app: string, form: string): void;
}

export function createLayoutCache(db: Kysely<any>): LayoutCache {
  const cache = new Map<string, Promise<FormLayout | null>>();
  const keyOf = (app: string, form: string) => JSON.stringify([app, form]);
  const load = (app: string, form: string) => {
    const pending = loadFormLayout(db, app, form);
    cache.set(keyOf(app, form), pending);
    pending.then((layout) => { if (!layout) cache.delete(keyOf(app, form)); }, () => cache.delete(keyOf(app, form)));
    return pending;
  };
  return {
    async get(app, form, atLeastVersion) {
      let layout = await (cache.get(keyOf(app, form)) ?? load(app, form));
      if (layout && atLeastVersion !== undefined && layout.publishedVersion < atLeastVersion) layout = await load(app, form);
      if (!layout) throw new StoreError('ERR_NOT_PUBLISHED', `form ${app}/${form} has no published version`, { params: { app, form } });
      return layout;
    },
    invalidate(app, form) {
      cache.delete(keyOf(app, form));
    },
  };
}
