import type { DefinitionVersion, FormDefinition, JsonLogic, Locale, LocalizedText, Page, RecordView, ViewSettings } from '@tangram/schema';
import { ApiError } from '../api/api-error';
import { createApiClient, type HttpMethod } from '../api/client';

/** A warn check the server wants confirmed, as the 422 answer lists it (message already in the caller's language). */
export interface ServerWarning {
  readonly checkId: string;
  readonly path: string;
  readonly message: string;
  readonly fields: readonly string[];
}

/** A refused write: the ApiError plus the warn checks awaiting confirmation and, on 409, the current version. */
export class RecordWriteError extends ApiError {
  readonly warnings: readonly ServerWarning[];
  readonly currentVersion: number | undefined;

  constructor(base: ApiError, body: unknown = base.body) {
    super({ status: base.status, code: base.code, ...(base.detail ? { detail: base.detail } : {}), params: base.params, errors: base.errors, body });
    const raw = body && typeof body === 'object' ? (body as { warnings?: unknown; currentVersion?: unknown }) : {};
    this.warnings = Object.freeze(
      Array.isArray(raw.warnings)
        ? raw.warnings
            .filter((w): w is Record<string, unknown> => Boolean(w) && typeof w === 'object')
            .map((w) => ({
              checkId: String(w.checkId ?? ''),
              path: String(w.path ?? ''),
              message: typeof w.message === 'string' ? w.message : String(w.checkId ?? ''),
              fields: Array.isArray(w.fields) ? w.fields.map(String) : [],
            }))
        : [],
    );
    const current = raw.currentVersion ?? base.params.currentVersion;
    this.currentVersion = typeof current === 'number' ? current : undefined;
  }
}

/** One entry of a record's history: who did what when, and field -> [before, after]. */
export interface RecordEventView {
  readonly id: string;
  readonly kind: 'created' | 'updated' | 'deleted' | 'restored' | 'resubmitted' | 'commented';
  readonly actorId: string | null;
  readonly via?: string;
  readonly diff: Readonly<Record<string, readonly [unknown, unknown]>>;
  /** The text of a `commented` event. */
  readonly comment?: string | null;
  readonly at: string;
}

export interface FormAccess {
  readonly actions: readonly string[];
  readonly hiddenFields: readonly string[];
  readonly readOnlyFields: readonly string[];
  /** field key -> values the caller may not write. */
  readonly deniedValues?: Readonly<Record<string, readonly unknown[]>>;
}

export interface ListQuery {
  readonly filter?: JsonLogic | undefined;
  readonly sort?: string | undefined;
  readonly limit?: number;
  readonly cursor?: string | null | undefined;
}

/** A colleague as `GET /api/people` names them. */
export interface Person { readonly id: string; readonly name: string }

export interface SavedView extends ViewSettings {
  readonly id: string;
  readonly name: LocalizedText;
  readonly shared: boolean;
  readonly ownerId: string;
  /** The caller saved it, so may change it. */
  readonly mine: boolean;
}

export interface WriteBody {
  readonly data: Readonly<Record<string, unknown>>;
  readonly confirmedWarnings?: readonly string[];
}

const seg = encodeURIComponent;

/**
 * The record routes of one form (docs/api.md, "Records"). A refused call is a RecordWriteError: an
 * ApiError that also knows the warn checks to confirm and, on a conflict, the current version.
 */
export function createRecordsApi(locale: () => Locale, app: string, form: string, options: { readonly fetch?: typeof fetch } = {}) {
  const client = createApiClient({ locale, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const call = async <T>(method: HttpMethod, path: string, body?: unknown): Promise<T> => {
    try {
      return await client.request<T>(method, path, body);
    } catch (error) {
      throw error instanceof ApiError ? new RecordWriteError(error) : error;
    }
  };
  const base = `/api/apps/${seg(app)}/forms/${seg(form)}`;
  return Object.freeze({
    latestForm: () => call<DefinitionVersion<FormDefinition>>('GET', `${base}/versions/latest`),
    access: () => call<FormAccess>('GET', `${base}/access`),
    list: (query: ListQuery) => {
      const params = new URLSearchParams();
      if (query.filter !== undefined) params.set('filter', JSON.stringify(query.filter));
      if (query.sort) params.set('sort', query.sort);
      params.set('limit', String(query.limit ?? 50));
      if (query.cursor) params.set('cursor', query.cursor);
      return call<Page<RecordView>>('GET', `${base}/records?${params.toString()}`);
    },
    get: (id: string) => call<RecordView>('GET', `${base}/records/${seg(id)}`),
    events: (id: string) => call<{ items: readonly RecordEventView[] }>('GET', `${base}/records/${seg(id)}/events`),
    create: (body: WriteBody) => call<RecordView>('POST', `${base}/records`, body),
    update: (id: string, version: number, body: WriteBody) => call<RecordView>('PATCH', `${base}/records/${seg(id)}`, { version, ...body }),
    remove: (id: string, version: number) => call<void>('DELETE', `${base}/records/${seg(id)}?version=${version}`),
    /** Sets fields on, or hands to `ownerId`, every visible record the filter matches; answers how many changed. */
    bulkUpdate: (filter: JsonLogic, change: { data?: Readonly<Record<string, unknown>>; ownerId?: string }) =>
      call<{ count: number }>('POST', `${base}/records/bulk-update`, { filter, ...change }),
    bulkDelete: (filter: JsonLogic) => call<{ count: number }>('POST', `${base}/records/bulk-delete`, { filter }),
    /** Active colleagues by name: whom rows can be handed to (the server checks `assign`). */
    people: async () => (await call<{ items: readonly Person[] }>('GET', '/api/people')).items,
    views: () => call<{ items: readonly SavedView[]; canShare: boolean }>('GET', `${base}/views`),
    saveView: (view: ViewSettings & { name: LocalizedText; shared: boolean }) => call<SavedView>('POST', `${base}/views`, view),
    changeView: (id: string, change: Partial<ViewSettings & { name: LocalizedText; shared: boolean }>) => call<SavedView>('PATCH', `${base}/views/${seg(id)}`, change),
    deleteView: (id: string) => call<void>('DELETE', `${base}/views/${seg(id)}`),
  });
}

export type RecordsApi = ReturnType<typeof createRecordsApi>;
