import type { FormDefinition, Locale, LocalizedText } from '@tangram/schema';
import { createApiClient, type HttpMethod } from '../api/client';

export interface ThankYou {
  readonly title?: LocalizedText;
  readonly message?: LocalizedText;
  readonly redirectUrl?: string;
}

/** `GET /api/public/forms/:token`: the form trimmed to its public fields. */
export interface PublicFormView {
  readonly form: FormDefinition;
  readonly thankYou: ThankYou;
}

export interface PublicFormSettings {
  readonly fields: readonly string[];
  readonly prefill: readonly string[];
  readonly ownerId: string | null;
  readonly orgUnitId: string | null;
  readonly thankYou: ThankYou;
  readonly duplicate: { readonly field: string; readonly days: number } | null;
  readonly rateLimitPerHour: number;
}

/** `GET|PUT /api/apps/:app/forms/:form/public`. */
export interface PublicFormAdmin {
  readonly enabled: boolean;
  readonly token: string | null;
  readonly link: string | null;
  readonly embed: string | null;
  readonly settings: PublicFormSettings;
}

/** The shared API client; the visitor's page has no session, so it is made per call with the page's language. */
const call = <T,>(locale: Locale, method: HttpMethod, path: string, body?: unknown): Promise<T> =>
  createApiClient({ locale: () => locale }).request<T>(method, path, body);

const seg = encodeURIComponent;

/** What a visitor's browser asks: no credentials are needed (the share token is the key). */
export const publicFormApi = Object.freeze({
  open: (locale: Locale, token: string) => call<PublicFormView>(locale, 'GET', `/api/public/forms/${seg(token)}`),
  submit: (locale: Locale, token: string, body: { data: Record<string, unknown>; params: Record<string, string>; website: string }) =>
    call<{ status: 'received'; thankYou: ThankYou }>(locale, 'POST', `/api/public/forms/${seg(token)}/submissions`, body),
});

/** The designer's side: settings, token rotation and the QR images' addresses. */
export function publicFormAdminApi(locale: Locale, app: string, form: string) {
  const base = `/api/apps/${seg(app)}/forms/${seg(form)}/public`;
  return Object.freeze({
    get: () => call<PublicFormAdmin>(locale, 'GET', base),
    save: (body: PublicFormSettings & { enabled: boolean }) => call<PublicFormAdmin>(locale, 'PUT', base, body),
    rotate: () => call<PublicFormAdmin>(locale, 'POST', `${base}/token`),
    /** Choices for the owner and org unit (users are listed for administrators only; others get none). */
    people: () => call<{ items: readonly { id: string; name: string; email: string }[] }>(locale, 'GET', '/api/users').catch(() => ({ items: [] })),
    orgUnits: () => call<{ items: readonly { id: string; name: LocalizedText }[] }>(locale, 'GET', '/api/org-units').catch(() => ({ items: [] })),
    qrPng: `${base}/qr.png`,
    qrSvg: `${base}/qr.svg`,
  });
}
