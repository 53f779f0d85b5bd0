/**
 * Lead capture through a public link: an admin publishes the form to the public from the workspace, an
 * anonymous visitor's phone opens the link with `?channel=expo`, is stopped by the form's own check, fixes
 * it and sees the thank-you page; the lead shows up in the list with its channel, and the same phone sent
 * again adds no second lead.
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
    { id: 'f2', key: 'phone', kind: 'phone', label: l('手机号', 'Mobile'), region: 'cn-mobile', required: true },
    { id: 'f3', key: 'channel', kind: 'select', label: l('来源渠道', 'Channel'), options: [
      { value: 'store', label: l('门店', 'Store') }, { value: 'expo', label: l('展会', 'Expo') }, { value: 'web', label: l('网站', 'Website') },
    ] },
    { id: 'f4', key: 'notes', kind: 'textarea', label: l('备注', 'Notes') },
  ],
};

let harness: BrowserHarness;
let cookie = '';
let token = '';

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return harness.request<T>(method, path, body, cookie);
}

const leads = async () => (await expectOk(api<{ items: { data: Record<string, unknown> }[]; total: number }>('GET', `${LEADS}/records?limit=100`)));

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

describe('public form (lead capture)', () => {
  it('is enabled by an admin, submitted through its link on a phone, and merges a repeated phone', async () => {
    // The admin opens the form's public settings from the workspace list.
    const admin = await harness.openBrowser({ width: 1280, height: 860 });
    await admin.context.addCookies([{ name: 'tangram_session', value: token, url: harness.baseUrl }]);
    const desk = admin.page;
    await desk.goto(`${harness.baseUrl}/apps/crm/forms/lead`);
    await desk.getByRole('link', { name: '公开表单' }).click();
    await desk.getByRole('heading', { name: '公开表单 · 线索' }).waitFor();
    await desk.getByText('保存设置后即可获得链接').waitFor();

    // Public: name, phone and notes are shown; the channel is hidden and filled by the link.
    await desk.getByRole('checkbox', { name: '允许公开填写' }).check();
    await desk.getByRole('checkbox', { name: '来源渠道', exact: true }).uncheck();
    await desk.getByRole('checkbox', { name: /来源渠道 \?channel=/ }).check();
    await desk.getByLabel('感谢页标题 · 中文').fill('感谢您的关注！');
    await desk.getByRole('button', { name: '保存设置' }).click();
    await desk.getByText('设置已保存').waitFor();
    const link = await desk.getByRole('textbox', { name: '分享链接' }).inputValue();
    expect(link).toMatch(new RegExp(`^${harness.baseUrl}/f/[A-Za-z0-9_-]{24}$`));
    await expect.poll(() => desk.getByRole('img', { name: '分享链接的二维码' }).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
    expect(await desk.getByRole('textbox', { name: '嵌入网页' }).inputValue()).toContain(`<iframe src="${link}"`);
    await shot(desk, 'public-form-settings-desktop-zh');

    // An anonymous phone (no session, no cookie) opens the link from an expo QR code.
    const visitor = await harness.openBrowser({ width: 390, height: 844 }, { mobile: true });
    const phone = visitor.page;
    const posts: string[] = [];
    phone.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/submissions')) posts.push(request.postData() ?? '');
    });
    await phone.goto(`${link}?channel=expo`);
    await phone.getByRole('heading', { name: '线索' }).waitFor();
    expect(new URL(phone.url()).pathname).toMatch(/^\/f\//);
    expect(await phone.getByLabel('来源渠道').count()).toBe(0);
    expect(await phone.getByRole('button', { name: '退出登录' }).count()).toBe(0);

    // A wrong phone number is caught by the same engine before anything is sent.
    await phone.getByLabel('姓名').fill('陈小姐');
    await phone.getByLabel('手机号').fill('1380013');
    await phone.getByRole('button', { name: '提交' }).click();
    expect(await phone.getByLabel('手机号').getAttribute('aria-invalid')).toBe('true');
    await phone.getByText('请修改 1 处错误后再提交').waitFor();
    await shot(phone, 'public-form-error-phone-zh');
    expect(posts).toEqual([]);

    await phone.getByLabel('手机号').fill('13800138000');
    await phone.getByRole('button', { name: '提交' }).click();
    await phone.getByRole('heading', { name: '感谢您的关注！' }).waitFor();
    await shot(phone, 'public-form-thanks-phone-zh');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!)).toMatchObject({ data: { name: '陈小姐', phone: '13800138000' }, params: { channel: 'expo' } });

    // The lead is in the admin's list with its channel from the link.
    await desk.goto(`${harness.baseUrl}/apps/crm/forms/lead`);
    await desk.getByText('共 1 条').waitFor();
    const row = desk.getByRole('row', { name: /陈小姐/ });
    await row.getByText('展会').waitFor();
    expect((await leads()).items[0]!.data).toMatchObject({ name: '陈小姐', phone: '13800138000', channel: 'expo' });

    // The same visitor sends the form again: thanked again, no second lead.
    await phone.getByRole('button', { name: '再填一份' }).click();
    await phone.getByLabel('姓名').fill('陈女士');
    await phone.getByLabel('手机号').fill('13800138000');
    await phone.getByRole('button', { name: '提交' }).click();
    await phone.getByRole('heading', { name: '感谢您的关注！' }).waitFor();
    expect(posts).toHaveLength(2);
    expect((await leads()).total).toBe(1);
    // Its history says a visitor created it and sent it again.
    await desk.getByRole('link', { name: /陈小姐/ }).first().click();
    await desk.getByText('访客创建了记录').waitFor();
    await desk.getByText('访客再次提交了公开表单（未新建记录）').waitFor();

    // The language switch re-words the page for an English reader.
    await phone.getByRole('button', { name: 'English' }).click();
    await phone.getByRole('button', { name: 'Fill in another' }).waitFor();

    // The settings screen on a designer's phone: one column, nothing wider than the screen.
    const small = await harness.openBrowser({ width: 390, height: 844 }, { mobile: true });
    await small.context.addCookies([{ name: 'tangram_session', value: token, url: harness.baseUrl }]);
    await small.page.goto(`${harness.baseUrl}/apps/crm/forms/lead/public`);
    await small.page.getByRole('textbox', { name: '分享链接' }).waitFor();
    expect(await small.page.getByRole('checkbox', { name: '允许公开填写' }).isChecked()).toBe(true);
    expect(await small.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(small.page, 'public-form-settings-phone-zh');
  });
});
