/**
 * Form tabs end to end: in the designer an admin splits a form into tabs (adds, renames, reorders and
 * deletes tabs, drags a section and a field onto tab headers, moves a section with the keyboard's select,
 * undoes and redoes), previews and publishes it. A clerk's phone (390x844) then fills it: a tab whose
 * fields are all hidden is not offered until its condition holds, a required field left empty on another
 * tab opens that tab with an error badge, and the saved record's page is grouped by the same tabs.
 */
import type { FormDefinition } from '@tangram/schema';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragWithPointer, expectOk, sessionCookie, shot, startBrowserHarness, type BrowserHarness } from './harness';

const FORM = '/api/apps/crm/forms/visit';
const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Three sections, no tabs yet: the shape every form had before tabs. */
const start: FormDefinition = {
  schemaVersion: 1,
  key: 'visit',
  name: l('到店登记', 'Store visit'),
  fields: [
    { id: 'f1', key: 'name', kind: 'text', label: l('姓名', 'Name'), required: true },
    { id: 'f2', key: 'channel', kind: 'select', label: l('来源', 'Channel'), options: [{ value: 'store', label: l('门店', 'Store') }, { value: 'expo', label: l('展会', 'Expo') }] },
    { id: 'f3', key: 'mobile', kind: 'phone', label: l('手机', 'Mobile') },
    { id: 'f4', key: 'visit_date', kind: 'date', label: l('回访日期', 'Follow-up date'), required: true },
    { id: 'f5', key: 'notes', kind: 'textarea', label: l('备注', 'Notes') },
    { id: 'f6', key: 'booth', kind: 'text', label: l('展位号', 'Booth'), visibleIf: { '==': [{ var: 'channel' }, 'expo'] } },
  ],
  layout: [
    { id: 's1', title: l('客户', 'Customer'), columns: 2, fields: ['name', 'channel', 'mobile'] },
    { id: 's2', title: l('回访', 'Follow-up'), fields: ['visit_date', 'notes'] },
    { id: 's3', title: l('展会信息', 'Expo details'), fields: ['booth'] },
  ],
};

let harness: BrowserHarness;
let token = '';

const api = <T>(method: string, path: string, body?: unknown) => harness.request<T>(method, path, body, sessionCookie(token));

/** Drags with a real pointer onto the middle of `target`. */
async function dragOnto(page: Page, from: Locator, target: Locator): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await dragWithPointer(page, from, target);
  // The next drag can only start once this one's drop animation is over.
  await page.locator('.dz-overlay').waitFor({ state: 'detached' });
}

const tabTitles = (page: Page) => page.locator('.dz-tab').allInnerTexts();
const shownSections = (page: Page) => page.locator('.dz-canvas [data-section]').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
const draft = async () => (await expectOk(api<{ body: FormDefinition }>('GET', FORM))).body;

beforeAll(async () => {
  harness = await startBrowserHarness();
  token = await harness.setupAdmin({ name: 'Wang', email: 'admin@example.com', password: 'correct-horse-9', locale: 'en' });
  await expectOk(api('POST', '/api/apps', { schemaVersion: 1, key: 'crm', name: l('客户转化', 'Customer conversion') }));
  await expectOk(api('POST', '/api/apps/crm/forms', start));
});

afterAll(async () => {
  await harness?.close();
});

describe('form tabs', () => {
  it('are designed by drag and drop, published, and guide a phone to every error', async () => {
    const { page } = await harness.signedIn(token, { width: 1360, height: 1100 }, { locale: 'en' });
    await page.goto(`${harness.baseUrl}/apps/crm/design/visit`);
    await page.getByRole('heading', { name: 'Design · Store visit' }).waitFor();
    const side = page.locator('.dz-side');

    // The first tab added keeps every section on a first tab; the new one opens, ready to be named.
    await page.getByRole('button', { name: '+ Add tab' }).click();
    await expect.poll(() => tabTitles(page)).toEqual(['Basics', 'New tab']);
    await side.getByLabel('Tab title · 中文').fill('回访');
    await side.getByLabel('Tab title · English').fill('Visit');
    await expect.poll(() => tabTitles(page)).toEqual(['Basics', 'Visit']);
    expect(await shownSections(page)).toEqual(['s4']);

    // A section dragged by its handle onto the other tab's header moves there with its fields.
    await page.locator('.dz-tab', { hasText: 'Basics' }).click();
    expect(await shownSections(page)).toEqual(['s1', 's2', 's3']);
    await dragOnto(page, page.locator('[data-section="s2"] .dz-section__handle'), page.locator('.dz-tab', { hasText: 'Visit' }));
    await expect.poll(() => shownSections(page)).toEqual(['s4', 's2']);

    // A field dropped on a tab header lands in that tab's first section; undo and redo cover it.
    await page.locator('.dz-tab', { hasText: 'Basics' }).click();
    await dragOnto(page, page.locator('[data-field="mobile"] .dz-card__handle'), page.locator('.dz-tab', { hasText: 'Visit' }));
    // The tab it went to opens, so the field stays in sight.
    await page.locator('[data-section="s4"] [data-field="mobile"]').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 600 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-section="s4"] [data-field="mobile"]').count()).toBe(0);
    await page.locator('.dz-tab', { hasText: 'Basics' }).click();
    await page.locator('[data-section="s1"] [data-field="mobile"]').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 600 } });
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('[data-section="s1"] [data-field="mobile"]').count()).toBe(0);

    // A third tab takes the expo section through the section's "Tab" select (the keyboard's way), then moves left.
    await page.getByRole('button', { name: '+ Add tab' }).click();
    await side.getByLabel('Tab title · 中文').fill('展会');
    await side.getByLabel('Tab title · English').fill('Expo');
    await page.locator('.dz-tab', { hasText: 'Basics' }).click();
    await page.locator('[data-section="s3"] .dz-section__title').click();
    await side.getByLabel('Tab', { exact: true }).selectOption({ label: 'Expo' });
    await expect.poll(() => shownSections(page)).toEqual(['s5', 's3']);
    await page.locator('.dz-tab', { hasText: 'Expo' }).click();
    await side.getByRole('button', { name: 'Move the tab "Expo" left' }).click();
    await expect.poll(() => tabTitles(page)).toEqual(['Basics', 'Expo', 'Visit']);

    // A fourth tab, deleted after a confirmation: its section moves to the tab before it, nothing is lost.
    await page.getByRole('button', { name: '+ Add tab' }).click();
    await expect.poll(() => tabTitles(page)).toEqual(['Basics', 'Expo', 'Visit', 'New tab']);
    await side.getByRole('button', { name: 'Delete tab' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('Delete the tab "New tab"? Its sections and fields move to "Visit".').waitFor();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => tabTitles(page)).toEqual(['Basics', 'Expo', 'Visit']);
    await page.locator('[data-save="saved"]').waitFor();
    await shot(page, 'form-tabs-designer-desktop-en');

    // Autosave holds exactly that: every section in one tab, the layout in the tabs' order.
    const saved = await draft();
    expect(saved.tabs).toEqual([
      { id: 't1', title: { 'zh-CN': '基本信息', en: 'Basics' }, sections: ['s1'] },
      { id: 't3', title: { 'zh-CN': '展会', en: 'Expo' }, sections: ['s5', 's3'] },
      { id: 't2', title: { 'zh-CN': '回访', en: 'Visit' }, sections: ['s4', 's2', 's6'] },
    ]);
    expect(saved.layout!.map((s) => s.id)).toEqual(['s1', 's5', 's3', 's4', 's2', 's6']);
    expect(saved.layout!.find((s) => s.id === 's4')!.fields).toEqual(['mobile']);

    // The phone preview offers only the tabs with something to show: Expo waits for its condition.
    await page.getByRole('radio', { name: 'Phone preview' }).click();
    const preview = page.locator('.dz-preview--phone');
    await expect.poll(() => preview.getByRole('tab').allInnerTexts()).toEqual(['Basics', 'Visit']);
    await shot(page, 'form-tabs-preview-phone-en');
    await page.getByRole('radio', { name: 'Design' }).click();

    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await dialog.getByText('Version 1 published').waitFor();

    // A clerk's phone in Chinese: two tabs until the channel is "expo", then three.
    const phone = (await harness.signedIn(token, { width: 390, height: 844 }, { mobile: true, locale: 'zh-CN' })).page;
    await phone.goto(`${harness.baseUrl}/apps/crm/forms/visit/new`);
    const tabs = phone.getByRole('tablist', { name: '表单标签页' }).getByRole('tab');
    await expect.poll(() => tabs.allInnerTexts()).toEqual(['基本信息', '回访']);
    await phone.getByLabel('姓名').fill('张小红');
    await phone.getByRole('radio', { name: '展会' }).click();
    await expect.poll(() => tabs.allInnerTexts()).toEqual(['基本信息', '展会', '回访']);

    // Arrow keys move between tabs (WAI-ARIA): each tab controls its panel.
    await tabs.nth(0).focus();
    await phone.keyboard.press('ArrowRight');
    await expect.poll(() => tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    await phone.getByLabel('展位号').fill('A-17');
    await phone.keyboard.press('Shift+Tab');
    await phone.keyboard.press('End');
    await expect.poll(() => tabs.nth(2).getAttribute('aria-selected')).toBe('true');
    await phone.keyboard.press('Home');
    await expect.poll(() => tabs.nth(0).getAttribute('aria-selected')).toBe('true');
    const controlled = await tabs.nth(0).getAttribute('aria-controls');
    expect(await phone.locator(`[id="${controlled}"]`).getAttribute('role')).toBe('tabpanel');

    // Saved from the first tab with the follow-up date empty: its tab opens, with a badge counting the error.
    await phone.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => tabs.nth(2).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => tabs.nth(2).locator('.tg-tab__badge').innerText()).toBe('1');
    await tabs.nth(2).getByText('1 处错误').waitFor({ state: 'attached' });
    await phone.locator('[data-field="visit_date"]').getByText('必填').waitFor();
    await expect.poll(() => phone.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('visit_date');
    await shot(phone, 'form-tabs-error-phone-zh');

    await phone.getByLabel('回访日期').fill('2026-06-01');
    await expect.poll(() => tabs.nth(2).locator('.tg-tab__badge').count()).toBe(0);
    await phone.getByRole('button', { name: '保存' }).click();
    await phone.getByRole('heading', { name: '张小红' }).waitFor();

    // The record's page is grouped by the same tabs.
    const viewTabs = phone.getByRole('tablist', { name: '表单标签页' }).getByRole('tab');
    await expect.poll(() => viewTabs.allInnerTexts()).toEqual(['基本信息', '展会', '回访']);
    await phone.locator('[data-field="name"]').getByText('张小红').waitFor();
    expect(await phone.locator('[data-field="visit_date"]').isVisible()).toBe(false);
    await viewTabs.nth(2).click();
    await phone.locator('[data-field="visit_date"]').getByText('2026-06-01').waitFor();
    await shot(phone, 'form-tabs-record-phone-zh');

    // The desktop form shows the same tabs over the sections.
    await page.goto(`${harness.baseUrl}/apps/crm/forms/visit/new`);
    await page.getByRole('tablist', { name: 'Form tabs' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('tab', { name: /Basics/ }).locator('.tg-tab__badge').innerText()).toBe('1');
    await shot(page, 'form-tabs-form-desktop-en');

    // The designer on a phone: the same tab headers over the canvas, in Chinese.
    const designerPhone = (await harness.signedIn(token, { width: 390, height: 844 }, { mobile: true, locale: 'zh-CN' })).page;
    await designerPhone.goto(`${harness.baseUrl}/apps/crm/design/visit`);
    await expect.poll(() => tabTitles(designerPhone)).toEqual(['基本信息', '展会', '回访']);
    await designerPhone.locator('.dz-tab', { hasText: '回访' }).click();
    await designerPhone.getByLabel('标签页标题 · English').waitFor();
    await shot(designerPhone, 'form-tabs-designer-phone-zh');
  });
});
