/**
 * `pnpm bench api [--quick] [--seconds N] [--concurrency N] [--batch-concurrency N] [--log-level L] [--cpu-prof DIR]`
 *
 * Starts the real server in a child process on a fresh PostgreSQL database (BENCH_DATABASE_URL's server)
 * and drives it over loopback from this process: (a) single-record creates at concurrency 16, (b) batch
 * creates of 500 records. Every request is validated and stored with its event and outbox entry.
 * Last stdout line: {"single":{"perSec","p50Ms","p95Ms","p99Ms",…},"batch":{"recordsPerSec",…}}
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { intOption, parseArgs } from '../lib/args';
import { createCustomerGenerator, type CustomerRow } from '../lib/customer-generator';
import { createFreshDatabase, DEFAULT_BENCH_DATABASE_URL } from '../lib/fresh-postgres-database';
import { busyWarning, startMachineNote } from '../lib/machine';
import { cpuPerItem, createCpuMeter } from '../lib/process-cpu';
import { emitFigures, progress, runMain, throwIfInterrupted } from '../lib/output';
import { createApiClient } from './api-client';
import { runClosedLoop, type LoadFigures } from './closed-loop';
import { startServer } from './server-process';
import { batchCreateBody, createApiToken, publishCustomerForm, RECORDS_PATH, singleCreateBody } from './tangram-api';

const BATCH_SIZE = 500;
const ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password' };
const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), ['seconds', 'concurrency', 'batch-concurrency', 'log-level', 'cpu-prof']);
  const seconds = intOption(args, 'seconds', args.quick ? 5 : 30);
  const concurrency = intOption(args, 'concurrency', 16);
  const batchConcurrency = intOption(args, 'batch-concurrency', 2);
  const logLevel = args.values.get('log-level') ?? 'warn';

  const machine = startMachineNote();
  const busy = busyWarning();
  if (busy) progress(busy);
  await mkdir(RESULTS_DIR, { recursive: true });
  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL;
  const fresh = await createFreshDatabase(adminUrl, 'tangram_bench_api');
  progress(`created database ${fresh.name}; starting the server`);
  const logFile = join(RESULTS_DIR, 'api-server.log');
  try {
    const cpuProfileDir = args.values.get('cpu-prof');
    const server = await startServer({ databaseUrl: fresh.url, admin: ADMIN, logFile, logLevel, ...(cpuProfileDir ? { cpuProfileDir } : {}) });
    progress(`server up at ${server.baseUrl} (log: ${logFile})`);
    const client = createApiClient(server.baseUrl, Math.max(concurrency, batchConcurrency));
    try {
      const token = await createApiToken(client, ADMIN);
      await publishCustomerForm(client, token);
      const rows = createRowSource();
      const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` };
      const post = async (path: string, body: string) => {
        const response = await client.pool.request({ method: 'POST', path, headers, body });
        const text = await response.body.text();
        if (response.statusCode !== 201 && response.statusCode !== 200) throw new Error(`POST ${path} answered ${response.statusCode}: ${text.slice(0, 300)}`);
      };
      const sendSingle = () => post(RECORDS_PATH, singleCreateBody(rows.next()));
      const sendBatch = () => post(`${RECORDS_PATH}/batch`, batchCreateBody(rows.take(BATCH_SIZE)));

      progress('warm-up: 2 s of single creates, 4 batches');
      await runClosedLoop(sendSingle, { concurrency, durationMs: 2_000, maxRequests: 100_000 });
      await runClosedLoop(sendBatch, { concurrency: 1, durationMs: 10_000, maxRequests: 4 });

      const cpu = await createCpuMeter(server.pid, adminUrl, fresh.name);
      progress(`single creates: concurrency ${concurrency} for ${seconds} s`);
      await cpu.lap();
      const single = await runClosedLoop(sendSingle, { concurrency, durationMs: seconds * 1000, maxRequests: 2_000_000 });
      const singleCpu = cpuPerItem(await cpu.lap(), single.requests);
      throwIfInterrupted();
      report('single', single, singleCpu);
      progress(`batch creates of ${BATCH_SIZE}: concurrency ${batchConcurrency} for ${seconds} s`);
      const batch = await runClosedLoop(sendBatch, { concurrency: batchConcurrency, durationMs: seconds * 1000, maxRequests: 100_000 });
      const batchCpu = cpuPerItem(await cpu.lap(), batch.requests * BATCH_SIZE);
      await cpu.close();
      throwIfInterrupted();
      report('batch', batch, batchCpu);

      emitFigures({
        single: { ...single, concurrency, cpuMsPerRecord: singleCpu },
        batch: {
          recordsPerSec: Math.round((batch.requests * BATCH_SIZE) / batch.seconds), batchesPerSec: batch.perSec, batchSize: BATCH_SIZE, concurrency: batchConcurrency,
          p50Ms: batch.p50Ms, p95Ms: batch.p95Ms, p99Ms: batch.p99Ms, requests: batch.requests, errors: batch.errors, seconds: batch.seconds, firstError: batch.firstError,
          cpuMsPerRecord: batchCpu,
        },
        goals: { singlePerSec: 1500, singleP99Ms: 50, batchRecordsPerSec: 20_000 },
        machine: machine(),
      });
    } finally {
      await client.close();
      await server.stop();
    }
  } finally {
    await fresh.drop();
  }
});

/** CPU milliseconds per stored record, of the server and of PostgreSQL: what a busy machine can't inflate. */
function report(name: string, figures: LoadFigures, cpu: { server: number | null; postgres: number | null }): void {
  progress(`${name}: ${figures.requests} ok, ${figures.errors} errors in ${figures.seconds} s — ${figures.perSec}/s, p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, p99 ${figures.p99Ms} ms; CPU per record: server ${cpu.server} ms, PostgreSQL ${cpu.postgres} ms${figures.firstError ? `; first error: ${figures.firstError}` : ''}`);
}

/** An endless stream of customer rows, generated a thousand at a time. */
function createRowSource(): { next(): CustomerRow; take(count: number): readonly CustomerRow[] } {
  const generator = createCustomerGenerator(7);
  let buffer: readonly CustomerRow[] = [];
  let at = 0;
  const next = (): CustomerRow => {
    if (at >= buffer.length) {
      buffer = generator.take(1000);
      at = 0;
    }
    return buffer[at++] as CustomerRow;
  };
  return { next, take: (count) => Array.from({ length: count }, next) };
}
