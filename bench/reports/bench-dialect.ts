import { createStoreFromHandle } from '@tangram/store';
import { compareTimings } from '../lib/compare-timings';
import { createCustomerGenerator } from '../lib/customer-generator';
import { openBenchDatabase } from '../lib/bench-database';
import { progress, throwIfInterrupted } from '../lib/output';
import { createSqlRunner } from '../lib/sql-runner';
import { mirrorStoreIndexes } from '../store/mirror-indexes';
import { TYPED_TABLE } from '../store/typed-table';
import { funnelRowsOf, reportsAgree } from './agreement';
import { timeDashboard, type DashboardFigures } from './dashboard-http';
import { createHistoryGenerator, FUNNEL_STAGES } from './stage-history';
import { DASHBOARD_EXTRAS, insertStoreEvents, insertStoreLeads, REPORTS, runStoreReport, setUpStoreSide } from './store-side';
import { createTypedTables, insertTypedEvents, insertTypedLeads, LEADS, TYPED_REPORT_SQL } from './typed-side';

export type DialectKey = 'pg' | 'pglite';

export interface ReportFigures {
  /** Computed from the records (no roll-up): the figure held against the hand-written SQL. */
  readonly storeMs: number;
  readonly sqlMs: number;
  readonly ratio: number;
  readonly storeP95Ms: number;
  readonly sqlP95Ms: number;
  readonly mismatch: string | null;
  /** Answered from its roll-up: the first call makes and fills it, the median is over `runs` after. */
  readonly rollup: { readonly fillMs: number; readonly medianMs: number; readonly p95Ms: number; readonly mismatch: string | null };
}

export interface DialectFigures {
  readonly reports: Readonly<Record<keyof typeof REPORTS, ReportFigures>>;
  readonly events: number;
  readonly meetsGoal: boolean;
  readonly dashboard?: DashboardFigures & { readonly meetsGoal: boolean };
}

export interface BenchOptions { readonly size: number; readonly eventsPerRecord: number; readonly runs: number; readonly warmupRuns: number; readonly dashboardRuns: number }

const BATCH = 1000;


export async function benchDialect(dialect: DialectKey, options: BenchOptions): Promise<DialectFigures> {
  const { handle, cleanUp } = await openBenchDatabase(dialect, 'bench_reports');
  try {
    const run = createSqlRunner(handle);
    const store = createStoreFromHandle(handle);
    await store.migrate();
    const side = await setUpStoreSide(store);
    const mirrored = await mirrorStoreIndexes(run, side.access.app, side.access.form);
    await createTypedTables(run, mirrored.statements.map((s) => s.replaceAll(TYPED_TABLE, LEADS)));

    const leads = createCustomerGenerator();
    const history = createHistoryGenerator(options.eventsPerRecord);
    let events = 0;
    const started = performance.now();
    for (let done = 0; done < options.size;) {
      throwIfInterrupted();
      const rows = leads.take(Math.min(BATCH, options.size - done));
      const ids = await insertStoreLeads(side, run, rows);
      await insertTypedLeads(run, rows, ids);
      const updates = history.updates(rows, 0);
      await insertStoreEvents(run, mirrored.formId, updates, ids);
      await insertTypedEvents(run, updates, ids);
      events += rows.length + updates.length;
      done += rows.length;
      if ((done / BATCH) % 50 === 0 || done === options.size) progress(`${dialect}: seeded ${done.toLocaleString('en')} leads, ${events.toLocaleString('en')} events (${Math.round((performance.now() - started) / 1000)} s)`);
    }
    progress(`${dialect}: vacuum analyze`);
    await run('vacuum analyze');

    const timing = { runs: options.runs, warmupRuns: options.warmupRuns };
    const sqlOf = (name: keyof typeof REPORTS) => () => run(TYPED_REPORT_SQL[name], name === 'funnel' ? [FUNNEL_STAGES] : []);
    const figures = {} as Record<keyof typeof REPORTS, ReportFigures>;
    const computedOnly = { rollups: false } as const;
    for (const name of Object.keys(REPORTS) as (keyof typeof REPORTS)[]) {
      progress(`${dialect}: ${name}`);
      const theirs = await sqlOf(name)();
      const agree = (mine: Awaited<ReturnType<typeof runStoreReport>>) => (name === 'funnel'
        ? reportsAgree(mine, funnelRowsOf(theirs[0], FUNNEL_STAGES), ['stage', 'reached', 'medianSeconds'])
        : reportsAgree(mine, theirs, Object.keys(theirs[0] ?? {})));
      const mismatch = agree(await runStoreReport(side, REPORTS[name], computedOnly));
      const t = await compareTimings(() => runStoreReport(side, REPORTS[name], computedOnly), sqlOf(name), timing);
      const fillStarted = performance.now();
      const rolledMismatch = agree(await runStoreReport(side, REPORTS[name]));
      const fillMs = Math.round((performance.now() - fillStarted) * 1000) / 1000;
      const rolled = await compareTimings(() => runStoreReport(side, REPORTS[name]), sqlOf(name), timing);
      figures[name] = {
        storeMs: t.store.medianMs, sqlMs: t.sql.medianMs, ratio: t.ratio, storeP95Ms: t.store.p95Ms, sqlP95Ms: t.sql.p95Ms, mismatch,
        rollup: { fillMs, medianMs: rolled.store.medianMs, p95Ms: rolled.store.p95Ms, mismatch: rolledMismatch },
      };
      progress(`${dialect}: ${name.padEnd(10)} store ${t.store.medianMs} ms | sql ${t.sql.medianMs} ms | ratio ${t.ratio}${t.ratio > 1.5 ? '  MISSES the 1.5x goal' : ''}${mismatch ? `  ANSWERS DIFFER: ${mismatch}` : ''}`
        + ` | roll-up ${rolled.store.medianMs} ms (filled in ${fillMs} ms)${rolledMismatch ? `  ROLL-UP ANSWERS DIFFER: ${rolledMismatch}` : ''}`);
    }
    const meetsGoal = Object.values(figures).every((f) => f.ratio <= 1.5 && f.mismatch === null && f.rollup.mismatch === null);
    if (dialect !== 'pg') return { reports: figures, events, meetsGoal };

    progress(`${dialect}: 6-chart dashboard over HTTP`);
    const charts = [REPORTS.byChannel, REPORTS.storeStage, REPORTS.monthly, REPORTS.funnel, DASHBOARD_EXTRAS.kpi, DASHBOARD_EXTRAS.leaders];
    const dashboard = await timeDashboard(side, charts, { dateRange: { field: 'created', from: '2024-11-01', to: '2026-10-31' } }, options.dashboardRuns);
    progress(`${dialect}: dashboard computed ${dashboard.computed.medianMs} ms (p95 ${dashboard.computed.p95Ms}) | from the cache ${dashboard.cached.medianMs} ms`);
    return { reports: figures, events, meetsGoal, dashboard: { ...dashboard, meetsGoal: dashboard.computed.medianMs < 500 } };
  } finally {
    await cleanUp();
  }
}

