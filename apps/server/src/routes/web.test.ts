import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

describe('serving the web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'tangram-web-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Tangram</title>');
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    t = await createTestApp('pglite', { webRoot: root });
  });
  afterAll(async () => t?.close());

  it('serves files, and index.html for client-side routes', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    for (const url of ['/', '/apps/crm/forms/lead', '/setup?next=%2F']) {
      const page = await t.app.inject({ method: 'GET', url });
      expect([url, page.statusCode, page.headers['content-type']]).toEqual([url, 200, 'text/html; charset=utf-8']);
      expect(page.body).toContain('<title>Tangram</title>');
    }
  });

  it('keeps answering unknown API routes and non-GET requests with a 404 problem', async () => {
    for (const [method, url] of [['GET', '/api/nope'], ['GET', '/api/apps/crm/nope/deeper'], ['POST', '/somewhere']] as const) {
      const res = await t.app.inject({ method, url });
      expect([url, res.statusCode, res.headers['content-type']]).toEqual([url, 404, 'application/problem+json; charset=utf-8']);
    }
  });
});
