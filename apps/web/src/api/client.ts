import type { Locale } from '@tangram/schema';
import { ApiError, CLIENT_ERROR_CODES, parseProblem } from './api-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClient {
  readonly request: <T>(method: HttpMethod, path: string, body?: unknown) => Promise<T>;
  readonly get: <T>(path: string) => Promise<T>;
  readonly post: <T>(path: string, body?: unknown) => Promise<T>;
}

export interface ApiClientOptions {
  /** Read on every call, so a language switch applies to the next request without rebuilding the client. */
  readonly locale: () => Locale;
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError({ status: response.status, code: CLIENT_ERROR_CODES.badResponse });
  }
}

/**
 * fetch with the session cookie, JSON in and out, and every failure as an ApiError.
 * await createApiClient({ locale: () => 'en' }).get<AppSummary[]>('/api/apps')
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'accept-language': options.locale() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(baseUrl + path, {
        method,
        headers,
        credentials: 'include',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network });
    }
    const parsed = await readBody(response);
    if (!response.ok) throw parseProblem(response.status, parsed);
    return parsed as T;
  }

  return Object.freeze({
    request,
    get: <T,>(path: string) => request<T>('GET', path),
    post: <T,>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  });
}
