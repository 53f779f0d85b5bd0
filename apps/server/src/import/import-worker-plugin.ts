/**
 * Starts this process's import worker with the server and stops it on close. Registered at the root so
 * tests can `await app.importWorker.idle()` after starting an import.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { createPublishedForms } from '../records/published-forms';
import { createImportWorker, type ImportWorker } from './import-worker';

declare module 'fastify' {
  interface FastifyInstance {
    readonly importWorker: ImportWorker;
  }
}

/** A taken job is another process's after this long without a checkpoint (a chunk takes well under a second). */
const LEASE_MS = 60_000;
/** How often to look for jobs queued elsewhere or left by a process that died. */
const POLL_MS = 5_000;

interface Publisher { publish(topic: string, data: unknown, options?: { readonly users?: readonly string[] }): Promise<void> }

export const importWorkerPlugin = fp(async (app: FastifyInstance) => {
  const worker = createImportWorker({
    store: app.store,
    forms: createPublishedForms(app.store),
    now: () => app.now(),
    leaseMs: LEASE_MS,
    // The realtime hub, when this server runs one: progress reaches the importer's open tabs at once;
    // without it the progress is still saved on the job and read by GET.
    publish: async (topic, data, users) => {
      const hub = (app as unknown as { hub?: Publisher }).hub;
      if (hub) await hub.publish(topic, data, { users });
    },
  }, app.log, POLL_MS);
  app.decorate('importWorker', worker);
  app.addHook('onReady', async () => worker.kick());
  app.addHook('onClose', async () => worker.close());
}, { name: 'tangram-import-worker', dependencies: ['tangram-store'] });
