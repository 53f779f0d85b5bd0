import type { DefinitionVersion, FormDefinition, JsonLogic, Locale, Page, RecordView } from '@tangram/schema';
import { ApiError, CLIENT_ERROR_CODES, parseProblem } from '../api/api-error';

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

  constructor(base: ApiError, body: unknown) {
    super({ status: base.status, code: base.code, ...(base.detail ? { detail: base.detail } : {}), params: base.params, errors: base.errors });
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
  readonly kind: 'created' | 'updated' | 'deleted' | 'restored' | 'resubmitted';
  readonly actorId: string | null;
  readonly via?: string;
  readonly diff: Readonly<Record<string, readonly [unknown, unknown]>>;
  readonly at: string;
}

export interface FormAccess {
  readonly actions: readonly string[];
  readonly hiddenFields: readonly string[];
  readonly readOnlyFields: readonly string[];
}

export interface ListQuery {
  readonly filter?: JsonLogic | undefined;
  readonly sort?: string | undefined;
  readonly limit?: number;
  readonly cursor?: string | null | undefined;
}

export interface WriteBody {
  readonly data: Readonly<Record<string, unknown>>;
  readonly confirmedWarnings?: readonly string[];
}

async function call<T>(locale: () => Locale, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'accept-language': locale() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'include', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    if (response.ok) throw new ApiError({ status: response.status, code: CLIENT_ERROR_CODES.badResponse });
  }
  if (!response.ok) throw new RecordWriteError(parseProblem(response.status, parsed), parsed);
  return parsed as T;
}

const seg = encodeURIComponent;

/**
 * The record routes of one form (docs/api.md, "Records"). Kept beside the workspace because a refused
 * write carries more than an ApiError: the warn checks to confirm and the current version on a conflict.
 */
export function createRecordsApi(locale: () => Locale, app: string, form: string) {
  const base = `/api/apps/${seg(app)}/forms/${seg(form)}`;
  return Object.freeze({
    latestForm: () => call<DefinitionVersion<FormDefinition>>(locale, 'GET', `${base}/versions/latest`),
    access: () => call<FormAccess>(locale, 'GET', `${base}/access`),
    list: (query: ListQuery) => {
      const params = new URLSearchParams();
      if (query.filter !== undefined) params.set('filter', JSON.stringify(query.filter));
      if (query.sort) params.set('sort', query.sort);
      params.set('limit', String(query.limit ?? 50));
      if (query.cursor) params.set('cursor', query.cursor);
      return call<Page<RecordView>>(locale, 'GET', `${base}/records?${params.toString()}`);
    },
    get: (id: string) => call<RecordView>(locale, 'GET', `${base}/records/${seg(id)}`),
    events: (id: string) => call<{ items: readonly RecordEventView[] }>(locale, 'GET', `${base}/records/${seg(id)}/events`),
    create: (body: WriteBody) => call<RecordView>(locale, 'POST', `${base}/records`, body),
    update: (id: string, version: number, body: WriteBody) => call<RecordView>(locale, 'PATCH', `${base}/records/${seg(id)}`, { version, ...body }),
    remove: (id: string, version: number) => call<void>(locale, 'DELETE', `${base}/records/${seg(id)}?version=${version}`),
  });
}

export type RecordsApi = ReturnType<typeof createRecordsApi>;

