/**
 * The import and export endpoints as the wizard calls them. Uploads go as multipart (the JSON client
 * cannot carry a file); everything else is JSON. Downloads are plain links: the session cookie goes along.
 */
import type { Field, JsonLogic, LocalizedText } from '@tangram/schema';
import { ApiError, CLIENT_ERROR_CODES, parseProblem } from '../api/api-error';

export type OnDuplicate = 'skip' | 'update' | 'create';
export type Mapping = Readonly<Record<string, string | null>>;

export interface SheetColumn { readonly index: number; readonly label: string; readonly group?: string }
export interface ImportProgress { readonly total: number; readonly processed: number; readonly created: number; readonly updated: number; readonly skipped: number; readonly rejected: number }

export interface ImportJob {
  readonly id: string;
  readonly status: 'draft' | 'queued' | 'running' | 'done' | 'failed';
  readonly fileName: string;
  readonly totalRows: number;
  readonly columns: readonly SheetColumn[];
  readonly mapping: Mapping;
  readonly matchField: string | null;
  readonly progress: ImportProgress;
  readonly error: string | null;
}

export interface PreviewProblem { readonly column: number | null; readonly field: string | null; readonly code: string; readonly message: string }
export interface PreviewRow { readonly row: number; readonly cells: readonly unknown[]; readonly problems: readonly PreviewProblem[] }

export interface UploadedImport extends ImportJob {
  readonly fields: readonly { readonly key: string; readonly kind: Field['kind']; readonly label: LocalizedText; readonly required: boolean; readonly unique: boolean }[];
  readonly preview: readonly PreviewRow[];
}

const seg = encodeURIComponent;

export function createImportApi(locale: () => string, app: string, form: string) {
  const base = `/api/apps/${seg(app)}/forms/${seg(form)}`;
  const send = async <T,>(method: string, path: string, body?: BodyInit, json = true): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        credentials: 'include',
        headers: { accept: 'application/json, application/problem+json', 'accept-language': locale(), ...(json && body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body } : {}),
      });
    } catch {
      throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiError({ status: response.status, code: CLIENT_ERROR_CODES.badResponse });
    }
    if (!response.ok) throw parseProblem(response.status, parsed);
    return parsed as T;
  };
  return Object.freeze({
    upload(file: File): Promise<UploadedImport> {
      const data = new FormData();
      data.append('file', file, file.name);
      return send('POST', `${base}/imports`, data, false);
    },
    /** The caller's actions in the form (import and export buttons follow them). */
    access: () => send<{ actions: readonly string[] }>('GET', `${base}/access`),
    job: (id: string) => send<ImportJob>('GET', `${base}/imports/${seg(id)}`),
    preview: (id: string, mapping: Mapping) => send<{ preview: PreviewRow[] }>('POST', `${base}/imports/${seg(id)}/preview`, JSON.stringify({ mapping })),
    start: (id: string, mapping: Mapping, onDuplicate: OnDuplicate, matchField: string | null) =>
      send<ImportJob>('POST', `${base}/imports/${seg(id)}/start`, JSON.stringify({ mapping, onDuplicate, matchField })),
    rejectsUrl: (id: string) => `${base}/imports/${seg(id)}/rejects`,
  });
}

export type ImportApi = ReturnType<typeof createImportApi>;

/** The address of an export of the current view (filter, sort and the columns shown). */
export function exportUrl(app: string, form: string, format: 'xlsx' | 'csv', view: { filter?: JsonLogic | undefined; sort?: string | undefined; columns?: readonly string[] }): string {
  const query = new URLSearchParams({ format });
  if (view.filter) query.set('filter', JSON.stringify(view.filter));
  if (view.sort) query.set('sort', view.sort);
  if (view.columns && view.columns.length > 0) query.set('columns', view.columns.join(','));
  return `/api/apps/${seg(app)}/forms/${seg(form)}/records/export?${query.toString()}`;
}
