import type { DefinitionStatus, Locale, LocalizedText, User } from '@tangram/schema';
import type { ApiClient } from './client';

/** One entry of `GET /api/apps`. */
export interface AppSummary {
  readonly id: string;
  readonly key: string;
  readonly name: LocalizedText;
  readonly description?: LocalizedText;
  readonly icon?: string;
  readonly color?: string;
}

/** One entry of `GET /api/apps/:app/forms`: the shell only needs the name and where it stands. */
export interface FormSummary {
  readonly key: string;
  readonly status: DefinitionStatus;
  readonly version: number;
  readonly body: { readonly name: LocalizedText };
}

export type CurrentUser = Pick<User, 'id' | 'email' | 'name'> & Partial<Pick<User, 'locale' | 'isAdmin'>>;

export interface SetupInput {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly locale: Locale;
}

export interface LoginInput {
  readonly email: string;
  readonly password: string;
}

/** Some endpoints answer `{ user }`, some the user itself; the shell accepts either. */
function unwrapUser(body: unknown): CurrentUser {
  if (body && typeof body === 'object' && 'user' in body) return (body as { user: CurrentUser }).user;
  return body as CurrentUser;
}

/** Lists may come bare or as `{ items }`. */
function unwrapList<T>(body: unknown): readonly T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)) return (body as { items: T[] }).items;
  return [];
}

const segment = encodeURIComponent;

export function createEndpoints(api: ApiClient) {
  return Object.freeze({
    setupStatus: () => api.get<{ needed: boolean }>('/api/setup'),
    setup: async (input: SetupInput) => unwrapUser(await api.post('/api/setup', input)),
    login: async (input: LoginInput) => unwrapUser(await api.post('/api/auth/login', input)),
    logout: () => api.post<void>('/api/auth/logout'),
    me: async () => unwrapUser(await api.get('/api/auth/me')),
    listApps: async () => unwrapList<AppSummary>(await api.get('/api/apps')),
    listForms: async (app: string) => unwrapList<FormSummary>(await api.get(`/api/apps/${segment(app)}/forms`)),
  });
}

export type Endpoints = ReturnType<typeof createEndpoints>;
