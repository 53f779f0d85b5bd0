import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { createApiClient } from './client';

interface Sent { url: string; init: RequestInit }

function fakeFetch(respond: (sent: Sent) => Response | Promise<Response>) {
  const calls: Sent[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const sent = { url, init };
    calls.push(sent);
    return respond(sent);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const problemJson = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json; charset=utf-8' } });

describe('createApiClient', () => {
  it('sends JSON with the session cookie and the current language', async () => {
    let locale: 'zh-CN' | 'en' = 'zh-CN';
    const { fetch, calls } = fakeFetch(() => Response.json({ ok: true }));
    const api = createApiClient({ locale: () => locale, fetch });
    expect(await api.post('/api/auth/login', { email: 'a@b.c', password: 'x' })).toEqual({ ok: true });
    locale = 'en';
    await api.get('/api/apps');

    const [login, apps] = calls;
    expect(login?.init.credentials).toBe('include');
    expect(login?.init.method).toBe('POST');
    expect(login?.init.body).toBe('{"email":"a@b.c","password":"x"}');
    expect((login?.init.headers as Record<string, string>)['accept-language']).toBe('zh-CN');
    expect((login?.init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect((apps?.init.headers as Record<string, string>)['accept-language']).toBe('en');
    expect(apps?.init.body).toBeUndefined();
  });

  it('answers an empty 204 with undefined', async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 204 }));
    expect(await createApiClient({ locale: () => 'en', fetch }).post('/api/auth/logout')).toBeUndefined();
  });

  it('turns problem+json into an ApiError with code, status, detail and located problems', async () => {
    const { fetch } = fakeFetch(() =>
      problemJson(400, {
        type: 'https://tangram.dev/problems/err-validation',
        title: 'Some values are invalid',
        status: 400,
        code: 'ERR_VALIDATION',
        detail: '/password: At least 8 characters',
        errors: [{ path: '/password', code: 'minLength', params: { limit: 8 }, message: 'At least 8 characters' }],
      }),
    );
    const error = await createApiClient({ locale: () => 'en', fetch }).post('/api/setup', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'ERR_VALIDATION',
      detail: '/password: At least 8 characters',
      errors: [{ path: '/password', code: 'minLength', params: { limit: 8 }, message: 'At least 8 characters' }],
    });
  });

  it('names failures that are not problem documents', async () => {
    const api = (respond: () => Response) => createApiClient({ locale: () => 'en', fetch: fakeFetch(respond).fetch });
    await expect(api(() => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })).get('/api/apps')).rejects.toMatchObject({
      status: 502,
      code: 'ERR_HTTP_502',
    });
    await expect(api(() => new Response('{not json', { status: 200, headers: { 'content-type': 'application/json' } })).get('/api/apps')).rejects.toMatchObject({
      code: 'ERR_BAD_RESPONSE',
    });
    const offline = createApiClient({ locale: () => 'en', fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch });
    await expect(offline.get('/api/apps')).rejects.toMatchObject({ status: 0, code: 'ERR_NETWORK' });
  });
});
