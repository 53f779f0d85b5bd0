/**
 * The published form a write is checked against. Published versions never change, so each one is
 * validated and frozen once per process and kept by app/form/version; only "which version is latest"
 * (its number, not its body) is asked of the store on every write, so a publish by another process is seen at once.
 */
import { validateForm, type FormDefinition } from '@tangram/schema';
import type { Store } from '@tangram/store';
import { ApiError } from '../errors';

export interface PublishedForm {
  readonly version: number;
  readonly definition: FormDefinition;
  readonly fieldKeys: readonly string[];
}

export interface PublishedForms {
  /** The latest published version; 409 ERR_NOT_PUBLISHED when there is none, 404 when the form is unknown. */
  latest(app: string, form: string): Promise<PublishedForm>;
  /** A given published version (records pin the version they were written with). */
  version(app: string, form: string, version: number): Promise<PublishedForm | null>;
}

const MAX_CACHED = 500;

export function createPublishedForms(store: Store): PublishedForms {
  const cache = new Map<string, PublishedForm>();

  function remember(app: string, form: string, version: number, body: unknown): PublishedForm {
    const key = `${app}/${form}/${version}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const validated = validateForm(body);
    // A stored published version that no longer validates is the server's problem, not the caller's.
    if (!validated.ok) throw new Error(`published form ${key} does not validate: ${JSON.stringify(validated.problems.slice(0, 3))}`);
    const entry: PublishedForm = Object.freeze({ version, definition: validated.value, fieldKeys: Object.freeze(validated.value.fields.map((f) => f.key)) });
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, entry);
    return entry;
  }

  const forms: PublishedForms = {
    async latest(app, form) {
      // Only the version number is read on every write; the body once per version and process.
      const version = await store.definitions.latestPublishedVersion(app, 'form', form);
      const published = version === null ? null : await forms.version(app, form, version);
      if (published) return published;
      const draft = await store.definitions.getDraft(app, 'form', form);
      throw new ApiError(draft ? 'ERR_NOT_PUBLISHED' : 'ERR_NOT_FOUND', { params: { app, form } });
    },
    async version(app, form, version) {
      const cached = cache.get(`${app}/${form}/${version}`);
      if (cached) return cached;
      const published = await store.definitions.getPublished(app, 'form', form, version);
      return published ? remember(app, form, published.version, published.body) : null;
    },
  };
  return forms;
}
