import type { FileRef, Locale, LocalizedText, RecordView, RelatedRecords } from '@tangram/schema';
import { ApiError, CLIENT_ERROR_CODES, parseProblem } from '../api/api-error';
import { createApiClient } from '../api/client';
import type { RecordEventView } from './records-api';

export interface OrgUnitName { readonly id: string; readonly name: LocalizedText }

const seg = encodeURIComponent;
/** Timeline entries per page. */
const TIMELINE_PAGE = 30;

/**
 * Uploads one file with progress (fetch cannot report upload progress; XMLHttpRequest can).
 * Resolves with the FileRef to put in the record; rejects with an ApiError.
 */
function uploadWithProgress(url: string, locale: Locale, file: File, onProgress: (fraction: number) => void): Promise<FileRef> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('accept-language', locale);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network }));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        return reject(new ApiError({ status: xhr.status, code: CLIENT_ERROR_CODES.badResponse }));
      }
      if (xhr.status !== 201) return reject(parseProblem(xhr.status, body));
      const { id, name, size, mime } = body as FileRef;
      resolve({ id, name, size, mime });
    };
    const data = new FormData();
    data.append('file', file, file.name);
    xhr.send(data);
  });
}

/** The record page's own calls beside the record routes (docs/api.md: comments, related, files, org units). */
export function createRecord360Api(locale: () => Locale, app: string, form: string) {
  const client = createApiClient({ locale });
  const base = `/api/apps/${seg(app)}/forms/${seg(form)}`;
  return Object.freeze({
    /** A page of the record's history, newest first; pass `nextBefore` back for the older ones. */
    timeline: (id: string, before?: string | null) =>
      client.get<{ items: readonly RecordEventView[]; nextBefore: string | null }>(`${base}/records/${seg(id)}/events?limit=${TIMELINE_PAGE}${before ? `&before=${seg(before)}` : ''}`),
    related: (id: string) => client.get<RelatedRecords>(`${base}/records/${seg(id)}/related`),
    comment: (id: string, text: string) => client.post<RecordEventView>(`${base}/records/${seg(id)}/comments`, { text }),
    changeOwner: (id: string, version: number, ownerId: string) => client.request<RecordView>('PATCH', `${base}/records/${seg(id)}`, { version, data: {}, ownerId }),
    orgUnits: async () => (await client.get<{ items: readonly OrgUnitName[] }>('/api/org-units')).items,
    upload: (field: string, file: File, onProgress: (fraction: number) => void) =>
      uploadWithProgress(`${base}/files?field=${seg(field)}`, locale(), file, onProgress),
  });
}

export type Record360Api = ReturnType<typeof createRecord360Api>;

export const fileUrl = (id: string) => `/api/files/${seg(id)}`;
export const thumbnailUrl = (id: string) => `/api/files/${seg(id)}/thumbnail`;
