/**
 * Takes import jobs from the database and runs them, one at a time per process. Woken at once when a
 * job is queued here, and by a slow poll for jobs queued by another process or left behind by one that
 * died (their lease ran out). Tests wait with `await worker.idle()` instead of sleeping.
 */
import type { FastifyBaseLogger } from 'fastify';
import { IMPORT_JOB_KIND, progressOf, type ImportPayload } from './import-job';
import { ImportRefused, runImport, type ImportDeps } from './import-runner';

export interface ImportWorker {
  /** Look for work now. */
  kick(): void;
  /** Resolves when no job is running and none is waiting on this process. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createImportWorker(deps: ImportDeps, log: FastifyBaseLogger, pollMs: number): ImportWorker {
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const drain = async () => {
    for (;;) {
      if (closed) return;
      const job = await deps.store.jobs.claim([IMPORT_JOB_KIND], deps.leaseMs);
      if (!job) return;
      const total = (job.payload as unknown as ImportPayload).totalRows;
      try {
        const progress = await runImport(deps, job);
        await deps.store.jobs.finish(job.id, 'done', progress);
        await deps.publish(`job:${job.id}`, { id: job.id, status: 'done', progress }, job.createdBy ? [job.createdBy] : []);
      } catch (error) {
        if (!(error instanceof ImportRefused)) log.error({ err: error, job: job.id }, 'import failed');
        const current = await deps.store.jobs.get(job.id);
        const progress = progressOf(current?.progress ?? {}, total);
        const message = error instanceof Error ? error.message : String(error);
        await deps.store.jobs.finish(job.id, 'failed', progress, message);
        await deps.publish(`job:${job.id}`, { id: job.id, status: 'failed', progress }, job.createdBy ? [job.createdBy] : []);
      }
    }
  };

  const kick = () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => log.error({ err: error }, 'import worker stopped'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          kick();
        }
      });
  };

  const timer = pollMs > 0 ? setInterval(kick, pollMs) : null;
  timer?.unref();

  return {
    kick,
    async idle() {
      while (running) await running;
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      while (running) await running;
    },
  };
}
