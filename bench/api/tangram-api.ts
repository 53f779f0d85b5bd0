import type { AppDefinition, FormDefinition } from '@tangram/schema';
import { BENCH_APP_KEY, CUSTOMER_FORM, CUSTOMER_FORM_KEY } from '../lib/customer-form';
import type { CustomerRow } from '../lib/customer-generator';
import type { ApiClient } from './api-client';

/** The few API calls the benchmark makes, in one place, shaped as the HTTP API documents them. */
export const RECORDS_PATH = `/api/apps/${BENCH_APP_KEY}/forms/${CUSTOMER_FORM_KEY}/records`;

/** Signs in as the configured admin and makes an API token, as an integrator would. */
export async function createApiToken(client: ApiClient, admin: { email: string; password: string }): Promise<string> {
  const session = await client.json<{ token: string }>('POST', '/api/auth/login', admin);
  const created = await client.json<{ token: string }>('POST', '/api/auth/tokens', { name: 'benchmark' }, session.token);
  return created.token;
}

/** Creates the app, saves the customer form as a draft and publishes it. */
export async function publishCustomerForm(client: ApiClient, token: string): Promise<void> {
  const app: AppDefinition = { schemaVersion: 1, key: BENCH_APP_KEY, name: { 'zh-CN': '基准测试', en: 'Benchmark' } };
  await client.json('POST', '/api/apps', app, token);
  const form: FormDefinition = CUSTOMER_FORM;
  await client.json('POST', `/api/apps/${BENCH_APP_KEY}/forms`, form, token);
  await client.json('POST', `/api/apps/${BENCH_APP_KEY}/forms/${CUSTOMER_FORM_KEY}/publish`, {}, token);
}

export function singleCreateBody(row: CustomerRow): string {
  return JSON.stringify({ data: row });
}

export function batchCreateBody(rows: readonly CustomerRow[]): string {
  return JSON.stringify({ records: rows.map((data) => ({ data })) });
}
