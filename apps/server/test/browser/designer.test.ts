/**
 * The form designer in a real browser: an admin creates a form, drags ten field kinds in (one with the
 * keyboard), reorders and moves them between sections, sets options and two cross-field checks with the
 * visual condition builder, undoes and redoes, previews it as a phone, and publishes with a note. A clerk's
 * phone (390x844) then fills it through the block and the warn check, finds the record by a filter and
 * opens its page; back in the designer a new required field shows its impact on that record before v2.
 */
import type { FormDefinition } from '@tangram/schema';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragWithPointer, sessionCookie, shot, startBrowserHarness, type BrowserHarness } from './harness';

const ADMIN = { name: 'Wang', email: 'admin@example.com', password: 'correct-horse-9', locale: 'en' };
const FORM = '/api/apps/crm/forms/lead';

let harness: BrowserHarness;
let token = '';

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return harness.request<T>(method, path, body, sessionCookie(token));
}

async function signedIn(viewport: { width: number; height: number }, options: { mobile?: boolean; locale?: string }) {
  return harness.signedIn(token, viewport, options);
}

/** Drags `from` (scrolled into view first) onto a point of the page, and waits for the drop to settle. */
async function drag(page: Page, from: Locator, to: { x: number; y: number }): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  await dragWithPointer(page, from, to);
  // The next drag (pointer or keyboard) measures the cards: only once this drop's animation is over.
  await page.locator('.dz-overlay').waitFor({ state: 'detached' });
}

/**
 * A point on a section's header, away from its cards: dropping there appends to the section. The page is
 * scrolled to the top first, so dragging near the window's edge cannot scroll the target away.
 */
async function endOf(section: Locator): Promise<{ x: number; y: number }> {
  await section.page().evaluate(() => window.scrollTo(0, 0));
  const box = (await section.boundingBox())!;
  return { x: box.x + box.width * 0.45, y: box.y + 14 };
}

const fieldOrder = (section: Locator) => section.locator('[data-field]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-field')));

beforeAll(async () => {
  harness = await startBrowserHarness();
  token = await harness.setupAdmin(ADMIN);
  const created = await api('POST', '/api/apps', { schemaVersion: 1, key: 'crm', name: { 'zh-CN': '客户转化', en: 'Customer conversion' } });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await harness?.close();
});

describe('form designer', () => {
  it('designs a form by dragging, publishes it, and a phone fills it through both checks', async () => {
    // Tall enough that nothing scrolls while dragging (the page scrolls itself near its edges while a drag is on).
    const { page } = await signedIn({ width: 1360, height: 1400 }, { locale: 'en' });

    // From the app home to a new form.
    await page.goto(`${harness.baseUrl}/apps/crm`);
    await page.getByRole('link', { name: 'New form' }).click();
    await page.getByLabel('Form name').fill('Leads');
    await page.getByLabel(/^Key/).fill('lead');
    await page.getByRole('button', { name: 'Create and design' }).click();
    await page.getByRole('heading', { name: 'Design · Leads' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/apps/crm/design/lead');

    // Nine kinds dragged in with the pointer, each appended to the first section.
    const basics = page.locator('[data-section="s1"]');
    const kinds = ['text', 'number', 'select', 'yesno', 'date', 'money', 'phone', 'textarea', 'rating'];
    for (const [i, kind] of kinds.entries()) {
      await drag(page, page.locator(`.dz-palette [data-kind="${kind}"]`), await endOf(basics));
      await expect.poll(() => basics.locator('[data-field]').count(), { timeout: 5000 }).toBe(i + 1);
    }
    expect(await fieldOrder(basics)).toEqual(kinds.map((k) => `${k}_1`));

    // The tenth with the keyboard only: Space picks it up, an arrow key moves it onto the canvas, Space drops.
    await page.locator('.dz-palette [data-kind="email"]').focus();
    await page.keyboard.press('Space');
    // The live region speaks the drag (it moves on from "Picked up" as soon as a target is near).
    await page.getByText(/Picked up Email\.|Email is over/).waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await expect.poll(() => basics.locator('[data-field]').count()).toBe(10);
    expect(await fieldOrder(basics)).toContain('email_1');
    await page.getByText(/Email was dropped on/).waitFor({ state: 'attached' });

    // Reorder: rating goes to the top; a second section takes the long text; two columns for the first.
    await drag(page, basics.locator('[data-field="rating_1"] .dz-card__handle'), await (async () => {
      const box = (await basics.locator('[data-field="text_1"]').boundingBox())!;
      return { x: box.x + box.width / 2, y: box.y + 6 };
    })());
    await expect.poll(() => fieldOrder(basics)).toEqual(expect.arrayContaining(['rating_1']));
    expect((await fieldOrder(basics))[0]).toBe('rating_1');
    // The same with the keyboard, on a card's handle: down one place, then back up.
    const handle = basics.locator('[data-field="text_1"] .dz-card__handle');
    for (const [key, expected] of [['ArrowDown', ['rating_1', 'number_1', 'text_1']], ['ArrowUp', ['rating_1', 'text_1', 'number_1']]] as const) {
      await handle.focus();
      await page.keyboard.press('Space');
      await page.getByText('Text is over Text.').waitFor({ state: 'attached' });
      // dnd-kit measures where the cards are in the frames after a pick-up; an arrow pressed sooner (as a
      // script under load can, a person can't) finds nothing to move to.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      await page.keyboard.press(key);
      // Each step is announced; drop once the target is taken.
      await page.getByText('Text is over Number.').waitFor({ state: 'attached' });
      await page.keyboard.press('Space');
      await expect.poll(async () => (await fieldOrder(basics)).slice(0, 3)).toEqual(expected);
    }
    await page.getByLabel('Columns · Basics').selectOption('2');
    await page.getByRole('button', { name: 'Add section' }).click();
    const more = page.locator('[data-section="s2"]');
    await more.getByText('Drop fields here').waitFor();
    await drag(page, basics.locator('[data-field="textarea_1"] .dz-card__handle'), await endOf(more));
    await expect.poll(() => fieldOrder(more)).toEqual(['textarea_1']);
    expect(await fieldOrder(basics)).not.toContain('textarea_1');

    // Properties: labels in both languages, keys, required, options with colours.
    const side = page.locator('.dz-side');
    const edit = async (card: string, values: { zh: string; en: string; key: string; required?: boolean }) => {
      await page.locator(`[data-field="${card}"] .dz-card__body`).click();
      await side.getByLabel('Label (Chinese)').fill(values.zh);
      await side.getByLabel('Label (English)').fill(values.en);
      await side.getByLabel('Key', { exact: true }).fill(values.key);
      if (values.required) await side.getByLabel('Required', { exact: true }).check();
      await page.locator(`[data-field="${values.key}"]`).waitFor();
    };
    await edit('text_1', { zh: '姓名', en: 'Name', key: 'name', required: true });
    await edit('number_1', { zh: '年龄', en: 'Age', key: 'age' });
    await edit('yesno_1', { zh: 'VIP 客户', en: 'VIP', key: 'vip' });
    await edit('select_1', { zh: '来源渠道', en: 'Channel', key: 'channel' });
    await side.getByLabel('Option value 1').fill('store');
    await side.getByLabel('Chinese 1').fill('门店');
    await side.getByLabel('English 1').fill('Store');
    await side.getByLabel('Colour 1').selectOption('#1f9d55');
    await side.getByLabel('Option value 2').fill('web');
    await side.getByLabel('Chinese 2').fill('网站');
    await side.getByLabel('English 2').fill('Website');

    // A bad key is refused by the server and shown on the field and the property until it is fixed.
    await page.locator('[data-field="money_1"] .dz-card__body').click();
    await side.getByLabel('Key', { exact: true }).fill('1budget');
    await page.locator('[data-save="invalid"]').waitFor();
    await side.locator('.field--invalid').getByRole('alert').waitFor();
    expect(await page.locator('[data-field="1budget"]').getAttribute('class')).toContain('dz-card--invalid');
    await shot(page, 'designer-problem-desktop-en');
    // A key another field has is held back with a message instead of being applied.
    await side.getByLabel('Key', { exact: true }).fill('name');
    await side.getByText('Another field already uses the key name; pick another.').waitFor();
    expect(await page.locator('[data-field="name"]').count()).toBe(1);
    await side.getByLabel('Key', { exact: true }).fill('budget');
    await page.locator('[data-save="saved"]').waitFor();

    // Two checks built with the visual condition builder.
    await page.getByRole('tab', { name: 'Checks' }).click();
    await side.getByRole('button', { name: 'Add check' }).click();
    const block = side.locator('[data-check="c1"]');
    await block.getByLabel('What happens').selectOption('block');
    await block.getByRole('button', { name: 'Add condition' }).click();
    await block.getByLabel('Field').nth(0).selectOption({ label: 'Channel' });
    await block.getByLabel('Value').nth(0).selectOption({ label: 'Website' });
    await block.getByRole('button', { name: 'Add condition' }).click();
    await block.getByLabel('Field').nth(1).selectOption({ label: 'VIP' });
    await block.getByLabel('Message (Chinese)').fill('网站线索不能直接设为 VIP');
    await block.getByLabel('Message (English)').fill('A website lead cannot be made VIP directly');
    await block.getByLabel('VIP', { exact: true }).check();
    await side.getByRole('button', { name: 'Add check' }).click();
    const warn = side.locator('[data-check="c2"]');
    await warn.getByLabel('What happens').selectOption('warn');
    await warn.getByRole('button', { name: 'Add condition' }).click();
    await warn.getByLabel('Field').selectOption({ label: 'Age' });
    await warn.getByLabel('Comparison').selectOption({ label: 'less than' });
    await warn.getByLabel('Value').fill('12');
    await warn.getByLabel('Message (Chinese)').fill('年龄小于 12 岁，请核对');
    await warn.getByLabel('Message (English)').fill('Under 12 years old: please check');
    await warn.getByLabel('Age', { exact: true }).check();

    // Undo takes the last edit back, redo restores it (keyboard shortcuts and buttons).
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => warn.getByLabel('Age', { exact: true }).isChecked()).toBe(false);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => warn.getByLabel('Age', { exact: true }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => warn.getByLabel('Age', { exact: true }).isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => warn.getByLabel('Age', { exact: true }).isChecked()).toBe(true);
    await page.locator('[data-save="saved"]').waitFor();
    await shot(page, 'designer-desktop-en');

    // The saved draft is what the screen shows.
    const draft = (await api<{ body: FormDefinition }>('GET', FORM)).body.body;
    expect(draft.fields.map((f) => f.key).sort()).toEqual(['age', 'budget', 'channel', 'date_1', 'email_1', 'name', 'phone_1', 'rating_1', 'textarea_1', 'vip']);
    expect(draft.layout).toEqual([
      { id: 's1', title: { 'zh-CN': '基本信息', en: 'Basics' }, columns: 2, fields: ['rating_1', 'name', 'age', 'channel', 'vip', 'date_1', 'budget', 'phone_1', 'email_1'] },
      { id: 's2', title: { 'zh-CN': '新分组', en: 'New section' }, columns: 1, fields: ['textarea_1'] },
    ]);
    expect(draft.fields.find((f) => f.key === 'channel')).toMatchObject({ options: [{ value: 'store', color: '#1f9d55', label: { 'zh-CN': '门店', en: 'Store' } }, { value: 'web' }] });
    expect(draft.checks).toEqual([
      { id: 'c1', severity: 'block', when: { and: [{ '==': [{ var: 'channel' }, 'web'] }, { '==': [{ var: 'vip' }, true] }] }, message: { 'zh-CN': '网站线索不能直接设为 VIP', en: 'A website lead cannot be made VIP directly' }, fields: ['vip'] },
      { id: 'c2', severity: 'warn', when: { and: [{ and: [{ '!': { missing: ['age'] } }, { '<': [{ var: 'age' }, 12] }] }] }, message: { 'zh-CN': '年龄小于 12 岁，请核对', en: 'Under 12 years old: please check' }, fields: ['age'] },
    ]);

    // Live preview as a phone: one column, the form's own labels.
    await page.getByRole('radio', { name: 'Phone preview' }).click();
    const preview = page.locator('.dz-preview--phone');
    await preview.getByLabel('Name').waitFor();
    const name = await preview.getByLabel('Name').boundingBox();
    const age = await preview.getByLabel('Age').boundingBox();
    expect(age!.y).toBeGreaterThan(name!.y + name!.height);
    await shot(page, 'designer-preview-phone-en');
    await page.getByRole('radio', { name: 'Design' }).click();

    // Publish with a note: the first version touches no records.
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('First publish: no records exist yet.').waitFor();
    await dialog.getByLabel('Version note').fill('first version');
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await dialog.getByText('Version 1 published').waitFor();
    const v1 = await api<{ version: number; note: string }>('GET', `${FORM}/versions/latest`);
    expect(v1.body).toMatchObject({ version: 1, note: 'first version' });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // A clerk's phone in Chinese fills it: the block check refuses, the warn check asks, then it saves.
    const phone = (await signedIn({ width: 390, height: 844 }, { mobile: true, locale: 'zh-CN' })).page;
    await phone.goto(`${harness.baseUrl}/apps/crm/forms/lead/new`);
    await phone.getByLabel('姓名').fill('张小红');
    await phone.getByRole('radio', { name: '网站' }).click();
    await phone.locator('[data-field="vip"]').getByRole('radio', { name: '是' }).click();
    await phone.getByRole('button', { name: '保存' }).click();
    await phone.locator('[data-field="vip"]').getByText('网站线索不能直接设为 VIP').waitFor();
    await shot(phone, 'designed-form-blocked-phone-zh');
    await phone.getByRole('radio', { name: '门店' }).click();
    await phone.getByLabel('年龄').fill('8');
    await phone.getByRole('button', { name: '保存' }).click();
    const warning = phone.getByRole('alertdialog');
    await warning.getByText('年龄小于 12 岁，请核对').waitFor();
    await warning.getByRole('button', { name: '确认并保存' }).click();
    await phone.getByRole('heading', { name: '张小红' }).waitFor();
    const recordPath = new URL(phone.url()).pathname;
    await phone.locator('[data-field="channel"]').getByText('门店').waitFor();

    // Found again through a filtered list, and its page opens.
    expect((await api('POST', `${FORM}/records`, { data: { name: 'Li Si', channel: 'web', age: 30 } })).status).toBe(201);
    await phone.goto(`${harness.baseUrl}/apps/crm/forms/lead`);
    await phone.getByText('共 2 条').waitFor();
    await phone.getByLabel('字段').selectOption({ label: '姓名' });
    await phone.getByLabel('条件').selectOption({ label: '包含' });
    await phone.getByLabel('值').fill('小红');
    await phone.getByRole('button', { name: '筛选', exact: true }).click();
    await phone.getByText('共 1 条').waitFor();
    await phone.getByRole('link', { name: '打开记录 张小红' }).click();
    await phone.getByText('你创建了记录').waitFor();
    expect(new URL(phone.url()).pathname).toBe(recordPath);
    await shot(phone, 'designed-form-record-phone-zh');

    // Back in the designer: the phone number becomes required; the preview names the records that lack it.
    await page.locator('[data-field="phone_1"] .dz-card__body').click();
    await page.getByRole('tab', { name: 'Properties' }).click();
    await side.getByLabel('Required', { exact: true }).check();
    await page.getByRole('button', { name: 'Publish' }).click();
    const impact = dialog.locator('[data-change="becameRequired"][data-field="phone_1"]');
    await impact.getByText('2 affected').waitFor();
    await impact.getByText('Field "Phone" becomes required: 2 records have no value; they stay readable and must fill it in when next edited.').waitFor();
    await shot(page, 'designer-impact-desktop-en');
    await dialog.getByLabel('Version note').fill('phone required');
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await dialog.getByText('Version 2 published').waitFor();
    // The old record still opens as it was.
    expect((await api<{ data: Record<string, unknown> }>('GET', `${FORM}/records/${recordPath.split('/').pop()}`)).body.data).toMatchObject({ name: '张小红', channel: 'store', age: 8 });
  });

  it('works on a phone in Chinese: the palette adds to the canvas with a tap, and the preview switches', async () => {
    const { page } = await signedIn({ width: 390, height: 844 }, { mobile: true, locale: 'zh-CN' });
    await page.goto(`${harness.baseUrl}/apps/crm/design/lead`);
    await page.getByRole('heading', { name: '设计 · Leads' }).waitFor();
    await page.locator('.dz-palette [data-kind="url"]').click();
    await page.locator('[data-field="url_1"]').waitFor();
    await page.getByLabel('名称（中文）').fill('主页');
    await page.locator('[data-save="saved"]').waitFor();
    await shot(page, 'designer-phone-zh');
    // Deleting asks first.
    await page.getByRole('button', { name: '删除字段 主页' }).click();
    await page.getByRole('alertdialog').getByText('删除字段“主页”？', { exact: false }).waitFor();
    await page.getByRole('button', { name: '删除', exact: true }).click();
    await expect.poll(() => page.locator('[data-field="url_1"]').count()).toBe(0);
    await page.getByRole('radio', { name: '手机预览' }).click();
    await page.locator('.dz-preview--phone').getByLabel('姓名').waitFor();
    await shot(page, 'designer-preview-phone-zh');
  });
});
