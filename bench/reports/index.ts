/**
 * `pnpm bench reports [--quick] [--size N] [--events-per-record N] [--runs N] [--warmup N] [--dialect pg|pglite|both]`
 *
 * Seeds leads through the store (1,000,000; --quick 50,000) with a stage history of 5 events per lead
 * on average, and the same rows into hand-written typed tables with the same indexes; then times four
 * reports both ways — count and sum by channel, a store x stage pivot, a monthly trend over two years,
 * a 6-stage funnel from the events — checking that both give the same answer. On PostgreSQL it also times
 * a 6-chart dashboard end to end over HTTP (computed, and from the result cache).
 * Last stdout line: {"pg":{"reports":{"byChannel":{"storeMs","sqlMs","ratio",…},…},"dashboard":{…}},"pglite":{…},…}
 */
import { intOption, parseArgs } from '../lib/args';
import { busyWarning, startMachineNote } from '../lib/machine';
import { emitFigures, progress, runMain } from '../lib/output';
import { benchDialect, type DialectFigures, type DialectKey } from './bench-dialect';

const DIALECT_CHOICES: Readonly<Record<string, readonly DialectKey[]>> = { both: ['pg', 'pglite'], pg: ['pg'], pglite: ['pglite'] };

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), ['size', 'events-per-record', 'runs', 'warmup', 'dialect', 'dashboard-runs']);
  const size = intOption(args, 'size', args.quick ? 50_000 : 1_000_000);
  const eventsPerRecord = intOption(args, 'events-per-record', 5);
  const runs = intOption(args, 'runs', args.quick ? 10 : 15);
  const warmupRuns = intOption(args, 'warmup', 2);
  const dashboardRuns = intOption(args, 'dashboard-runs', 10);
  const choice = args.values.get('dialect') ?? 'both';
  const dialects = DIALECT_CHOICES[choice];
  if (!dialects) throw new Error(`--dialect must be one of ${Object.keys(DIALECT_CHOICES).join(', ')}, got "${choice}"`);
  const machine = startMachineNote();
  const busy = busyWarning();
  if (busy) progress(busy);
  const figures: Partial<Record<DialectKey, DialectFigures>> = {};
  for (const dialect of dialects) {
    progress(`${dialect}: ${size.toLocaleString('en')} leads, ~${eventsPerRecord} events each, ${runs} timed runs after ${warmupRuns} warm-up runs`);
    figures[dialect] = await benchDialect(dialect, { size, eventsPerRecord, runs, warmupRuns, dashboardRuns });
  }
  emitFigures({ ...figures, records: size, runs, goal: { ratioAtMedian: 1.5, dashboardMs: 500 }, machine: machine() });
});
