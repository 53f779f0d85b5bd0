import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig, REPO_ROOT } from './config';

describe('readConfig', () => {
  it('defaults to port 3000 on all interfaces, PGlite in ./data and the built web app', () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: join(REPO_ROOT, 'data'),
      pgliteBuffers: '512MB',
      webRoot: join(REPO_ROOT, 'apps/web/dist'),
      admin: undefined,
      secureCookies: false,
      trustProxy: false,
    });
  });

  it('reads every setting from the environment', () => {
    const config = readConfig({
      PORT: '8080', HOST: '127.0.0.1', DATABASE_URL: 'postgres://db/tangram', TANGRAM_DATA_DIR: '/var/tangram', TANGRAM_PGLITE_BUFFERS: '1GB',
      TANGRAM_ADMIN_EMAIL: ' boss@example.com ', TANGRAM_ADMIN_PASSWORD: 'long enough', TANGRAM_SECURE_COOKIES: 'true', TANGRAM_TRUST_PROXY: 'true',
    });
    expect(config).toMatchObject({
      port: 8080, host: '127.0.0.1', databaseUrl: 'postgres://db/tangram', dataDir: '/var/tangram', pgliteBuffers: '1GB',
      admin: { email: 'boss@example.com', password: 'long enough' }, secureCookies: true, trustProxy: true,
    });
  });

  it('refuses a PGlite buffer size that PostgreSQL would not take', () => {
    expect(() => readConfig({ TANGRAM_PGLITE_BUFFERS: 'lots' })).toThrow(/TANGRAM_PGLITE_BUFFERS/);
    expect(() => readConfig({ TANGRAM_PGLITE_BUFFERS: '512' })).toThrow(/TANGRAM_PGLITE_BUFFERS/);
    expect(() => readConfig({ TANGRAM_PGLITE_BUFFERS: "1GB'; drop" })).toThrow(/TANGRAM_PGLITE_BUFFERS/);
    expect(() => readConfig({ TANGRAM_PGLITE_BUFFERS: '4GB' })).toThrow(/from 1MB to 1GB/);
  });

  it('refuses a port that is not a port', () => {
    expect(() => readConfig({ PORT: 'http' })).toThrow(/PORT/);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
