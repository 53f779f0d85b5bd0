/**
 * Browser journeys against the real server and the built web app: first-run setup, the language switch,
 * signing out and in again (with a wrong password first), and the phone layout's menu.
 * Debian's chromium driven by playwright-core; the store is a fresh PGlite database.
 */
import { formatProblem } from '@tangram/schema';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './harness';

const ADMIN = { name: '王小明', email: 'admin@example.com', password: 'correct-horse-9' };

let harness: BrowserHarness;
let baseUrl: string;

beforeAll(async () => {
  harness = await startBrowserHarness();
  baseUrl = harness.baseUrl;
});

afterAll(async () => {
  await harness?.close();
});

/** A browser with a fresh profile (no cookies, no saved language) whose preferred language is Chinese. */
function openBrowser(viewport: { width: number; height: number }, mobile = false): Promise<{ context: BrowserContext; page: Page }> {
  return harness.openBrowser(viewport, { mobile, locale: 'zh-CN' });
}

/** The Accept-Language header of every API call the page makes, in order. */
function recordApiLanguages(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) seen.push(request.headers()['accept-language'] ?? '');
  });
  return seen;
}

describe('first run, language and sign-in (desktop)', () => {
  it('sets up the admin, switches language, signs out and back in', async () => {
    const { context, page } = await openBrowser({ width: 1280, height: 800 });
    try {
      const languages = recordApiLanguages(page);

      // A new installation opens on the setup screen, in the browser's language.
      await page.goto(`${baseUrl}/`);
      await expect.poll(() => new URL(page.url()).pathname).toBe('/setup');
      await page.getByRole('heading', { name: '欢迎使用 Tangram' }).waitFor();

      // Sending an empty form shows every problem next to its field, without calling the server.
      await page.getByRole('button', { name: '创建管理员并登录' }).click();
      await page.getByText('请填写此项').first().waitFor();
      expect(await page.getByLabel('姓名').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('密码').fill('short');
      await page.getByRole('button', { name: '创建管理员并登录' }).click();
      await page.getByText('密码至少需要 8 个字符').waitFor();

      await page.getByLabel('姓名').fill(ADMIN.name);
      await page.getByLabel('邮箱').fill(ADMIN.email);
      await page.getByLabel('密码').fill(ADMIN.password);
      await page.getByLabel('密码').press('Enter');

      // Signed in: the app list, empty on a new installation.
      await page.getByRole('heading', { name: '我的应用' }).waitFor();
      await page.getByText('还没有应用').waitFor();
      expect(new URL(page.url()).pathname).toBe('/apps');
      expect(languages.every((language) => language === 'zh-CN')).toBe(true);

      // English: every visible string changes at once, and the next API calls ask for English.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'My apps' }).waitFor();
      await page.getByText('No apps yet').waitFor();
      expect(await page.getByText('我的应用').count()).toBe(0);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.title()).toBe('My apps · Tangram');

      // The choice survives a reload and is sent with every call.
      languages.length = 0;
      await page.reload();
      await page.getByRole('heading', { name: 'My apps' }).waitFor();
      expect(languages.length).toBeGreaterThan(0);
      expect(languages.every((language) => language === 'en')).toBe(true);

      // And back to Chinese.
      await page.getByRole('button', { name: '中文' }).click();
      await page.getByRole('heading', { name: '我的应用' }).waitFor();
      expect(await page.getByText('My apps').count()).toBe(0);

      // The user menu opens from the avatar, closes on Escape, and signs out.
      const userMenu = page.getByRole('button', { name: new RegExp(`用户菜单: ${ADMIN.name}`) });
      await userMenu.click();
      await page.getByRole('menu').getByText(ADMIN.email).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('menu').waitFor({ state: 'hidden' });
      await userMenu.click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.getByRole('heading', { name: '登录' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');

      // A wrong password: the server's error, in the reader's language, next to the form.
      await page.getByLabel('邮箱').fill(ADMIN.email);
      await page.getByLabel('密码').fill('not-the-password');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      const alert = page.getByRole('alert');
      await alert.getByText(formatProblem({ code: 'ERR_INVALID_CREDENTIALS' }, 'zh-CN')).waitFor();
      expect(await page.getByLabel('密码').inputValue()).toBe('');

      // Switching language re-words the error already on screen.
      await page.getByRole('button', { name: 'English' }).click();
      await alert.getByText(formatProblem({ code: 'ERR_INVALID_CREDENTIALS' }, 'en')).waitFor();
      await page.getByRole('button', { name: '中文' }).click();

      // The right password, sent with Enter, lands on the app list.
      await page.getByLabel('密码').fill(ADMIN.password);
      await page.getByLabel('密码').press('Enter');
      await page.getByRole('heading', { name: '我的应用' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/apps');
    } finally {
      await context.close();
    }
  });
});

describe('phone layout (390x844)', () => {
  it('folds navigation, language and the user into one menu, and forms fill the width', async () => {
    const { context, page } = await openBrowser({ width: 390, height: 844 }, true);
    try {
      // Runs after the desktop journey: the admin exists, so a fresh browser is asked to sign in.
      await page.goto(`${baseUrl}/apps`);
      await page.getByRole('heading', { name: '登录' }).waitFor();
      const card = await page.locator('.auth__card').boundingBox();
      expect(card?.width ?? 0).toBeGreaterThanOrEqual(390 - 40);

      await page.getByLabel('邮箱').fill(ADMIN.email);
      await page.getByLabel('密码').fill(ADMIN.password);
      await page.getByLabel('密码').press('Enter');
      await page.getByRole('heading', { name: '我的应用' }).waitFor();

      // An app with one form, made through the API with the browser's session.
      const created = await page.request.post(`${baseUrl}/api/apps`, {
        data: { schemaVersion: 1, key: 'crm', name: { 'zh-CN': '线下客户转化', en: 'Offline customer conversion' } },
      });
      expect(created.status()).toBe(201);
      const form = await page.request.post(`${baseUrl}/api/apps/crm/forms`, {
        data: {
          schemaVersion: 1,
          key: 'leads',
          name: { 'zh-CN': '线索', en: 'Leads' },
          fields: [{ id: 'f1', key: 'name', kind: 'text', label: { 'zh-CN': '姓名', en: 'Name' } }],
        },
      });
      expect(form.status()).toBe(201);
      await page.reload();
      await page.getByRole('link', { name: '打开 线下客户转化' }).click();
      await page.getByRole('heading', { name: '线下客户转化' }).waitFor();

      // On a phone the top bar keeps only the menu button: no sidebar, no user menu, no language switch.
      const menuButton = page.getByRole('button', { name: '菜单', exact: true });
      expect(await menuButton.isVisible()).toBe(true);
      expect(await page.getByRole('complementary').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: /用户菜单/ }).isVisible()).toBe(false);

      // The menu holds the app's forms, the language switch and sign-out; Escape closes it.
      await menuButton.click();
      const menu = page.getByRole('dialog', { name: '主菜单' });
      await menu.waitFor();
      expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
      await menu.getByRole('link', { name: '线索' }).waitFor();
      await menu.getByRole('button', { name: '退出登录' }).waitFor();
      // Focus starts in the menu (on its close button) and Tab stays in it: Shift+Tab wraps to sign-out.
      expect(await page.locator(':focus').getAttribute('aria-label')).toBe('关闭菜单');
      await page.keyboard.press('Shift+Tab');
      expect(await page.locator(':focus').textContent()).toBe('退出登录');
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden' });
      expect(await page.locator(':focus').getAttribute('aria-controls')).toBe('mobile-menu');

      // Language from inside the menu; following a form link closes it.
      await menuButton.click();
      await menu.getByRole('button', { name: 'English' }).click();
      await page.getByRole('dialog', { name: 'Main menu' }).getByRole('link', { name: 'Leads' }).click();
      await page.getByRole('dialog', { name: 'Main menu' }).waitFor({ state: 'hidden' });
      await page.getByRole('heading', { level: 1, name: 'Leads' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/apps/crm/forms/leads');

      // Sign out from the menu.
      await page.getByRole('button', { name: 'Menu', exact: true }).click();
      await page.getByRole('dialog', { name: 'Main menu' }).getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
