import { formatReport, planReport } from '@tangram/engine-report';
import type { ReportDefinition, ReportResult } from '@tangram/schema';
import type { FormAccess, RecordsRepository, Store } from '@tangram/store';
import { BENCH_APP_KEY, CUSTOMER_FORM, CUSTOMER_FORM_KEY } from '../lib/customer-form';
import type { CustomerRow } from '../lib/customer-generator';
import type { SqlRunner } from '../lib/sql-runner';
import { createdAt, FUNNEL_STAGES, type HistoryEvent } from './stage-history';

const SYSTEM = { userId: null, via: 'system' } as const;

export interface StoreSide {
  readonly store: Store;
  readonly records: RecordsRepository;
  readonly access: FormAccess;
  readonly formVersion: number;
  readonly adminId: string;
}

export async function setUpStoreSide(store: Store): Promise<StoreSide> {
  await store.definitions.createApp(SYSTEM, { schemaVersion: 1, key: BENCH_APP_KEY, name: { 'zh-CN': '基准测试', en: 'Benchmark' } });
  await store.definitions.saveDraft(SYSTEM, BENCH_APP_KEY, 'form', CUSTOMER_FORM_KEY, CUSTOMER_FORM);
  const published = await store.definitions.publish(SYSTEM, BENCH_APP_KEY, 'form', CUSTOMER_FORM_KEY, 'benchmark');
  const admin = await store.identity.createUser({ email: 'bench-admin@example.com', name: 'Bench admin', passwordHash: 'not-used', locale: 'zh-CN', isAdmin: true });
  const access = await store.identity.resolveAccess(admin, BENCH_APP_KEY, CUSTOMER_FORM_KEY);
  return { store, records: store.records(BENCH_APP_KEY, CUSTOMER_FORM_KEY), access, formVersion: published.version, adminId: admin.id };
}

/**
 * Creates the leads through the store (record, document, created event, outbox entry), then dates each
 * created event on the lead's created day with the lead at "new", as if it had been entered then.
 * Returns the new record ids in stream order.
 */
export async function insertStoreLeads(side: StoreSide, run: SqlRunner, rows: readonly CustomerRow[]): Promise<string[]> {
  const views = await side.records.createMany(SYSTEM, side.access, side.formVersion, rows.map((data) => ({ data })));
  const ids = views.map((v) => v.id);
  await run(`update record_events e set at = t.at, diff = jsonb_set(e.diff, '{stage}', to_jsonb($1::text))
    from unnest($2::bigint[], $3::timestamptz[]) as t(id, at)
    where e.record_id = t.id and e.kind = 'created'`, [FUNNEL_STAGES[0], ids, rows.map((r) => new Date(createdAt(r)).toISOString())]);
  return ids;
}

/** History as the store journals updates: one `updated` event per change, its diff `{field: [before, after]}`. */
export async function insertStoreEvents(run: SqlRunner, formId: number, events: readonly HistoryEvent[], ids: readonly string[]): Promise<void> {
  await run(`insert into record_events (record_id, form_id, kind, actor_id, via, diff, at)
    select t.id, $1::int, 'updated', null, 'system', jsonb_build_object(t.field, jsonb_build_array(t.before, t.after)), t.at
    from unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) as t(id, field, before, after, at)`,
  [formId, events.map((e) => ids[e.lead]), events.map((e) => e.field), events.map((e) => e.before), events.map((e) => e.after), events.map((e) => e.at)]);
}

const base = { schemaVersion: 1, source: { form: CUSTOMER_FORM_KEY } } as const;

/** The benchmark's reports, as a designer would define them. */
export const REPORTS = {
  byChannel: { ...base, key: 'by_channel', dimensions: [{ field: 'channel' }], measures: [{ key: 'n', fn: 'count' }, { key: 'budget', fn: 'sum', field: 'budget' }], chart: { kind: 'bar' } },
  storeStage: { ...base, key: 'store_stage', dimensions: [{ field: 'store' }, { field: 'stage' }], measures: [{ key: 'n', fn: 'count' }], chart: { kind: 'pivot' } },
  monthly: { ...base, key: 'monthly', dimensions: [{ key: 'month', field: 'created', bucket: 'month' }], measures: [{ key: 'n', fn: 'count' }, { key: 'budget', fn: 'sum', field: 'budget' }], chart: { kind: 'line' } },
  funnel: { ...base, key: 'funnel', source: { form: CUSTOMER_FORM_KEY, funnel: { field: 'stage', stages: FUNNEL_STAGES } }, dimensions: [], measures: [], chart: { kind: 'funnel' } },
} satisfies Record<string, ReportDefinition>;

/** Two more charts for the dashboard: this month against the last, and the top ten salespeople by deals won. */
export const DASHBOARD_EXTRAS = {
  kpi: { ...base, key: 'kpi', dimensions: [], measures: [{ key: 'n', fn: 'count', compare: 'previousPeriod' }], chart: { kind: 'kpi' } },
  leaders: {
    ...base, key: 'leaders', dimensions: [{ field: 'owner' }], filter: { '==': [{ var: 'stage' }, 'won'] },
    measures: [{ key: 'won', fn: 'count' }, { key: 'budget', fn: 'sum', field: 'budget' }], sort: [{ key: 'won', dir: 'desc' }], limit: 10, others: true, chart: { kind: 'leaderboard' },
  },
} satisfies Record<string, ReportDefinition>;

/** What the server does for one report, minus HTTP: plan (engine-report), one statement (store), format. */
export async function runStoreReport(side: StoreSide, report: ReportDefinition, options: { readonly rollups?: boolean } = {}): Promise<ReportResult> {
  const planned = planReport({ report }, { form: CUSTOMER_FORM, hiddenFields: side.access.hiddenFields, orgUnits: [] });
  if (!planned.ok) throw new Error(`report ${report.key} does not plan: ${JSON.stringify(planned.problems)}`);
  const rows = await side.store.reports(BENCH_APP_KEY, CUSTOMER_FORM_KEY).run(side.access, planned.value.query, options);
  return formatReport(planned.value, rows);
}
