/**
 * Live updates in real browsers: a store manager watches the lead list on a desktop (zh-CN) while a clerk
 * adds a lead on a phone (en); the manager's list offers the new record without a page reload. Then the
 * manager reads that record while the clerk edits it, and is told the page shows an earlier version.
 */
import type { FormDefinition, RoleDefinition } from '@tangram/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, shot, startBrowserHarness, type BrowserHarness } from './harness';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const LEADS = '/api/apps/crm/forms/lead';

const LEAD_FORM: FormDefinition = {
  schemaVersion: 1,
  key: 'lead',
  name: l('线索', 'Leads'),
  fields: [
    { id: 'f1', key: 'name', kind: 'text', label: l('姓名', 'Name'), required: true },
    { id: 'f2', key: 'notes', kind: 'text', label: l('备注', 'Notes') },
  ],
};

const STAFF_ROLE: RoleDefinition = {
  schemaVersion: 1,
  key: 'staff',
  name: l('店员', 'Staff'),
  grants: [{ form: 'lead', actions: ['create', 'read', 'update'], scope: { kind: 'all' } }],
};

let harness: BrowserHarness;
let adminCookie = '';

async function api<T>(method: string, path: string, body?: unknown, cookie = adminCookie): Promise<T> {
  return expectOk(harness.request<T>(method, path, body, cookie));
}

/** A browser signed in as `email` (a fresh profile, its own session). */
async function signedIn(email: string, viewport: { width: number; height: number }, options: { mobile?: boolean; locale?: string }) {
  const { token } = await api<{ token: string }>('POST', '/api/auth/login', { email, password: 'password-123' }, '');
  return harness.signedIn(token, viewport, options);
}

/** Marks the document, so a later check can tell the page was never reloaded. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => { (globalThis as { __sameDocument?: boolean }).__sameDocument = true; });
}
async function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as { __sameDocument?: boolean }).__sameDocument === true);
}

beforeAll(async () => {
  harness = await startBrowserHarness();
  const setup = await fetch(`${harness.baseUrl}/api/setup`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: '王小明', email: 'admin@example.com', password: 'password-123', locale: 'zh-CN' }),
  });
  expect(setup.status).toBe(201);
  adminCookie = `tangram_session=${((await setup.json()) as { token: string }).token}`;
  await api('POST', '/api/org-units', { id: 'hq', parentId: null, kind: 'hq', name: l('总部', 'HQ') });
  await api('POST', '/api/org-units', { id: 'sh01', parentId: 'hq', kind: 'store', name: l('上海一店', 'Shanghai 1') });
  await api('POST', '/api/apps', { schemaVersion: 1, key: 'crm', name: l('客户转化', 'Customer conversion') });
  await api('POST', '/api/apps/crm/forms', LEAD_FORM);
  await api('POST', `${LEADS}/publish`, {});
  await api('PUT', '/api/apps/crm/roles/staff', STAFF_ROLE);
  for (const [email, name] of [['manager@example.com', '李店长'], ['clerk@example.com', 'Amy']] as const) {
    const user = await api<{ id: string }>('POST', '/api/users', { email, password: 'password-123', name, locale: 'zh-CN' });
    await api('POST', '/api/apps/crm/members', { userId: user.id, role: 'staff', orgUnitId: 'sh01' });
  }
  await api('POST', `${LEADS}/records`, { data: { name: '张三' } });
});

afterAll(async () => {
  await harness?.close();
});

describe('live updates between two browsers', () => {
  it("shows a record added on one browser in the other's list without a reload, and flags a record changed elsewhere", async () => {
    const manager = await signedIn('manager@example.com', { width: 1280, height: 800 }, { locale: 'zh-CN' });
    const clerk = await signedIn('clerk@example.com', { width: 390, height: 844 }, { mobile: true, locale: 'en' });

    // The manager's list: one record, no live notice yet.
    await manager.page.goto(`${harness.baseUrl}/apps/crm/forms/lead`);
    await manager.page.getByRole('link', { name: '张三' }).first().waitFor();
    await manager.page.getByText('共 1 条').waitFor();
    await markDocument(manager.page);
    expect(await manager.page.getByRole('status').filter({ hasText: '新记录' }).count()).toBe(0);

    // The clerk adds a lead on the phone.
    await clerk.page.goto(`${harness.baseUrl}/apps/crm/forms/lead/new`);
    await clerk.page.getByLabel('Name').fill('Li Lei');
    await clerk.page.getByRole('button', { name: 'Save' }).click();
    await clerk.page.getByRole('heading', { name: 'Li Lei' }).waitFor();

    // The manager's list offers it, on the same document; "显示" reads the list again.
    const bar = manager.page.getByRole('status').filter({ hasText: '有 1 条新记录' });
    await bar.waitFor();
    await shot(manager.page, 'realtime-list-new-desktop-zh');
    expect(await manager.page.getByRole('link', { name: 'Li Lei' }).count()).toBe(0);
    await bar.getByRole('button', { name: '显示' }).focus();
    await manager.page.keyboard.press('Enter');
    await manager.page.getByRole('link', { name: 'Li Lei' }).first().waitFor();
    expect(await bar.isVisible()).toBe(false);
    expect(await isSameDocument(manager.page)).toBe(true);

    // The manager opens the record; the clerk edits it; the manager is told and reloads.
    await manager.page.getByRole('link', { name: 'Li Lei' }).first().click();
    await manager.page.getByRole('heading', { name: 'Li Lei' }).waitFor();
    await markDocument(manager.page);
    await clerk.page.getByRole('link', { name: 'Edit' }).click();
    await clerk.page.getByLabel('Notes').fill('Wants a call on Friday');
    await clerk.page.getByRole('button', { name: 'Save' }).click();
    await clerk.page.getByText('Wants a call on Friday').first().waitFor();

    const notice = manager.page.getByRole('status').filter({ hasText: '其他人刚刚修改了这条记录' });
    await notice.waitFor();
    expect(await manager.page.getByText('Wants a call on Friday').count()).toBe(0);
    await shot(manager.page, 'realtime-record-changed-desktop-zh');
    await notice.getByRole('button', { name: '重新加载' }).click();
    await manager.page.getByText('Wants a call on Friday').first().waitFor();
    expect(await notice.isVisible()).toBe(false);
    expect(await isSameDocument(manager.page)).toBe(true);
  });

  it('shows the live notice on a phone too, in English', async () => {
    const clerk = await signedIn('clerk@example.com', { width: 390, height: 844 }, { mobile: true, locale: 'en' });
    await clerk.page.goto(`${harness.baseUrl}/apps/crm/forms/lead`);
    await clerk.page.getByRole('link', { name: /Li Lei/ }).first().waitFor();
    await markDocument(clerk.page);
    await api('POST', `${LEADS}/records`, { data: { name: '王五' } });
    await api('POST', `${LEADS}/records`, { data: { name: '赵六' } });
    const bar = clerk.page.getByRole('status').filter({ hasText: /new record/ });
    await bar.getByText('2 new records').waitFor();
    await shot(clerk.page, 'realtime-list-new-phone-en');
    await bar.getByRole('button', { name: 'Show' }).click();
    await clerk.page.getByRole('link', { name: /赵六/ }).first().waitFor();
    expect(await isSameDocument(clerk.page)).toBe(true);
  });
});
