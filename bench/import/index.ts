/**
 * `pnpm bench import [--quick] [--rows=N] [--database-url=postgres://…]`: imports a messy 100,000-row
 * .xlsx end to end on PostgreSQL through the server's own code path — HTTP upload (multipart), header
 * detection and row count, mapping, then the background job (stream-parse, form engine on every row,
 * dedupe on the unique phone, batched inserts) — and reports rows per second and the peak RSS of this
 * process, which is the one doing the import. The file is written before the clock starts.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import type { FormDefinition } from '@tangram/schema';
import { buildApp, readSheetRows } from '@tangram/server';
import { createStore } from '@tangram/store';
import { intOption, parseArgs } from '../lib/args';
import { CUSTOMER_FORM } from '../lib/customer-form';
import { createFreshDatabase, DEFAULT_BENCH_DATABASE_URL } from '../lib/fresh-postgres-database';
import { cpuPerItem, createCpuMeter } from '../lib/process-cpu';
import { busyWarning, startMachineNote } from '../lib/machine';
import { emitFigures, progress, runMain } from '../lib/output';
import { createCustomerGenerator } from '../lib/customer-generator';
import { SERVER_HEAP_LIMIT_MB } from '../../apps/server/bin/node-flags.mjs';
import { sampleMemory } from './memory-sampler';
import { writeMessySheet } from './messy-sheet';


/** The customer form with the phone unique: rows whose phone exists are what "dedupe" finds. */
const FORM: FormDefinition = { ...CUSTOMER_FORM, fields: CUSTOMER_FORM.fields.map((f) => (f.key === 'phone' ? { ...f, unique: true } : f)) };

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), ['rows', 'database-url']);
  const rows = intOption(args, 'rows', args.quick ? 10_000 : 100_000);
  const adminUrl = args.values.get('database-url') ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL;
  const machine = startMachineNote();
  const warning = busyWarning();
  if (warning) progress(warning);
  const heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024);
  // The peak RSS follows V8's heap limit (docs/import-export.md, "Memory"): say which one was measured.
  if (heapLimitMb > SERVER_HEAP_LIMIT_MB * 1.1) {
    progress(`V8 heap limit ${heapLimitMb} MB; the server runs with ${SERVER_HEAP_LIMIT_MB} MB (apps/server/bin/node-flags.mjs)`
      + ' and the peak RSS follows it: run this through `pnpm bench import`');
  }

  const dir = mkdtempSync(join(tmpdir(), 'tangram-bench-import-'));
  const file = join(dir, 'customers.xlsx');
  const database = await createFreshDatabase(adminUrl, 'bench_import');
  try {
    progress(`writing ${rows} messy rows to ${file}`);
    const { bad } = await writeMessySheet(file, rows);
    const bytes = readFileSync(file);
    progress(`${(statSync(file).size / 1024 / 1024).toFixed(1)} MB; starting the server on ${database.name}`);

    const store = await createStore({ databaseUrl: database.url });
    const app = await buildApp({ store });
    await app.ready();
    try {
      const admin = await app.inject({ method: 'POST', url: '/api/setup', payload: { email: 'bench@example.com', password: 'bench-password', name: 'Bench', locale: 'zh-CN' } });
      const { token, user } = admin.json() as { token: string; user: { id: string } };
      const headers = { authorization: `Bearer ${token}` };
      const baselineForm = { ...FORM, key: 'baseline' };
      for (const [url, payload] of [
        ['/api/apps', { schemaVersion: 1, key: 'bench', name: { 'zh-CN': '基准', en: 'Bench' } }],
        ['/api/apps/bench/forms', FORM],
        ['/api/apps/bench/forms/customers/publish', {}],
        ['/api/apps/bench/forms', baselineForm],
        ['/api/apps/bench/forms/baseline/publish', {}],
      ] as const) {
        const res = await app.inject({ method: 'POST', url, headers, payload: payload as object });
        if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      }

      // Peak RSS while importing, sampled; `maxRSS` from the OS also covers writing the file and start-up.
      const memory = sampleMemory(50);
      const cpu = await createCpuMeter(process.pid, adminUrl, database.name);
      const started = process.hrtime.bigint();
      const boundary = '----tangram-bench';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="customers.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const uploaded = await app.inject({ method: 'POST', url: '/api/apps/bench/forms/customers/imports', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
      if (uploaded.statusCode !== 201) throw new Error(`upload: ${uploaded.statusCode} ${uploaded.body}`);
      const draft = uploaded.json() as { id: string; mapping: Record<string, string | null>; matchField: string | null; totalRows: number };
      const analysed = process.hrtime.bigint();
      progress(`upload analysed: ${draft.totalRows} rows, mapping ${JSON.stringify(draft.mapping)}; importing`);
      const start = await app.inject({ method: 'POST', url: `/api/apps/bench/forms/customers/imports/${draft.id}/start`, headers, payload: { mapping: draft.mapping, onDuplicate: 'skip', matchField: draft.matchField } });
      if (start.statusCode !== 202) throw new Error(`start: ${start.statusCode} ${start.body}`);
      await app.importWorker.idle();
      const finished = process.hrtime.bigint();
      const peak = memory.stop();
      const importCpu = await cpu.lap();
      await cpu.close();
      const job = (await app.inject({ method: 'GET', url: `/api/apps/bench/forms/customers/imports/${draft.id}`, headers })).json() as { status: string; progress: Record<string, number>; error: string | null };
      if (job.status !== 'done') throw new Error(`import ended ${job.status}: ${job.error}`);
      const seconds = Number(finished - started) / 1e9;

      // Baselines in the same run, so machine load cancels out of the ratios: reading the file and
      // nothing else, and inserting the same number of clean records in 1,000-row batches.
      progress('baseline: parse only');
      const parseStart = process.hrtime.bigint();
      let parsed = 0;
      for await (const _row of readSheetRows(bytes, 'xlsx')) parsed++;
      const parseSeconds = Number(process.hrtime.bigint() - parseStart) / 1e9;
      progress('baseline: batched inserts of clean records');
      const benchUser = (await store.identity.getUser(user.id))!;
      const access = await store.identity.resolveAccess(benchUser, 'bench', 'baseline');
      const records = store.records('bench', 'baseline');
      const generator = createCustomerGenerator(7);
      // The phone is unique: the odd repeated number a random generator makes is left out.
      const phones = new Set<string>();
      const insertStart = process.hrtime.bigint();
      for (let done = 0; done < rows; done += 1000) {
        const batch = generator.take(Math.min(1000, rows - done)).filter((row) => !phones.has(row.phone) && phones.add(row.phone)).map((row) => ({ data: row, ownerId: user.id }));
        await records.createMany({ userId: user.id, via: 'user' }, access, 1, batch);
      }
      const insertSeconds = Number(process.hrtime.bigint() - insertStart) / 1e9;
      emitFigures({
        benchmark: 'import',
        dialect: 'postgres',
        rows,
        fileMb: Number((bytes.length / 1024 / 1024).toFixed(1)),
        seconds: Number(seconds.toFixed(2)),
        rowsPerSecond: Math.round(rows / seconds),
        uploadSeconds: Number((Number(analysed - started) / 1e9).toFixed(2)),
        jobSeconds: Number((Number(finished - analysed) / 1e9).toFixed(2)),
        parseOnlyRowsPerSecond: Math.round(parsed / parseSeconds),
        insertOnlyRowsPerSecond: Math.round(rows / insertSeconds),
        /** End-to-end import speed as a share of bare batched inserts of the same number of rows. */
        importVsInsert: Number((insertSeconds / seconds).toFixed(2)),
        /** CPU per sheet row over the upload and the job, of this process and of PostgreSQL's backends. */
        cpuMsPerRow: cpuPerItem(importCpu, rows),
        peakRssMb: peak.peakRssMb,
        /** RSS when the upload began (server built, database open): what the import itself adds is above it. */
        startRssMb: peak.startRssMb,
        /** V8 heap, memory outside it (buffers) and ArrayBuffers, each at its own highest sample. */
        peakHeapUsedMb: peak.heapUsedMb,
        peakExternalMb: peak.externalMb,
        peakArrayBuffersMb: peak.arrayBuffersMb,
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        /** V8's heap limit (\`--max-old-space-size\`): it sets how far the heap grows before a full collection. */
        heapLimitMb,
        expectedRejects: bad,
        progress: job.progress,
        machine: machine(),
      });
    } finally {
      await app.close();
      await store.close();
    }
  } finally {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
