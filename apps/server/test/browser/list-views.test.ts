/**
 * The list of a form as staff use it, in a real browser: a store manager filters and multi-sorts the
 * leads, saves that as a view, reloads from the address, hands three leads to a clerk, deletes two, and
 * moves a card across the stage board; a clerk's move to "won" (a value their role may not set) snaps
 * back with the reason; on a phone the list is cards.
 */
import type { FormDefinition, RoleDefinition } from '@tangram/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragWithPointer, expectOk, sessionCookie, shot, startBrowserHarness, type BrowserHarness } from './harness';

const LEADS = '/api/apps/crm/forms/lead';
const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const LEAD_FORM: FormDefinition = {
  schemaVersion: 1,
  key: 'lead',
  name: l('线索', 'Leads'),
  fields: [
    { id: 'f1', key: 'name', kind: 'text', label: l('姓名', 'Name'), required: true },
    { id: 'f2', key: 'stage', kind: 'select', label: l('阶段', 'Stage'), options: [
      { value: 'new', label: l('新线索', 'New'), color: '#2f80ed' },
      { value: 'contacted', label: l('已联系', 'Contacted'), color: '#f2994a' },
      { value: 'won', label: l('已成交', 'Won'), color: '#27ae60' },
      { value: 'lost', label: l('已流失', 'Lost'), color: '#9b9b9b' },
    ] },
    { id: 'f3', key: 'budget', kind: 'money', label: l('预算', 'Budget'), currency: 'CNY' },
    { id: 'f4', key: 'city', kind: 'text', label: l('城市', 'City') },
  ],
};

const role = (key: string, name: string, extra: Partial<RoleDefinition['grants'][number]>, appPermissions: RoleDefinition['appPermissions'] = []): RoleDefinition => ({
  schemaVersion: 1, key, name: l(name, name), appPermissions,
  grants: [{ form: 'lead', actions: ['create', 'read', 'update'], scope: { kind: 'all' }, ...extra }],
});

const SEED = [
  ['Ann', 'new', '300', 'Shanghai'], ['Bo', 'new', '100', 'Hangzhou'], ['Cai', 'new', '300', 'Suzhou'], ['Dong', 'new', '200', 'Ningbo'],
  ['Eve', 'new', '500', 'Shanghai'], ['Fan', 'contacted', '900', 'Wuxi'], ['Gao', 'lost', '50', 'Nanjing'], ['Hu', 'won', '700', 'Hefei'],
] as const;

let harness: BrowserHarness;
let admin = '';
const tokens: Record<'manager' | 'clerk', string> = { manager: '', clerk: '' };
const userIds: Record<'manager' | 'clerk', string> = { manager: '', clerk: '' };

const api = <T>(method: string, path: string, body?: unknown, token = admin) => harness.request<T>(method, path, body, sessionCookie(token));
const cardOf = (page: Page, name: string) => page.locator('.ls-kanban__card').filter({ has: page.getByRole('link', { name, exact: true }) });
const names = (page: Page) => page.locator('.ws-table tbody tr td:nth-child(2)').allInnerTexts();
const recordByName = async (name: string) => {
  const page = await expectOk(api<{ items: { id: string; ownerId: string; data: { name: string; stage?: string } }[] }>('GET', `${LEADS}/records?limit=100`));
  return page.items.find((r) => r.data.name === name);
};
/** Drags a card onto a column of the board, a little below its header. */
async function drag(page: Page, card: string, column: string) {
  const from = (await cardOf(page, card).boundingBox())!;
  const to = (await page.locator(`section[aria-label="${column}"]`).boundingBox())!;
  await dragWithPointer(page, { x: from.x + from.width / 2, y: from.y + 10 }, { x: to.x + to.width / 2, y: to.y + 80 });
}
const columnOf = (page: Page, card: string) => cardOf(page, card).evaluate((el) => el.closest('section')?.getAttribute('aria-label'));

beforeAll(async () => {
  harness = await startBrowserHarness();
  admin = await harness.setupAdmin({ name: 'Admin', email: 'admin@example.com', password: 'correct-horse-9', locale: 'en' });
  await expectOk(api('POST', '/api/apps', { schemaVersion: 1, key: 'crm', name: l('客户转化', 'Customer conversion') }));
  await expectOk(api('POST', '/api/apps/crm/forms', LEAD_FORM));
  await expectOk(api('POST', `${LEADS}/publish`, {}));
  await expectOk(api('PUT', '/api/apps/crm/roles/manager', role('manager', 'Store manager', { actions: ['create', 'read', 'update', 'delete', 'assign'] }, ['shareViews'])));
  await expectOk(api('PUT', '/api/apps/crm/roles/clerk', role('clerk', 'Clerk', { deniedValues: [{ field: 'stage', values: ['won'] }] })));
  for (const [who, name] of [['manager', 'Mia Manager'], ['clerk', 'Carl Clerk']] as const) {
    const email = `${who}@example.com`;
    const user = await expectOk(api<{ id: string }>('POST', '/api/users', { email, password: 'password-123', name, locale: 'en' }));
    userIds[who] = user.id;
    await expectOk(api('POST', '/api/apps/crm/members', { userId: user.id, role: who, orgUnitId: null }));
    tokens[who] = (await expectOk(harness.request<{ token: string }>('POST', '/api/auth/login', { email, password: 'password-123' }))).token;
  }
  await expectOk(api('POST', `${LEADS}/records/batch`, { records: SEED.map(([name, stage, budget, city]) => ({ data: { name, stage, budget, city } })) }));
});

afterAll(async () => {
  await harness?.close();
});

describe('record list views (desktop, en)', () => {
  it('filters, multi-sorts, saves a view, reloads it from the address, bulk-assigns and bulk-deletes', async () => {
    const { page } = await harness.signedIn(tokens.manager, { width: 1280, height: 860 }, { locale: 'en' });
    await page.goto(`${harness.baseUrl}/apps/crm/forms/lead`);
    await page.getByText('8 records').waitFor();

    // Filter: stage is New.
    await page.getByLabel('Field', { exact: true }).selectOption({ label: 'Stage' });
    await page.getByLabel('Value', { exact: true }).selectOption({ label: 'New' });
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByText('5 records').waitFor();

    // Budget ascending, then shift-click Name as the secondary key: the two 300s are ordered by name.
    await page.getByRole('button', { name: 'Sort by "Budget"' }).click();
    await expect.poll(() => names(page)).toEqual(['Bo', 'Dong', expect.any(String), expect.any(String), 'Eve']);
    await page.getByRole('button', { name: 'Sort by "Name"' }).click({ modifiers: ['Shift'] });
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('budget,name');
    await page.getByRole('button', { name: 'Sort by "Name"' }).click({ modifiers: ['Shift'] });
    await expect.poll(() => names(page)).toEqual(['Bo', 'Dong', 'Cai', 'Ann', 'Eve']);
    expect(await page.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('descending');
    // Back and forward step through the sorts.
    await page.goBack();
    await expect.poll(() => names(page)).toEqual(['Bo', 'Dong', 'Ann', 'Cai', 'Eve']);
    await page.goForward();
    await expect.poll(() => names(page)).toEqual(['Bo', 'Dong', 'Cai', 'Ann', 'Eve']);
    // The sort editor lists both keys in order.
    await page.getByText('Sort (2)').click();
    await expect.poll(() => page.locator('.ls-sort__name').allInnerTexts()).toEqual(['1. Budget', '2. Name']);
    await page.getByText('Sort (2)').click();

    // Save it as a personal view.
    await page.getByRole('button', { name: 'Save as view' }).click();
    await page.getByLabel('View name').fill('New leads by budget');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('tab', { name: 'New leads by budget', selected: true }).waitFor();
    await shot(page, 'list-views-saved');

    // The address alone reproduces the list.
    const address = page.url();
    expect(new URL(address).searchParams.get('view')).toMatch(/^\d+$/);
    await page.reload();
    await page.getByText('5 records').waitFor();
    await expect.poll(() => names(page)).toEqual(['Bo', 'Dong', 'Cai', 'Ann', 'Eve']);
    await page.getByRole('tab', { name: 'New leads by budget', selected: true }).waitFor();
    // Another user does not see a personal view.
    expect((await expectOk(api<{ items: unknown[] }>('GET', `${LEADS}/views`, undefined, tokens.clerk))).items).toEqual([]);

    // Hand three leads to the clerk.
    for (const name of ['Bo', 'Dong', 'Cai']) await page.getByLabel(`Select ${name}`, { exact: true }).check();
    await page.getByText('3 selected').waitFor();
    await page.getByRole('button', { name: 'Assign owner' }).click();
    await page.getByLabel('New owner').selectOption({ label: 'Carl Clerk' });
    await shot(page, 'list-views-assign');
    await page.getByRole('button', { name: 'Apply to 3 records' }).click();
    await page.getByText('3 records assigned to Carl Clerk').waitFor();
    for (const name of ['Bo', 'Dong', 'Cai']) expect((await recordByName(name))?.ownerId).toBe(userIds.clerk);
    expect((await recordByName('Ann'))?.ownerId).not.toBe(userIds.clerk);

    // Delete two, after confirming the count.
    await page.getByLabel('Select Ann', { exact: true }).check();
    await page.getByLabel('Select Eve', { exact: true }).check();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete 2 records?' });
    await confirm.waitFor();
    await shot(page, 'list-views-delete-confirm');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('2 records deleted').waitFor();
    await page.getByText('3 records').waitFor();
    await expect.poll(() => names(page)).toEqual(['Bo', 'Dong', 'Cai']);
    expect(await recordByName('Ann')).toBeUndefined();
  });

  it('moves a card across the stage board', async () => {
    const { page } = await harness.signedIn(tokens.manager, { width: 1280, height: 860 }, { locale: 'en' });
    await page.goto(`${harness.baseUrl}/apps/crm/forms/lead`);
    await page.getByRole('tab', { name: 'All records', selected: true }).waitFor();
    await page.getByLabel('Show as').selectOption('kanban');
    await page.locator('section[aria-label="New"]').getByText('Bo', { exact: true }).waitFor();
    expect(await page.locator('section[aria-label="New"] .ls-kanban__count').innerText()).toBe('3');
    expect(await page.locator('.ls-kanban__title').allInnerTexts()).toEqual(['New', 'Contacted', 'Won', 'Lost', 'Not set']);
    await drag(page, 'Dong', 'Contacted');
    await page.getByText('Moved Dong to "Contacted"').waitFor();
    await expect.poll(() => columnOf(page, 'Dong')).toBe('Contacted');
    expect((await recordByName('Dong'))?.data.stage).toBe('contacted');
    await shot(page, 'list-views-kanban');

    // The keyboard does the same: space lifts a card, the right arrow moves it one column, space drops it.
    await page.locator('.ls-kanban__column[aria-busy="true"]').first().waitFor({ state: 'detached' });
    await cardOf(page, 'Cai').focus();
    await page.keyboard.press('Space');
    await cardOf(page, 'Cai').and(page.locator('[aria-pressed="true"]')).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.locator('section[aria-label="Contacted"].ls-kanban__column--over').waitFor();
    await page.keyboard.press('Space');
    await page.getByText('Moved Cai to "Contacted"').waitFor();
    await expect.poll(() => columnOf(page, 'Cai')).toBe('Contacted');
    expect(await page.locator('section[aria-label="Contacted"] .ls-kanban__count').innerText()).toBe('3');
  });
});

describe('a long list (desktop, en)', () => {
  it('draws only the rows on screen, loads further pages while scrolling and moves between rows with the arrows', async () => {
    const VISITS = '/api/apps/crm/forms/visit';
    await expectOk(api('POST', '/api/apps/crm/forms', {
      schemaVersion: 1, key: 'visit', name: l('到店', 'Visits'),
      fields: [{ id: 'v1', key: 'name', kind: 'text', label: l('姓名', 'Name') }, { id: 'v2', key: 'n', kind: 'number', label: l('序号', 'No.') }],
    }));
    await expectOk(api('POST', `${VISITS}/publish`, {}));
    const rows = Array.from({ length: 300 }, (_, i) => ({ data: { name: `Visitor ${String(i + 1).padStart(3, '0')}`, n: i + 1 } }));
    await expectOk(api('POST', `${VISITS}/records/batch`, { records: rows }));

    const { page } = await harness.signedIn(admin, { width: 1280, height: 860 }, { locale: 'en' });
    await page.goto(`${harness.baseUrl}/apps/crm/forms/visit?sort=n`);
    await page.getByText('300 records').waitFor();
    const drawn = () => page.locator('.ws-table tbody tr[data-index]').count();
    await expect.poll(drawn).toBeGreaterThan(5);
    expect(await drawn()).toBeLessThan(40);

    await page.getByRole('link', { name: 'Visitor 001', exact: true }).focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Visitor 004');

    // Scrolling to the end loads the next keyset pages; the DOM keeps only the rows around the screen.
    await page.mouse.move(640, 500); // over the list, where the wheel scrolls the page
    const lastDrawn = () => page.evaluate(() => Math.max(...[...document.querySelectorAll('tr[data-index]')].map((row) => Number((row as HTMLElement).dataset.index))));
    await expect.poll(async () => {
      await page.mouse.wheel(0, 3000);
      return lastDrawn();
    }, { timeout: 15_000 }).toBeGreaterThanOrEqual(160);
    // Read in one go: between two reads the list may draw other rows (the wheel's scroll goes on).
    const last = await page.evaluate(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('tr[data-index]')];
      const row = rows.reduce((a, b) => (Number(b.dataset.index) > Number(a.dataset.index) ? b : a));
      return { index: Number(row.dataset.index), name: (row.querySelector('td:nth-child(2)') as HTMLElement | null)?.innerText.trim() };
    });
    expect(last.name).toBe(`Visitor ${String(last.index + 1).padStart(3, '0')}`);
    expect(await drawn()).toBeLessThan(60);
    await shot(page, 'list-views-long');
  });
});

describe('record list views for a clerk', () => {
  it('snaps a refused move back and says why', async () => {
    const { page } = await harness.signedIn(tokens.clerk, { width: 1280, height: 860 }, { locale: 'en' });
    await page.goto(`${harness.baseUrl}/apps/crm/forms/lead?layout=kanban&group=stage`);
    await page.locator('section[aria-label="New"]').getByText('Bo', { exact: true }).waitFor();
    await drag(page, 'Bo', 'Won');
    await page.getByRole('alert').filter({ hasText: 'Could not move Bo' }).waitFor();
    await expect.poll(() => columnOf(page, 'Bo')).toBe('New');
    await shot(page, 'list-views-kanban-refused');
    expect((await recordByName('Bo'))?.data.stage).toBe('new');
  });

  it('shows cards on a phone, with selection', async () => {
    const { page } = await harness.signedIn(tokens.clerk, { width: 390, height: 844 }, { mobile: true, locale: 'zh-CN' });
    await page.goto(`${harness.baseUrl}/apps/crm/forms/lead`);
    await page.getByText('共 6 条').waitFor();
    await page.locator('.ls-cards .ws-card').first().waitFor();
    expect(await page.locator('.ws-table').count()).toBe(0);
    expect(await page.locator('.ls-cards .ws-card').count()).toBe(6);
    await page.getByLabel('选择 Bo', { exact: true }).check();
    await page.getByText('已选 1 条').waitFor();
    await shot(page, 'list-views-phone');
  });
});
