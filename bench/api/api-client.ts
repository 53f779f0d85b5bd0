import { Pool } from 'undici';

/**
 * A keep-alive connection pool to the server under test, with a JSON helper that fails loudly (status,
 * problem code and body) on anything but 2xx: a benchmark that counts errors as throughput lies.
 */
export interface ApiClient {
  readonly pool: Pool;
  json<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown, token?: string): Promise<T>;
  close(): Promise<void>;
}

export function createApiClient(baseUrl: string, connections: number): ApiClient {
  const pool = new Pool(baseUrl, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  return {
    pool,
    async json<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown, token?: string): Promise<T> {
      const response = await pool.request({
        method,
        path,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.body.text();
      if (response.statusCode < 200 || response.statusCode >= 300) {
        throw new Error(`${method} ${path} answered ${response.statusCode}: ${text.slice(0, 500)}`);
      }
      return (text ? JSON.parse(text) : undefined) as T;
    },
    close: () => pool.close(),
  };
}
