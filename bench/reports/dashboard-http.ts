import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildApp } from '@tangram/server';
import type { ReportDefinition, ReportFilterValues } from '@tangram/schema';
import { summarize, type Summary } from '../lib/stats';
import { BENCH_APP_KEY, CUSTOMER_FORM_KEY } from '../lib/customer-form';
import { throwIfInterrupted } from '../lib/output';
import { timeOnce } from '../lib/compare-timings';
import type { StoreSide } from './store-side';

export interface DashboardFigures {
  /** The very first refresh: makes and fills the roll-ups the charts did not have yet. */
  readonly firstMs: number;
  /** Six charts requested at once, as the dashboard page does, each computed (the result cache emptied first). */
  readonly computed: Summary;
  /** The same six answered from the report cache (a refresh with no change in between). */
  readonly cached: Summary;
}

/**
 * A 6-chart dashboard end to end over HTTP: a real server on a real port, an API token, six
 * `POST /reports/run` at once, timed until the last answer is parsed.
 */
export async function timeDashboard(side: StoreSide, charts: readonly ReportDefinition[], filters: ReportFilterValues, runs: number): Promise<DashboardFigures> {
  const app = await buildApp({ store: side.store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const { port } = app.server.address() as AddressInfo;
    const token = `tgt_${randomBytes(32).toString('base64url')}`;
    await side.store.identity.createApiToken(side.adminId, 'bench dashboard', createHash('sha256').update(token).digest('hex'));
    const url = `http://127.0.0.1:${port}/api/apps/${BENCH_APP_KEY}/reports/run`;
    const refresh = () => Promise.all(charts.map(async (report) => {
      const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ report, filters }) });
      if (res.status !== 200) throw new Error(`report ${report.key}: ${res.status} ${await res.text()}`);
      return res.json();
    }));
    // A change notice for the form moves its data version: the next refresh computes every chart again.
    // The server hears the notice on the same channel as this listener, so once it arrived here the cache
    // has moved on; a fixed pause instead let a late notice land mid-refresh and spoil the cached timing.
    let heard: (() => void) | undefined;
    const stopListening = await side.store.listen((notice) => {
      if (notice.kind === 'records' && notice.app === BENCH_APP_KEY) heard?.();
    });
    const invalidate = async () => {
      const arrived = new Promise<void>((resolve) => { heard = resolve; });
      await side.store.publish({ kind: 'records', app: BENCH_APP_KEY, form: CUSTOMER_FORM_KEY, change: 'updated', records: null });
      await arrived;
    };
    const firstMs = await timeOnce(refresh);
    const computed: number[] = [];
    const cached: number[] = [];
    for (let i = 0; i < runs; i++) {
      throwIfInterrupted();
      await invalidate();
      computed.push(await timeOnce(refresh));
      cached.push(await timeOnce(refresh));
    }
    await stopListening();
    return { firstMs, computed: summarize(computed), cached: summarize(cached) };
  } finally {
    await app.close();
  }
}
