/**
 * The staff workspace in a real browser: an admin builds a form through the API, then a clerk's phone
 * fills it (a block check refuses, a warn check asks for confirmation), finds the record through a filter
 * and opens its page; on a desktop in English the list sorts and an edit survives someone else's change.
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
    { id: 'f2', key: 'phone', kind: 'phone', label: l('手机号', 'Mobile'), region: 'cn-mobile', unique: true, help: l('11 位手机号', '11-digit mobile number') },
    { id: 'f3', key: 'channel', kind: 'select', label: l('来源渠道', 'Channel'), required: true, options: [
      { value: 'store', label: l('门店', 'Store') }, { value: 'expo', label: l('展会', 'Expo') }, { value: 'web', label: l('网站', 'Website') },
    ] },
    { id: 'f4', key: 'booth', kind: 'text', label: l('展位号', 'Booth'), required: true, visibleIf: { '==': [{ var: 'channel' }, 'expo'] } },
    { id: 'f5', key: 'age', kind: 'number', label: l('年龄', 'Age'), min: 0, max: 120 },
    { id: 'f6', key: 'budget', kind: 'money', label: l('预算', 'Budget'), currency: 'CNY' },
    { id: 'f7', key: 'vip', kind: 'yesno', label: l('VIP 客户', 'VIP') },
    { id: 'f8', key: 'visit_date', kind: 'date', label: l('到店日期', 'Visit date') },
    { id: 'f9', key: 'notes', kind: 'textarea', label: l('备注', 'Notes') },
    { id: 'f10', key: 'items', kind: 'subtable', label: l('意向商品', 'Products'), fields: [
      { id: 'f10a', key: 'product', kind: 'text', label: l('商品', 'Product'), required: true },
      { id: 'f10b', key: 'qty', kind: 'number', label: l('数量', 'Quantity'), min: 1 },
    ] },
  ],
  layout: [
    { id: 'who', title: l('客户', 'Customer'), columns: 2, fields: ['name', 'phone', 'channel', 'booth'] },
    { id: 'deal', title: l('意向', 'Interest'), columns: 2, fields: ['age', 'budget', 'vip', 'visit_date', 'notes', 'items'] },
  ],
  checks: [
    { id: 'web-no-vip', severity: 'block', when: { and: [{ '==': [{ var: 'channel' }, 'web'] }, { '==': [{ var: 'vip' }, true] }] }, message: l('网站线索不能直接设为 VIP', 'A website lead cannot be made VIP directly'), fields: ['vip'] },
    { id: 'child', severity: 'warn', when: { and: [{ '!=': [{ var: 'age' }, null] }, { '<': [{ var: 'age' }, 12] }] }, message: l('年龄小于 12 岁，请核对', 'Under 12 years old: please check'), fields: ['age'] },
  ],
};

let harness: BrowserHarness;
let cookie = '';
let token = '';

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return harness.request<T>(method, path, body, cookie);
}

async function signedIn(viewport: { width: number; height: number }, options: { mobile?: boolean; locale?: string }) {
  return harness.signedIn(token, viewport, options);
}

beforeAll(async () => {
  harness = await startBrowserHarness();
  token = await harness.setupAdmin(ADMIN);
  cookie = `tangram_session=${token}`;
  await expectOk(api('POST', '/api/apps', { schemaVersion: 1, key: 'crm', name: l('客户转化', 'Customer conversion'), icon: '🛍' }));
  await expectOk(api('POST', '/api/apps/crm/forms', LEAD_FORM));
  await expectOk(api('POST', `${LEADS}/publish`, { note: 'first version' }));
});

afterAll(async () => {
  await harness?.close();
});

describe('workspace on a phone (390x844, zh-CN)', () => {
  it('fills the form through a block and a warn check, finds the record by a filter and opens it', async () => {
    const { page } = await signedIn({ width: 390, height: 844 }, { mobile: true });
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === `${LEADS}/records`) posts.push(request.postData() ?? '');
    });

    // The list starts empty and offers the first record.
    await page.goto(`${harness.baseUrl}/apps/crm/forms/lead`);
    await page.getByRole('heading', { name: '线索' }).waitFor();
    await page.getByText('还没有记录').waitFor();
    await shot(page, 'list-empty-phone-zh');
    await page.getByRole('link', { name: '新建记录' }).first().click();
    await page.getByRole('heading', { name: '新建 · 线索' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/apps/crm/forms/lead/new');

    // Saving an empty form names every required field without calling the server.
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('有 2 处需要修改').waitFor();
    expect(await page.getByLabel('姓名').getAttribute('aria-invalid')).toBe('true');
    expect(posts).toEqual([]);

    // One column on a phone: the sections' second column wraps under the first.
    const name = await page.getByLabel('姓名').boundingBox();
    const phone = await page.getByLabel('手机号').boundingBox();
    expect(phone!.y).toBeGreaterThan(name!.y + name!.height);

    await page.getByLabel('姓名').fill('张小红');
    await page.getByLabel('手机号').fill('138 0013 8000');
    // The booth appears only for expo leads, live.
    expect(await page.getByLabel('展位号').count()).toBe(0);
    await page.getByRole('radio', { name: '展会' }).click();
    await page.getByLabel('展位号').waitFor();
    await page.getByRole('radio', { name: '网站' }).click();
    expect(await page.getByLabel('展位号').count()).toBe(0);
    await page.getByLabel('年龄').fill('8');
    await page.getByLabel('预算').fill('5000');
    await page.locator('[data-field="vip"]').getByRole('radio', { name: '是' }).click();
    // Sub-table rows: add two, remove the second; the row's own fields are checked too.
    const items = page.locator('[data-field="items"]');
    await items.getByRole('button', { name: '添加一行' }).click();
    await items.getByRole('button', { name: '添加一行' }).click();
    expect(await items.getByText('第 2 行').count()).toBe(1);
    await items.getByRole('button', { name: '删除此行' }).nth(1).click();
    expect(await items.getByText('第 2 行').count()).toBe(0);
    await items.getByLabel('数量', { exact: true }).fill('2');
    await shot(page, 'form-filled-phone-zh');

    // The block check refuses, next to its field, in the browser already.
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('[data-field="vip"]').getByText('网站线索不能直接设为 VIP').waitFor();
    await page.locator('[data-field="product"]').getByText('必填').waitFor();
    await items.getByLabel(/^商品/).fill('孕妇营养套装');
    await shot(page, 'form-blocked-phone-zh');
    expect(posts).toEqual([]);

    // A store lead may be VIP: now the warn check asks for a confirmation before anything is sent.
    await page.getByRole('radio', { name: '门店' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('年龄小于 12 岁，请核对').waitFor();
    await shot(page, 'form-warn-phone-zh');
    expect(posts).toEqual([]);
    await dialog.getByRole('button', { name: '确认并保存' }).click();

    // Saved with the confirmation; the record page shows the fields and who created it.
    await page.getByRole('heading', { name: '张小红' }).waitFor();
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0] as string)).toMatchObject({ data: { name: '张小红', channel: 'store', age: 8, budget: '5000', vip: true, items: [{ product: '孕妇营养套装', qty: 2 }] }, confirmedWarnings: ['child'] });
    const recordPath = new URL(page.url()).pathname;
    expect(recordPath).toMatch(/^\/apps\/crm\/forms\/lead\/records\/\d+$/);
    await page.getByText('你创建了记录').waitFor();
    await page.locator('[data-field="phone"]').getByText('13800138000').waitFor();
    await page.locator('[data-field="channel"]').getByText('门店').waitFor();
    await page.locator('[data-field="vip"]').getByText('是').waitFor();
    await page.locator('[data-field="items"]').getByRole('cell', { name: '孕妇营养套装' }).waitFor();
    await shot(page, 'record-phone-zh');

    // Two more leads, then the list finds hers by a filter and shows cards on a phone.
    await expectOk(api('POST', `${LEADS}/records`, { data: { name: '李四', channel: 'expo', booth: 'A12', budget: '80000' } }));
    await expectOk(api('POST', `${LEADS}/records`, { data: { name: '王五', channel: 'web', age: 40 } }));
    await page.goto(`${harness.baseUrl}/apps/crm/forms/lead`);
    await page.getByText('共 3 条').waitFor();
    expect(await page.locator('.ws-card').count()).toBe(3);
    await expect.poll(() => page.locator('.ws-table-wrap').isVisible()).toBe(false);
    await page.getByLabel('字段').selectOption({ label: '姓名' });
    await page.getByLabel('条件').selectOption({ label: '包含' });
    await page.getByLabel('值').fill('小红');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await page.getByText('共 1 条').waitFor();
    await shot(page, 'list-filtered-phone-zh');
    expect(await page.locator('.ws-card').count()).toBe(1);
    await page.getByRole('link', { name: '打开记录 张小红' }).click();
    await page.getByText('你创建了记录').waitFor();
    expect(new URL(page.url()).pathname).toBe(recordPath);

    // A filter nothing matches says so.
    await page.goBack();
    await page.getByLabel('值').fill('没有这个人');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await page.getByText('没有符合条件的记录').waitFor();
  });
});

describe('workspace on a desktop (en)', () => {
  it('sorts the list, edits a record someone else changed meanwhile, and deletes one', async () => {
    const { page } = await signedIn({ width: 1280, height: 860 }, { locale: 'en' });
    await page.goto(`${harness.baseUrl}/apps/crm/forms/lead`);
    await page.getByRole('heading', { name: 'Leads' }).waitFor();
    await page.getByText('3 records').waitFor();
    const names = () => page.locator('.ws-table tbody tr td:nth-child(2)').allInnerTexts();
    await page.getByRole('button', { name: 'Sort by "Name"' }).click();
    await expect.poll(names).toEqual([...(await names())].sort());
    await expect.poll(() => page.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('button', { name: 'Sort by "Budget"' }).click();
    await expect.poll(names).toEqual(['张小红', '李四', '王五']);
    await shot(page, 'list-desktop-en');

    // Open 李四, start editing, and meanwhile someone else changes the record.
    await page.getByRole('link', { name: '李四' }).click();
    await page.getByRole('heading', { name: '李四' }).waitFor();
    await page.getByText('You created the record').waitFor();
    await shot(page, 'record-desktop-en');
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit · Leads' }).waitFor();
    expect(await page.getByLabel('Booth').inputValue()).toBe('A12');
    await page.getByLabel('Notes').fill('Wants a quote');
    await expectOk(api('PATCH', `${LEADS}/records/${id}`, { version: 1, data: { budget: '90000' } }));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Someone changed this record while you were editing').waitFor();
    // What they changed is shown before anything is merged.
    await expect.poll(() => page.locator('[data-conflict-event="updated"]').innerText()).toMatch(/Budget[\s\S]*80000\.00[\s\S]*90000\.00/);
    await shot(page, 'form-stale-desktop-en');
    await page.getByRole('button', { name: 'Reapply my edits on top' }).click();
    await page.getByText('The latest version is loaded. They changed: Budget.', { exact: false }).waitFor();
    await expect.poll(() => page.getByLabel('Budget').inputValue()).toBe('90000.00');
    expect(await page.getByLabel('Notes').inputValue()).toBe('Wants a quote');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: '李四' }).waitFor();
    // Newest first: this user's notes, then the other change to the budget.
    const updates = page.locator('[data-event="updated"]');
    await expect.poll(() => updates.count()).toBe(2);
    expect(await updates.nth(0).innerText()).toMatch(/You changed the record[\s\S]*Notes[\s\S]*Wants a quote/);
    expect(await updates.nth(1).innerText()).toMatch(/Budget[\s\S]*80000\.00[\s\S]*90000\.00/);
    await page.locator('[data-field="notes"]').getByText('Wants a quote').waitFor();
    const record = await expectOk(api<{ version: number; data: Record<string, unknown> }>('GET', `${LEADS}/records/${id}`));
    expect(record).toMatchObject({ version: 3, data: { budget: '90000.00', notes: 'Wants a quote' } });

    // A mobile number that another lead already has is refused by the server, next to its field.
    await page.goto(`${harness.baseUrl}/apps/crm/forms/lead/new`);
    await page.getByLabel('Name').fill('Copy cat');
    await page.getByLabel('Mobile').fill('13800138000');
    await page.getByRole('radio', { name: 'Store' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-field="phone"]').getByText('The value of "Mobile" already exists').waitFor();
    await shot(page, 'form-unique-desktop-en');
    await page.goBack();
    await page.getByRole('heading', { name: '李四' }).waitFor();

    // Delete asks first; cancelling keeps the record, confirming removes it from the list.
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByText('Delete this record?').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alertdialog').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('2 records').waitFor();
    expect(await page.getByRole('link', { name: '李四' }).count()).toBe(0);
  });
});

describe('workspace for a clerk whose role hides a field (390x844, zh-CN)', () => {
  it('offers only what the role grants and never shows the hidden field', async () => {
    await expectOk(api('POST', '/api/org-units', { id: 'hq', parentId: null, kind: 'hq', name: l('总部', 'HQ') }));
    await expectOk(api('POST', '/api/org-units', { id: 'sh01', parentId: 'hq', kind: 'store', name: l('上海一店', 'Shanghai 1') }));
    const clerk = await expectOk(api<{ id: string }>('POST', '/api/users', { email: 'clerk@example.com', password: 'clerk-pass-1', name: '李店员', locale: 'zh-CN' }));
    await expectOk(api('PUT', '/api/apps/crm/roles/clerk', {
      schemaVersion: 1, key: 'clerk', name: l('店员', 'Clerk'),
      grants: [{ form: 'lead', actions: ['create', 'read'], scope: { kind: 'mine' }, fieldRules: [{ field: 'budget', access: 'hidden' }] }],
    }));
    await expectOk(api('POST', '/api/apps/crm/members', { userId: clerk.id, role: 'clerk', orgUnitId: 'sh01' }));
    const login = await fetch(`${harness.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'clerk@example.com', password: 'clerk-pass-1' }) });
    expect(login.status).toBe(200);
    const clerkToken = ((await login.json()) as { token: string }).token;

    const { context, page } = await harness.openBrowser({ width: 390, height: 844 }, { mobile: true });
    await context.addCookies([{ name: 'tangram_session', value: clerkToken, url: harness.baseUrl }]);
    await page.goto(`${harness.baseUrl}/apps/crm/forms/lead`);
    await page.getByText('还没有记录').waitFor();
    await page.getByRole('link', { name: '新建记录' }).first().click();
    await page.getByLabel('姓名').fill('赵六');
    await page.getByRole('radio', { name: '门店' }).click();
    expect(await page.getByLabel('预算').count()).toBe(0);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '赵六' }).waitFor();
    await page.getByText('你创建了记录').waitFor();
    expect(await page.locator('[data-field="budget"]').count()).toBe(0);
    // The role grants neither update nor delete: the record page offers neither.
    expect(await page.getByRole('link', { name: '编辑' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '删除' }).count()).toBe(0);
    await shot(page, 'record-clerk-phone-zh');
  });
});
