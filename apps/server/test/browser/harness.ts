/**
 * What every browser journey needs: the built web app, a real server on a fresh PGlite database, and
 * Debian's chromium (driven by playwright-core) with a fresh profile per browser.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStoreFromHandle, type Store } from '@tangram/store';
import { openTestDatabase } from '@tangram/store/testing';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { buildApp } from '../../src/app';

export const WEB_ROOT = resolve(fileURLToPath(new URL('../../../web/dist', import.meta.url)));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** `pnpm test` builds the web app first; a direct `vitest run` of a browser test builds it when it is missing. */
export function ensureWebBuilt(): void {
  if (existsSync(join(WEB_ROOT, 'index.html'))) return;
  const build = spawnSync('pnpm', ['--filter', '@tangram/web', 'build'], { stdio: 'inherit' });
  if (build.status !== 0 || !existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`the web app is not built at ${WEB_ROOT}: run "pnpm --filter @tangram/web build"`);
  }
}

export interface BrowserHarness {
  readonly baseUrl: string;
  readonly store: Store;
  /** A browser with a fresh profile (no cookies, no saved language) preferring `locale`. */
  readonly openBrowser: (viewport: { width: number; height: number }, options?: { mobile?: boolean; locale?: string }) => Promise<{ context: BrowserContext; page: Page }>;
  /** The same, already signed in with a session token (as from `setupAdmin` or a login). */
  readonly signedIn: (token: string, viewport: { width: number; height: number }, options?: { mobile?: boolean; locale?: string }) => Promise<{ context: BrowserContext; page: Page }>;
  /** A JSON call to the API with the given cookie, answered in English; the body parsed when there is one. */
  readonly request: <T>(method: string, path: string, body?: unknown, cookie?: string) => Promise<ApiAnswer<T>>;
  /** First-run setup of `admin`; returns the admin's session token. */
  readonly setupAdmin: (admin: { name: string; email: string; password: string; locale?: string }) => Promise<string>;
  readonly close: () => Promise<void>;
}

export interface ApiAnswer<T> { readonly status: number; readonly body: T }

/** The cookie header of a session token. */
export const sessionCookie = (token: string): string => `tangram_session=${token}`;

/** Awaits an API call and fails the test, showing the answer, unless it succeeded. */
export async function expectOk<T>(call: Promise<ApiAnswer<T>>): Promise<T> {
  const { status, body } = await call;
  if (status >= 300) throw new Error(`expected a 2xx answer, got ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** Screenshots for reviewing the screens by eye: set TANGRAM_SCREENSHOTS to a directory. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.TANGRAM_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** A point on the page, or an element (its middle). */
export type PointerSpot = { readonly x: number; readonly y: number } | Locator;

async function pointAt(spot: PointerSpot): Promise<{ x: number; y: number }> {
  if (!('boundingBox' in spot)) return spot;
  const box = await spot.boundingBox();
  if (!box) throw new Error(`nothing to drag from or onto: ${String(spot)}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Drags with a real pointer as a hand does: press on `from`, move past dnd-kit's few-pixel activation
 * threshold, on to `to` in steps, nudge, release. dnd-kit then swallows clicks for 50 ms (so the drop
 * itself clicks nothing); a script's next click comes sooner than a person's would, so this waits it out.
 */
export async function dragWithPointer(page: Page, from: PointerSpot, to: PointerSpot): Promise<void> {
  const a = await pointAt(from);
  const b = await pointAt(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(a.x + 12, a.y + 4, { steps: 4 });
  await page.mouse.move(b.x, b.y, { steps: 12 });
  await page.mouse.move(b.x + 1, b.y, { steps: 2 });
  await page.mouse.up();
  await page.waitForTimeout(100);
}

/** Starts the server on a random port over a fresh PGlite database serving the built web app. */
export async function startBrowserHarness(): Promise<BrowserHarness> {
  ensureWebBuilt();
  const store = createStoreFromHandle(await openTestDatabase('pglite'));
  await store.migrate();
  const app: FastifyInstance = await buildApp({ store, webRoot: WEB_ROOT });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];

  const openBrowser: BrowserHarness['openBrowser'] = async (viewport, options = {}) => {
    const profile = mkdtempSync(join(tmpdir(), 'tangram-chromium-'));
    profiles.push(profile);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      locale: options.locale ?? 'zh-CN',
      viewport,
      ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 3 } : {}),
    });
    contexts.push(context);
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    return { context, page };
  };

  const close = async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await app.close();
    await store.close();
    for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
  };

  const signedIn: BrowserHarness['signedIn'] = async (token, viewport, options) => {
    const browser = await openBrowser(viewport, options);
    await browser.context.addCookies([{ name: 'tangram_session', value: token, url: baseUrl }]);
    return browser;
  };

  const request: BrowserHarness['request'] = async <T>(method: string, path: string, body?: unknown, cookie = '') => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: { cookie, 'accept-language': 'en', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };

  const setupAdmin: BrowserHarness['setupAdmin'] = async (admin) => {
    const answer = await expectOk(request<{ token: string }>('POST', '/api/setup', admin));
    return answer.token;
  };

  return { baseUrl, store, openBrowser, signedIn, request, setupAdmin, close };
}
