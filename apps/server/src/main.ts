/**
 * `pnpm start` / `tangram start`: open the database (PGlite in ./data unless DATABASE_URL is set), migrate,
 * create the first admin if configured, serve the API and the web app, and shut down cleanly on a signal.
 */
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { bootstrapAdmin } from './bootstrap-admin';
import { ConfigError, readConfig } from './config';
import type { SlotIndexEvent } from '@tangram/store';
import { openStore } from './open-store';

export async function start(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = readConfig(env);
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  // Slot indexes are built in the background (docs/storage.md); the logger exists once the app does.
  let reportSlotIndex: (event: SlotIndexEvent) => void = () => {};
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir, pgliteBuffers: config.pgliteBuffers }),
    onSlotIndex: (event) => reportSlotIndex(event),
  });
  await store.migrate();
  const app = await buildApp({
    store,
    logger: { level: env.LOG_LEVEL ?? 'info' },
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    ...(existsSync(config.webRoot) ? { webRoot: config.webRoot } : {}),
  });
  reportSlotIndex = ({ formId, slot, outcome, error }) => {
    if (outcome === 'failed') app.log.warn({ err: error, formId, slot }, 'building a slot index failed; a later query retries it');
    else if (outcome === 'built') app.log.info({ formId, slot }, 'slot index built');
  };
  if (!existsSync(config.webRoot)) app.log.warn(`web app not built (${config.webRoot} missing): serving the API only`);
  if ((await bootstrapAdmin(store, config.admin)) === 'created') app.log.info(`created administrator ${config.admin?.email}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    try {
      await app.close();
      await store.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.log.info(`Tangram is running at http://${shown}:${port} (database: ${store.dialect}${config.databaseUrl ? '' : `, data in ${config.dataDir}`})`);
}

// Run when executed directly (`tsx src/main.ts`, `node --import tsx …/main.ts`), not when imported.
if (isEntryPoint()) {
  start().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? `tangram: ${error.message}` : error);
    process.exit(1);
  });
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(resolve(script)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
