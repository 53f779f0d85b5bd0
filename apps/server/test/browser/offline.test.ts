/**
 * The staff form with no network: a clerk's phone opens the create form from the cache, a locally invalid
 * record is stopped by the form engine and never queued, two records wait on the device, and when the
 * network returns they are sent exactly once each; the one the server refuses (a phone another clerk
 * registered meanwhile) shows the server's reason, is corrected and sent again.
 */
import type { FormDefinition } from '@tangram/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, shot, startBrowserHarness, type BrowserHarness } from './harness';

const ADMIN = { name: '王小明', email: 'admin@example.com', password: 'correct-horse-9', locale: 'zh-CN' };
const LEADS = '/api/apps/crm/forms/lead';
const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const LEAD_FORM: FormDefinition = {
  schemaVersion: 1,
  key: 'lead',
  name: l('线索', 'Leads'),
  fields: [
    { id: 'f1', key: 'name', kind: 'text', label: l('姓名', 'Name'), required: true },
    { id: 'f2', key: 'phone', kind: 'phone', label: l('手机号', 'Mobile'), region: 'cn-mobile', required: true, unique: true },
    { id: 'f3', key: 'notes', kind: 'textarea', label: l('备注', 'Notes') },
  ],
};

/** Entries in the device's queue, counted in the page (this file compiles without DOM types). */
const QUEUED_COUNT = `new Promise((resolve) => {
  const open = indexedDB.open('tangram-outbox');
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('submissions')) return resolve(0);
    const count = db.transaction('submissions').objectStore('submissions').count();
    count.onsuccess = () => resolve(count.result);
  };
})`;

let harness: BrowserHarness;
let cookie = '';
let token = '';

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return harness.request<T>(method, path, body, cookie);
}

const stored = async () => (await expectOk(api<{ items: { data: Record<string, unknown> }[]; total: number }>('GET', `${LEADS}/records?limit=100`)));

beforeAll(async () => {
  harness = await startBrowserHarness();
  token = await harness.setupAdmin(ADMIN);
  cookie = `tangram_session=${token}`;
  await expectOk(api('POST', '/api/apps', { schemaVersion: 1, key: 'crm', name: l('客户转化', 'Customer conversion') }));
  await expectOk(api('POST', '/api/apps/crm/forms', LEAD_FORM));
  await expectOk(api('POST', `${LEADS}/publish`, {}));
});

afterAll(async () => {
  await harness?.close();
});

describe('offline staff form (390x844, zh-CN)', () => {
  it('queues records on the device, sends each once when back online and shows what was refused', async () => {
    const { context, page } = await harness.openBrowser({ width: 390, height: 844 }, { mobile: true });
    await context.addCookies([{ name: 'tangram_session', value: token, url: harness.baseUrl }]);
    const posts: { key: string | undefined; body: string }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === `${LEADS}/records`) posts.push({ key: request.headers()['idempotency-key'], body: request.postData() ?? '' });
    });

    // Online once: the service worker installs and keeps the shell and the form.
    await page.goto(`${harness.baseUrl}/apps/crm/forms/lead/new`);
    await page.getByRole('heading', { name: '新建 · 线索' }).waitFor();
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await page.getByRole('heading', { name: '新建 · 线索' }).waitFor();

    // No network: the create form still opens, from the cache.
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: '新建 · 线索' }).waitFor();
    await page.getByText('当前离线').first().waitFor();

    // A wrong phone is refused by the same engine, on the device; nothing is queued.
    await page.getByLabel('姓名').fill('陈小姐');
    await page.getByLabel('手机号').fill('1380013');
    await page.getByRole('button', { name: '保存' }).click();
    expect(await page.getByLabel('手机号').getAttribute('aria-invalid')).toBe('true');
    // The device's queue (IndexedDB) is still empty.
    expect(await page.evaluate(QUEUED_COUNT)).toBe(0);

    // Fixed, it waits on the device.
    await page.getByLabel('手机号').fill('13800138000');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '待发送' }).waitFor();
    await page.locator('[data-status="waiting"]').getByText('陈小姐').waitFor();

    // A second one, whose phone another clerk registers on the server meanwhile.
    await page.getByRole('link', { name: '新建记录' }).click();
    await page.getByRole('heading', { name: '新建 · 线索' }).waitFor();
    await page.getByLabel('姓名').fill('李先生');
    await page.getByLabel('手机号').fill('13900139000');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '待发送' }).waitFor();
    expect(await page.locator('[data-status="waiting"]').count()).toBe(2);
    await page.getByText('2 条记录等待发送').waitFor();
    await shot(page, 'offline-queued-phone-zh');
    expect(posts).toEqual([]);
    await expectOk(api('POST', `${LEADS}/records`, { data: { name: '李先生（门店）', phone: '13900139000' } }));

    // The network returns: both are sent, in order, each once; the refused one says why.
    await context.setOffline(false);
    await page.locator('[data-status="sent"]').getByText('陈小姐').waitFor();
    const refused = page.locator('[data-status="rejected"]');
    await refused.getByText('李先生').first().waitFor();
    await refused.getByRole('note').getByText(/手机号/).waitFor();
    await shot(page, 'offline-sent-refused-phone-zh');
    expect(posts).toHaveLength(2);
    expect(new Set(posts.map((p) => p.key)).size).toBe(2);
    expect(posts.every((p) => typeof p.key === 'string' && p.key.length > 10)).toBe(true);
    let all = await stored();
    expect(all.total).toBe(2);
    expect(all.items.filter((r) => r.data.phone === '13800138000')).toHaveLength(1);

    // Corrected on the device and sent again: now it is stored.
    await refused.getByRole('button', { name: '修改' }).click();
    await refused.getByLabel('手机号').fill('13700137000');
    await refused.getByRole('button', { name: '保存并重新发送' }).click();
    await expect.poll(() => page.locator('[data-status="sent"]').count()).toBe(2);
    all = await stored();
    expect(all.total).toBe(3);
    expect(all.items.map((r) => r.data.phone).sort()).toEqual(['13700137000', '13800138000', '13900139000']);
    expect(posts).toHaveLength(3);
  });
});
