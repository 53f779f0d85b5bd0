/**
 * Reads the process environment once, at the edge. Nothing else in the server reads `process.env`.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBufferSize, PGLITE_DATA_DIR_BUFFERS } from '@tangram/store';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** postgres://… ; absent means embedded PGlite in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** PGlite's buffer pool (`shared_buffers`), "512MB" unless `TANGRAM_PGLITE_BUFFERS` says otherwise. */
  readonly pgliteBuffers: string;
  readonly webRoot: string;
  readonly admin: { readonly email: string; readonly password: string } | undefined;
  readonly secureCookies: boolean;
  readonly trustProxy: boolean;
}

/** A setting the server can't start with; `tangram start` prints its message alone. */
export class ConfigError extends Error {}

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const pgliteBuffers = env.TANGRAM_PGLITE_BUFFERS?.trim() || PGLITE_DATA_DIR_BUFFERS;
  if (!isBufferSize(pgliteBuffers)) throw new ConfigError(`TANGRAM_PGLITE_BUFFERS must be a size from 1MB to 1GB, like 512MB, got "${env.TANGRAM_PGLITE_BUFFERS}"`);
  const adminEmail = env.TANGRAM_ADMIN_EMAIL?.trim();
  const adminPassword = env.TANGRAM_ADMIN_PASSWORD;
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.TANGRAM_DATA_DIR ?? resolve(REPO_ROOT, 'data')),
    pgliteBuffers,
    webRoot: resolve(env.TANGRAM_WEB_ROOT ?? resolve(REPO_ROOT, 'apps/web/dist')),
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    secureCookies: env.TANGRAM_SECURE_COOKIES === 'true',
    trustProxy: env.TANGRAM_TRUST_PROXY === 'true',
  };
}
