/**
 * The record page (customer 360) in a real browser: a customer with follow-ups related to it, a comment,
 * photos uploaded into a file field and opened full size, the owner handed to a colleague, and an edit
 * that meets a colleague's change made meanwhile in another browser.
 */
import type { FormDefinition, RoleDefinition } from '@tangram/schema';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, sessionCookie, shot, startBrowserHarness, type BrowserHarness } from './harness';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const APP = '/api/apps/crm';
const CUSTOMERS = `${APP}/forms/customer`;
const FOLLOWUPS = `${APP}/forms/followup`;
/** Thumbnails are made and images decoded on a machine that may be busy: polls get room. */
const SLOW = { timeout: 10_000 };

const CUSTOMER_FORM: FormDefinition = {
  schemaVersion: 1,
  key: 'customer',
  name: l('客户', 'Customers'),
  fields: [
    { id: 'c1', key: 'name', kind: 'text', label: l('姓名', 'Name'), required: true },
    { id: 'c2', key: 'phone', kind: 'phone', label: l('手机号', 'Mobile'), region: 'cn-mobile' },
    { id: 'c3', key: 'level', kind: 'select', label: l('等级', 'Level'), options: [
      { value: 'normal', label: l('普通', 'Normal') }, { value: 'gold', label: l('金卡', 'Gold') }, { value: 'vip', label: l('VIP', 'VIP') },
    ] },
    { id: 'c4', key: 'photos', kind: 'file', label: l('门店照片', 'Shop photos'), image: true, maxFiles: 3, maxSizeMb: 5 },
  ],
};

const FOLLOWUP_FORM: FormDefinition = {
  schemaVersion: 1,
  key: 'followup',
  name: l('跟进记录', 'Follow-ups'),
  fields: [
    { id: 'u1', key: 'note', kind: 'text', label: l('内容', 'Note'), required: true },
    { id: 'u2', key: 'customer', kind: 'relation', label: l('客户', 'Customer'), form: 'customer', displayField: 'name' },
    { id: 'u3', key: 'method', kind: 'select', label: l('方式', 'Method'), options: [{ value: 'call', label: l('电话', 'Call') }, { value: 'visit', label: l('到店', 'Visit') }] },
  ],
};

const SALES_ROLE: RoleDefinition = {
  schemaVersion: 1,
  key: 'sales',
  name: l('销售', 'Sales'),
  grants: ['customer', 'followup'].map((form) => ({ form, actions: ['create', 'read', 'update'], scope: { kind: 'all' } })),
};

let harness: BrowserHarness;
let adminToken = '';
let colleagueToken = '';
let colleagueId = '';
let customerId = '';

const api = <T>(method: string, path: string, body?: unknown, token = adminToken) => harness.request<T>(method, path, body, sessionCookie(token));

async function photo(color: string): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: color } }).jpeg().toBuffer();
}

async function openCustomer(page: Page): Promise<void> {
  await page.goto(`${harness.baseUrl}/apps/crm/forms/customer/records/${customerId}`);
  await page.getByRole('heading', { name: '陈静', level: 1 }).waitFor();
}

beforeAll(async () => {
  harness = await startBrowserHarness();
  adminToken = await harness.setupAdmin({ name: '王小明', email: 'admin@example.com', password: 'correct-horse-9', locale: 'zh-CN' });
  await expectOk(api('POST', '/api/org-units', { id: 'hq', parentId: null, kind: 'hq', name: l('总部', 'HQ') }));
  await expectOk(api('POST', '/api/org-units', { id: 'sh01', parentId: 'hq', kind: 'store', name: l('上海一店', 'Shanghai 1') }));
  await expectOk(api('POST', '/api/apps', { schemaVersion: 1, key: 'crm', name: l('客户转化', 'Customer conversion') }));
  for (const form of [CUSTOMER_FORM, FOLLOWUP_FORM]) {
    await expectOk(api('POST', `${APP}/forms`, form));
    await expectOk(api('POST', `${APP}/forms/${form.key}/publish`, {}));
  }
  await expectOk(api('PUT', `${APP}/roles/sales`, SALES_ROLE));
  const colleague = await expectOk(api<{ id: string }>('POST', '/api/users', { email: 'lina@example.com', password: 'password-123', name: '李娜', locale: 'zh-CN' }));
  colleagueId = colleague.id;
  await expectOk(api('POST', `${APP}/members`, { userId: colleagueId, role: 'sales', orgUnitId: 'sh01' }));
  colleagueToken = (await expectOk(harness.request<{ token: string }>('POST', '/api/auth/login', { email: 'lina@example.com', password: 'password-123' }))).token;
  customerId = (await expectOk(api<{ id: string }>('POST', `${CUSTOMERS}/records`, { data: { name: '陈静', phone: '13912345678', level: 'normal' }, orgUnitId: 'sh01' }))).id;
  for (let i = 1; i <= 6; i++) {
    await expectOk(api('POST', `${FOLLOWUPS}/records`, { data: { note: `第 ${i} 次跟进`, customer: customerId, method: i % 2 ? 'call' : 'visit' } }));
  }
});

afterAll(async () => {
  await harness?.close();
});

describe('record page on a desktop (zh-CN)', () => {
  it('shows related follow-ups, takes a comment, photos and a new owner', async () => {
    const { page } = await harness.signedIn(adminToken, { width: 1280, height: 900 });
    await openCustomer(page);

    // Follow-ups pointing at this customer: the first five, the total, and links to all and to a new one.
    const related = page.locator('[data-related="followup.customer"]');
    await related.getByText('跟进记录（客户）').waitFor();
    expect(await related.locator('.ws-related__total').innerText()).toBe('6');
    expect(await related.locator('.ws-related__item').count()).toBe(5);
    const all = related.getByRole('link', { name: '查看全部 6 条' });
    const filter = JSON.parse(new URL(`${harness.baseUrl}${await all.getAttribute('href')}`).searchParams.get('filter')!);
    expect(filter).toEqual({ '==': [{ var: 'customer' }, customerId] });
    expect(await page.locator('.ws-owner dd').first().innerText()).toBe('王小明');
    expect(await page.locator('.ws-owner dd').nth(1).innerText()).toBe('上海一店');

    // A comment lands at the top of the timeline, with its author.
    await page.getByLabel('添加评论').fill('客户想周五来店里看新款');
    await page.getByRole('button', { name: '发表评论' }).click();
    const comment = page.locator('[data-event="commented"]').first();
    await comment.getByText('客户想周五来店里看新款').waitFor();
    expect(await comment.innerText()).toContain('你发表了评论');
    await expect.poll(() => page.getByLabel('添加评论').inputValue(), SLOW).toBe('');

    // Two photos uploaded into the file field show as thumbnails before the record is saved.
    await page.getByRole('link', { name: '编辑' }).click();
    await page.getByRole('heading', { name: '编辑 · 客户' }).waitFor();
    await page.locator('[data-field="photos"] input[type="file"]').setInputFiles([
      { name: '门头.jpg', mimeType: 'image/jpeg', buffer: await photo('#d04040') },
      { name: '货架.jpg', mimeType: 'image/jpeg', buffer: await photo('#3060c0') },
    ]);
    const thumbs = page.locator('[data-field="photos"] img.tg-file__thumb');
    await expect.poll(() => thumbs.count(), SLOW).toBe(2);
    await expect.poll(() => thumbs.first().evaluate((img: HTMLImageElement) => img.naturalWidth), SLOW).toBeGreaterThan(0);
    await page.getByText('2/3 个文件').waitFor();
    await shot(page, 'record360-upload-desktop-zh');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '陈静', level: 1 }).waitFor();

    // On the record page the photos open full size; arrows move between them and Esc closes.
    const attachments = page.locator('.ws-attachments');
    await expect.poll(() => attachments.locator('img').count(), SLOW).toBe(2);
    await attachments.getByRole('button', { name: '打开 门头.jpg' }).click();
    const viewer = page.getByRole('dialog', { name: '查看图片：门头.jpg' });
    await viewer.waitFor();
    await expect.poll(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth), SLOW).toBe(1200);
    await viewer.getByText('第 1 / 2 张').waitFor();
    await shot(page, 'record360-viewer-desktop-zh');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: '查看图片：货架.jpg' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count(), SLOW).toBe(0);

    // Handing the customer to a colleague: the owner reads by name, the timeline says who it was before.
    await page.getByRole('button', { name: '更换负责人' }).click();
    await page.getByLabel('新的负责人').selectOption({ label: '李娜' });
    await page.getByRole('button', { name: '确定更换' }).click();
    await expect.poll(() => page.locator('.ws-owner dd').first().innerText(), SLOW).toBe('李娜');
    // The new owner shows at once; the timeline entry follows when the history is read again.
    await expect.poll(() => page.locator('[data-event="updated"]').first().innerText(), SLOW).toMatch(/负责人[\s\S]*王小明[\s\S]*李娜/);
    const stored = await expectOk(api<{ ownerId: string; data: { photos: { mime: string }[] } }>('GET', `${CUSTOMERS}/records/${customerId}`));
    expect(stored.ownerId).toBe(colleagueId);
    expect(stored.data.photos.map((p) => p.mime)).toEqual(['image/jpeg', 'image/jpeg']);
    await shot(page, 'record360-desktop-zh');

    // "+ New" on the follow-ups opens their form with the customer already filled in.
    await related.getByRole('link', { name: '新建跟进记录' }).click();
    await page.getByRole('heading', { name: '新建 · 跟进记录' }).waitFor();
    expect(await page.getByLabel('客户').inputValue()).toBe(customerId);
  });
});

describe('an edit that meets a colleague\'s change (two browsers)', () => {
  it('shows what they changed and reapplies this user\'s edits on top', async () => {
    const mine = await harness.signedIn(adminToken, { width: 1280, height: 900 }, { locale: 'en' });
    const theirs = await harness.signedIn(colleagueToken, { width: 1280, height: 900 }, { locale: 'en' });
    const edit = `${harness.baseUrl}/apps/crm/forms/customer/records/${customerId}/edit`;
    for (const { page } of [mine, theirs]) {
      await page.goto(edit);
      await page.getByRole('heading', { name: 'Edit · Customers' }).waitFor();
    }
    // The colleague saves first.
    await theirs.page.getByRole('radio', { name: 'Gold' }).click();
    await theirs.page.getByRole('button', { name: 'Save' }).click();
    await theirs.page.getByRole('heading', { name: '陈静', level: 1 }).waitFor();

    await mine.page.getByLabel('Mobile').fill('13700001111');
    await mine.page.getByRole('button', { name: 'Save' }).click();
    await mine.page.getByText('Someone changed this record while you were editing').waitFor();
    const change = mine.page.locator('[data-conflict-event="updated"]');
    expect(await change.innerText()).toMatch(/李娜[\s\S]*Level[\s\S]*Normal[\s\S]*Gold/);
    await shot(mine.page, 'record360-conflict-desktop-en');
    await mine.page.getByRole('button', { name: 'Reapply my edits on top' }).click();
    await mine.page.getByText('They changed: Level', { exact: false }).waitFor();
    expect(await mine.page.getByLabel('Mobile').inputValue()).toBe('13700001111');
    expect(await mine.page.getByRole('radio', { name: 'Gold' }).getAttribute('aria-checked')).toBe('true');
    await mine.page.getByRole('button', { name: 'Save' }).click();
    await mine.page.getByRole('heading', { name: '陈静', level: 1 }).waitFor();
    const stored = await expectOk(api<{ data: Record<string, unknown> }>('GET', `${CUSTOMERS}/records/${customerId}`));
    expect(stored.data).toMatchObject({ level: 'gold', phone: '13700001111' });
  });
});

describe('record page on a phone (390x844, zh-CN)', () => {
  it('stacks fields, attachments, related records and the timeline in one column', async () => {
    // A long history comes a page at a time.
    for (let i = 1; i <= 30; i++) await expectOk(api('POST', `${CUSTOMERS}/records/${customerId}/comments`, { text: `回访记录 ${i}` }));
    const { page } = await harness.signedIn(adminToken, { width: 390, height: 844 }, { mobile: true });
    await openCustomer(page);
    const entries = page.locator('.ws-timeline__item');
    await expect.poll(() => entries.count(), SLOW).toBe(30);
    await page.getByRole('button', { name: '显示更早的动态' }).click();
    await page.getByText('你创建了记录').waitFor();
    expect(await entries.count()).toBeGreaterThan(30);
    expect(await page.getByRole('button', { name: '显示更早的动态' }).count()).toBe(0);
    await page.locator('[data-related="followup.customer"]').waitFor();
    await page.locator('.ws-attachments img').first().waitFor();
    const side = await page.locator('.ws-owner').boundingBox();
    const main = await page.locator('.ws-related').boundingBox();
    expect(side!.y).toBeGreaterThan(main!.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'record360-phone-zh');
  });
});
