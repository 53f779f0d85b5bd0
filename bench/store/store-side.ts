import type { AggregateQuery, FormAccess, ListQuery, RecordsRepository, Store } from '@tangram/store';
import type { Page, RecordView } from '@tangram/schema';
import { BENCH_APP_KEY, CUSTOMER_FORM, CUSTOMER_FORM_KEY } from '../lib/customer-form';
import type { CustomerRow } from '../lib/customer-generator';
import type { ListFilter } from './typed-table';

/** The store side: the customer form published through the definitions API, read with an admin's access. */
export interface StoreSide {
  readonly records: RecordsRepository;
  readonly access: FormAccess;
  readonly formVersion: number;
}

const SYSTEM = { userId: null, via: 'system' } as const;

export async function setUpStoreSide(store: Store): Promise<StoreSide> {
  await store.definitions.createApp(SYSTEM, { schemaVersion: 1, key: BENCH_APP_KEY, name: { 'zh-CN': '基准测试', en: 'Benchmark' } });
  await store.definitions.saveDraft(SYSTEM, BENCH_APP_KEY, 'form', CUSTOMER_FORM_KEY, CUSTOMER_FORM);
  const published = await store.definitions.publish(SYSTEM, BENCH_APP_KEY, 'form', CUSTOMER_FORM_KEY, 'benchmark');
  const admin = await store.identity.createUser({ email: 'bench-admin@example.com', name: 'Bench admin', passwordHash: 'not-used', locale: 'zh-CN', isAdmin: true });
  const access = await store.identity.resolveAccess(admin, BENCH_APP_KEY, CUSTOMER_FORM_KEY);
  return { records: store.records(BENCH_APP_KEY, CUSTOMER_FORM_KEY), access, formVersion: published.version };
}

export async function insertStoreRows(side: StoreSide, rows: readonly CustomerRow[]): Promise<void> {
  await side.records.createMany(SYSTEM, side.access, side.formVersion, rows.map((data) => ({ data })));
}

export function storeListQuery(filter: ListFilter, cursor?: string): ListQuery {
  return {
    filter: { and: [{ '==': [{ var: 'channel' }, filter.channel] }, { '>': [{ var: 'budget' }, filter.minBudget] }] },
    sort: [{ field: 'created', direction: 'desc' }],
    limit: 50,
    ...(cursor ? { cursor } : {}),
  };
}

export const STORE_AGGREGATE: AggregateQuery = {
  groupBy: [{ field: 'channel' }],
  measures: [{ fn: 'count', as: 'count' }, { fn: 'sum', field: 'budget', as: 'budget' }],
};

export function storeList(side: StoreSide, filter: ListFilter, cursor?: string): Promise<Page<RecordView>> {
  return side.records.list(side.access, storeListQuery(filter, cursor));
}

export function storeAggregate(side: StoreSide): Promise<readonly Record<string, unknown>[]> {
  return side.records.aggregate(side.access, STORE_AGGREGATE);
}
