/**
 * `pnpm bench store [--quick] [--size N] [--runs N] [--warmup N] [--dialect pg|pglite|both]`
 *
 * Seeds one customer-list form through the store (createMany, 1,000 per call) and the same rows into a
 * hand-written typed table with the store's indexes, then times the same questions both ways:
 * a filtered, sorted list page with its total, its second page by cursor, and a GROUP BY with count and sum.
 * Runs on PostgreSQL (a fresh database on BENCH_DATABASE_URL) and on PGlite (a temp data dir).
 * Last stdout line: {"pg":{"list":{"storeMs","sqlMs","ratio",…},"aggregate":{…},"page2":{…},"seedRecordsPerSec"},"pglite":{…}}
 */
import { intOption, parseArgs } from '../lib/args';
import { busyWarning, startMachineNote } from '../lib/machine';
import { emitFigures, progress, runMain } from '../lib/output';
import { benchDialect, type DialectFigures, type DialectKey } from './bench-dialect';

const DIALECT_CHOICES: Readonly<Record<string, readonly DialectKey[]>> = { both: ['pg', 'pglite'], pg: ['pg'], pglite: ['pglite'] };

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), ['size', 'runs', 'warmup', 'dialect']);
  const size = intOption(args, 'size', args.quick ? 50_000 : 1_000_000);
  const runs = intOption(args, 'runs', 30);
  const warmupRuns = intOption(args, 'warmup', 5);
  const choice = args.values.get('dialect') ?? 'both';
  const dialects = DIALECT_CHOICES[choice];
  if (!dialects) throw new Error(`--dialect must be one of ${Object.keys(DIALECT_CHOICES).join(', ')}, got "${choice}"`);

  const machine = startMachineNote();
  const busy = busyWarning();
  if (busy) progress(busy);
  const figures: Partial<Record<DialectKey, DialectFigures>> = {};
  for (const dialect of dialects) {
    progress(`${dialect}: ${size.toLocaleString('en')} records, ${runs} timed runs after ${warmupRuns} warm-up runs`);
    figures[dialect] = await benchDialect(dialect, { size, runs, warmupRuns });
  }
  emitFigures({ ...figures, records: size, runs, goal: { ratioAtMedian: 1.5 }, machine: machine() });
});
