/**
 * Dashboards in a real browser: an admin builds a channel pie and a stage funnel on a new dashboard with
 * the designer (dragging a field into the dimension well), drills into a slice and sees exactly the
 * records behind it, exports the slice data, reads the summary, and sees the charts change live (over the
 * realtime socket) when a record is added in another session, on the page and on the TV. A phone stacks the charts; an English browser reads them in English.
 */
import { readFileSync } from 'node:fs';
import type { FormDefinition } from '@tangram/schema';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragWithPointer, expectOk, shot, startBrowserHarness, type BrowserHarness } from './harness';

const ADMIN = { name: '王小明', email: 'admin@example.com', password: 'correct-horse-9', locale: 'zh-CN' };
const LEADS = '/api/apps/crm/forms/lead';
const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const LEAD_FORM: FormDefinition = {
  schemaVersion: 1,
  key: 'lead',
  name: l('线索', 'Leads'),
  fields: [
    { id: 'f1', key: 'name', kind: 'text', label: l('姓名', 'Name'), required: true },
    { id: 'f2', key: 'channel', kind: 'select', label: l('来源渠道', 'Channel'), required: true, options: [
      { value: 'store', label: l('门店', 'Store') }, { value: 'expo', label: l('展会', 'Expo') }, { value: 'web', label: l('网站', 'Website') },
    ] },
    { id: 'f3', key: 'stage', kind: 'select', label: l('阶段', 'Stage'), options: [
      { value: 'new', label: l('新线索', 'New') }, { value: 'visit', label: l('已到店', 'Visited') }, { value: 'won', label: l('已成交', 'Won') },
    ] },
  ],
} as FormDefinition;

let harness: BrowserHarness;
let cookie = '';
let token = '';

async function api<T>(method: string, path: string, body?: unknown, session = cookie): Promise<{ status: number; body: T }> {
  return harness.request<T>(method, path, body, session);
}

async function signedIn(viewport: { width: number; height: number }, options: { mobile?: boolean; locale?: string }) {
  return harness.signedIn(token, viewport, options);
}

/** A lead moved through its stages one write at a time, so the history holds each step. */
async function lead(name: string, channel: string, stages: readonly string[]): Promise<string> {
  const record = await expectOk(api<{ id: string; version: number }>('POST', `${LEADS}/records`, { data: { name, channel, stage: 'new' } }));
  let version = record.version;
  for (const stage of stages) version = (await expectOk(api<{ version: number }>('PATCH', `${LEADS}/records/${record.id}`, { version, data: { stage } }))).version;
  return record.id;
}

/** The tile of a chart by its title, once its canvas (if any) is drawn. */
function tile(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

beforeAll(async () => {
  harness = await startBrowserHarness();
  token = await harness.setupAdmin(ADMIN);
  cookie = `tangram_session=${token}`;
  await expectOk(api('POST', '/api/apps', { schemaVersion: 1, key: 'crm', name: l('客户转化', 'Customer conversion'), icon: '🛍' }));
  await expectOk(api('POST', '/api/apps/crm/forms', LEAD_FORM));
  await expectOk(api('POST', `${LEADS}/publish`, { note: 'first version' }));
  await expectOk(api('PUT', '/api/apps/crm/roles/clerk', { schemaVersion: 1, key: 'clerk', name: l('店员', 'Clerk'), grants: [{ form: 'lead', actions: ['create', 'read'], scope: { kind: 'mine' } }] }));
  // 3 web, 2 store, 1 expo; 4 reach a visit, 2 of them are won.
  await lead('网站甲', 'web', ['visit', 'won']);
  await lead('网站乙', 'web', ['visit']);
  await lead('网站丙', 'web', []);
  await lead('门店甲', 'store', ['visit', 'won']);
  await lead('门店乙', 'store', ['visit']);
  await lead('展会甲', 'expo', []);
});

afterAll(async () => {
  await harness?.close();
});

describe('dashboards', () => {
  let dashboardPath = '';

  it('builds a channel pie and a stage funnel, drills into a slice and follows a record added elsewhere', async () => {
    const { page } = await signedIn({ width: 1280, height: 900 }, { locale: 'zh-CN' });

    // From the app home to an empty list of dashboards, then a new one.
    await page.goto(`${harness.baseUrl}/apps/crm`);
    await page.getByRole('link', { name: '看板' }).click();
    await page.getByText('还没有看板').waitFor();
    await page.getByRole('button', { name: '新建看板' }).first().click();
    const dialog = page.getByRole('dialog', { name: '新建看板' });
    await dialog.getByRole('button', { name: '创建' }).click();
    await dialog.getByText('请填写看板名称').waitFor();
    await dialog.getByLabel('看板名称').fill('Morning meeting 晨会');
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.getByRole('heading', { name: 'Morning meeting 晨会', level: 1 }).waitFor();
    dashboardPath = new URL(page.url()).pathname;
    expect(dashboardPath).toBe('/apps/crm/dashboards/morning_meeting');
    await page.getByText('这个看板还没有图表').waitFor();

    // The pie: the channel field dragged into the dimension well, the record count added by its button.
    await page.getByRole('link', { name: '添加图表' }).first().click();
    await page.getByRole('heading', { name: '设计图表' }).waitFor();
    await page.getByLabel('图表标题').fill('渠道分布');
    await page.getByText('饼图', { exact: true }).click();
    await page.getByText('把至少一个字段拖进指标').waitFor();
    await dragWithPointer(page, page.locator('.dash-chip__grip', { hasText: '来源渠道' }), page.locator('[data-well="dimensions"]'));
    await page.locator('[data-well="dimensions"]').getByText('来源渠道').waitFor();
    await page.getByRole('button', { name: '把“记录数”加为指标' }).click();
    await page.locator('.dash-preview .chart__canvas[data-ready="true"]').waitFor();
    await page.locator('.dash-preview .chart__cells').getByText('网站: 3', { exact: true }).waitFor({ state: 'attached' });
    await shot(page, 'designer-pie-desktop-zh');
    await page.getByRole('button', { name: '保存到看板' }).click();
    await tile(page, '渠道分布').locator('.chart__canvas[data-ready="true"]').waitFor();
    expect(new URL(page.url()).pathname).toBe(dashboardPath);

    // The funnel: the stage field and its three stages, in order.
    await page.getByRole('link', { name: '添加图表' }).first().click();
    await page.getByLabel('图表标题').fill('阶段漏斗');
    await page.getByText('漏斗图', { exact: true }).click();
    await page.getByLabel('阶段字段').selectOption({ label: '阶段' });
    for (const stage of ['新线索', '已到店', '已成交']) expect(await page.getByRole('checkbox', { name: stage }).isChecked()).toBe(true);
    await page.locator('.dash-preview .chart__cells').getByText('已成交: 2', { exact: true }).waitFor({ state: 'attached' });
    await page.getByRole('button', { name: '保存到看板' }).click();
    const funnel = tile(page, '阶段漏斗');
    await funnel.locator('.chart__canvas[data-ready="true"]').waitFor();
    expect(await funnel.getByRole('button', { name: /^已到店: 4$/, includeHidden: true }).count()).toBe(1);
    // Side by side on a wide screen.
    const pieBox = (await tile(page, '渠道分布').boundingBox())!;
    const funnelBox = (await funnel.boundingBox())!;
    expect(funnelBox.x).toBeGreaterThan(pieBox.x + pieBox.width - 1);
    expect(Math.abs(funnelBox.y - pieBox.y)).toBeLessThan(2);
    await shot(page, 'dashboard-desktop-zh');

    // The summary names the key numbers.
    await page.getByRole('button', { name: '摘要' }).click();
    const summary = page.getByRole('dialog', { name: '看板摘要' });
    const text = await summary.getByRole('textbox').inputValue();
    expect(text).toContain('渠道分布：合计 6, 第一 网站 3');
    expect(text).toContain('阶段漏斗：6 → 2');
    expect(text).toContain(`查看：${harness.baseUrl}${dashboardPath}`);
    await shot(page, 'summary-desktop-zh');
    await page.keyboard.press('Escape');

    // The slice's data as CSV, labelled for people.
    const pie = tile(page, '渠道分布');
    await pie.getByRole('button', { name: '“渠道分布”的操作' }).click();
    const [csv] = await Promise.all([page.waitForEvent('download'), pie.getByRole('menuitem', { name: '导出数据 CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('渠道分布.csv');
    const rows = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows).toEqual(['来源渠道,记录数', '网站,3', '门店,2', '展会,1']);

    // Clicking the website slice (the right half of the pie: it starts at twelve o'clock, largest first).
    await pie.locator('.chart__canvas[data-ready="true"]').waitFor();
    const canvas = (await pie.locator('.chart__canvas').boundingBox())!;
    const radius = (Math.min(canvas.width, canvas.height) / 2) * 0.7;
    const slice = { x: canvas.x + canvas.width / 2 + radius / 2, y: canvas.y + canvas.height * 0.45 };
    const drillHeading = page.getByRole('heading', { name: '渠道分布：明细' });
    // A click that lands while the pie is still animating in (or while the closing menu still holds the
    // pointer) is taken by nothing, as it would be for a person; they would click again, and so does this.
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(slice.x, slice.y);
      await page.mouse.click(slice.x, slice.y);
      const opened = await drillHeading.waitFor({ timeout: 3_000 }).then(() => true, () => false);
      if (opened) break;
      if (attempt === 3) throw new Error('three clicks on the website slice opened no drill-down');
    }
    await page.getByText('共 3 条记录').waitFor();
    const names = await page.locator('.ws-table tbody tr td:first-child').allInnerTexts();
    expect(names.sort()).toEqual(['网站丙', '网站乙', '网站甲']);
    await shot(page, 'drill-desktop-zh');
    // The same records as a workspace list, the filter carried in its address.
    await page.getByRole('link', { name: '在列表中打开' }).click();
    await page.getByText('共 3 条', { exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('filter')).toContain('web');
    await page.goBack();
    await page.getByRole('link', { name: '返回看板' }).click();
    await tile(page, '渠道分布').locator('.chart__canvas[data-ready="true"]').waitFor();

    // Another session adds a website lead; the pie and the funnel follow.
    const other = await expectOk(api<{ token: string }>('POST', '/api/auth/login', { email: ADMIN.email, password: ADMIN.password }, ''));
    await expectOk(api('POST', `${LEADS}/records`, { data: { name: '网站丁', channel: 'web', stage: 'new' } }, `tangram_session=${other.token}`));
    // Live, over the realtime socket: no reload, no click.
    await tile(page, '渠道分布').getByRole('button', { name: '网站: 4', includeHidden: true }).waitFor({ state: 'attached' });
    expect(await tile(page, '阶段漏斗').getByRole('button', { name: '新线索: 7', includeHidden: true }).count()).toBe(1);

    // A KPI card comparing with the 30 days before (the dashboard's default date range).
    await page.getByRole('link', { name: '添加图表' }).first().click();
    await page.getByLabel('图表标题').fill('新线索');
    await page.getByText('指标卡', { exact: true }).click();
    await page.getByRole('button', { name: '把“记录数”加为指标' }).click();
    await page.getByLabel('与上期对比').check();
    await page.locator('.dash-preview .chart-kpi__value', { hasText: '7' }).waitFor();
    await page.getByRole('button', { name: '保存到看板' }).click();
    await tile(page, '新线索').locator('.chart-kpi__value', { hasText: '7' }).waitFor();
    expect(await page.getByLabel('日期').inputValue()).toBe('last30Days');

    // The dashboard becomes the clerks' default.
    await page.getByRole('button', { name: '看板设置' }).click();
    const settings = page.getByRole('dialog', { name: '看板设置' });
    // The app's roles by name, one checkbox each.
    await settings.getByRole('checkbox', { name: /^店员/ }).check();
    await shot(page, 'dashboard-settings-roles-zh');
    await settings.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').waitFor();
    await shot(page, 'dashboard-three-charts-desktop-zh');

    // A filter nothing matches: every chart says so.
    await page.getByLabel('日期').selectOption({ label: '上月' });
    await tile(page, '渠道分布').getByText('暂无数据').waitFor();
    await tile(page, '阶段漏斗').getByText('暂无数据').waitFor();
    await page.getByRole('button', { name: '重置' }).click();
    await tile(page, '渠道分布').getByRole('button', { name: '网站: 4', includeHidden: true }).waitFor({ state: 'attached' });

    // Arranging: the KPI card dragged beside the funnel's row end, then made wider from the keyboard.
    const layoutOf = async (title: string) => {
      const saved = await expectOk(api<{ dashboard: { layout: { x: number; y: number; w: number; h: number; report?: { title?: { 'zh-CN'?: string } } }[] } }>('GET', `/api/apps/crm${dashboardPath.slice('/apps/crm'.length)}`));
      return saved.dashboard.layout.find((i) => i.report?.title?.['zh-CN'] === title)!;
    };
    expect(await layoutOf('新线索')).toMatchObject({ x: 0, y: 4, w: 3, h: 2 });
    await page.getByRole('button', { name: '调整布局' }).click();
    const handle = page.getByRole('button', { name: '移动“新线索”' });
    const kpiBox = (await tile(page, '新线索').boundingBox())!;
    const gridBox = (await page.locator('.dash-grid').boundingBox())!;
    const cell = (gridBox.width + 12) / 12;
    const from = (await handle.boundingBox())!;
    await dragWithPointer(page, handle, { x: from.x + from.width / 2 + cell * 6, y: from.y + from.height / 2 });
    await page.getByText('已保存').waitFor();
    await expect.poll(async () => (await layoutOf('新线索')).x).toBe(6);
    expect((await tile(page, '新线索').boundingBox())!.x).toBeGreaterThan(kpiBox.x + cell * 5);
    await handle.focus();
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => (await layoutOf('新线索')).w).toBe(4);
    await shot(page, 'dashboard-arranging-desktop-zh');
    await page.getByRole('button', { name: '完成' }).click();

    // PNG and Excel of a chart.
    await pie.getByRole('button', { name: '“渠道分布”的操作' }).click();
    const [png] = await Promise.all([page.waitForEvent('download'), pie.getByRole('menuitem', { name: '导出图片 PNG' }).click()]);
    expect(png.suggestedFilename()).toBe('渠道分布.png');
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
    await pie.getByRole('button', { name: '“渠道分布”的操作' }).click();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), pie.getByRole('menuitem', { name: '导出数据 Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('渠道分布.xlsx');
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK');

    // Full screen for the morning meeting, and back.
    await page.getByRole('button', { name: '全屏投屏' }).click();
    await page.getByRole('heading', { name: 'Morning meeting 晨会', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`${dashboardPath}/tv`);
    await tile(page, '阶段漏斗').locator('.chart__canvas[data-ready="true"]').waitFor();
    expect(await page.getByRole('button', { name: '“渠道分布”的操作' }).count()).toBe(0);
    // The TV follows a lead entered at the till.
    await expectOk(api('POST', `${LEADS}/records`, { data: { name: '门店丙', channel: 'store', stage: 'new' } }, `tangram_session=${other.token}`));
    // No drill-down on the TV: the values are text, not buttons.
    await tile(page, '渠道分布').locator('.chart__cells').getByText('门店: 3', { exact: true }).waitFor({ state: 'attached' });
    await tile(page, '新线索').locator('.chart-kpi__value', { hasText: '8' }).waitFor();
    await shot(page, 'tv-desktop-zh');
    await page.getByRole('button', { name: '退出全屏' }).click();
    await page.getByRole('button', { name: '摘要' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(dashboardPath);
  });

  it('shows a clerk their default dashboard with only their own leads, down to the drill-down', async () => {
    await expectOk(api('POST', '/api/org-units', { id: 'hq', parentId: null, kind: 'hq', name: l('总部', 'HQ') }));
    await expectOk(api('POST', '/api/org-units', { id: 'sh01', parentId: 'hq', kind: 'store', name: l('上海一店', 'Shanghai 1') }));
    const clerk = await expectOk(api<{ id: string }>('POST', '/api/users', { email: 'clerk@example.com', password: 'clerk-pass-1', name: '李店员', locale: 'zh-CN' }));
    await expectOk(api('POST', '/api/apps/crm/members', { userId: clerk.id, role: 'clerk', orgUnitId: 'sh01' }));
    const login = await expectOk(api<{ token: string }>('POST', '/api/auth/login', { email: 'clerk@example.com', password: 'clerk-pass-1' }, ''));
    await expectOk(api('POST', `${LEADS}/records`, { data: { name: '店员的网站客户', channel: 'web', stage: 'new' } }, `tangram_session=${login.token}`));

    const { context, page } = await harness.openBrowser({ width: 1280, height: 900 }, { locale: 'zh-CN' });
    await context.addCookies([{ name: 'tangram_session', value: login.token, url: harness.baseUrl }]);
    await page.goto(`${harness.baseUrl}/apps/crm/dashboards`);
    const mine = page.locator('.dash-list__item', { hasText: '我的默认看板' });
    await mine.getByText('默认给：店员', { exact: true }).waitFor();
    await mine.getByRole('link').click();
    const pie = tile(page, '渠道分布');
    await pie.getByRole('button', { name: '网站: 1', includeHidden: true }).waitFor({ state: 'attached' });
    expect(await pie.getByRole('button', { name: /^门店/, includeHidden: true }).count()).toBe(0);
    // The keyboard way into a slice: its button, focused and pressed.
    await pie.getByRole('button', { name: '网站: 1', includeHidden: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('共 1 条记录').waitFor();
    expect(await page.locator('.ws-table tbody tr td:first-child').allInnerTexts()).toEqual(['店员的网站客户']);
  });

  it('stacks the charts in one column on a phone', async () => {
    const { page } = await signedIn({ width: 390, height: 844 }, { mobile: true, locale: 'zh-CN' });
    await page.goto(harness.baseUrl + dashboardPath);
    const pie = tile(page, '渠道分布');
    const funnel = tile(page, '阶段漏斗');
    await pie.locator('.chart__canvas[data-ready="true"]').waitFor();
    await funnel.locator('.chart__canvas[data-ready="true"]').waitFor();
    const a = (await pie.boundingBox())!;
    const b = (await funnel.boundingBox())!;
    expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
    expect(Math.abs(a.x - b.x)).toBeLessThan(2);
    expect(a.width).toBeGreaterThan(300);
    expect(await page.getByRole('button', { name: '调整布局' }).count()).toBe(0);
    await shot(page, 'dashboard-phone-zh');

    // The designer stacks its panels too: the fields above the wells, each as wide as the screen.
    await page.getByRole('link', { name: '添加图表' }).first().click();
    await page.locator('[data-well="dimensions"]').waitFor();
    const fields = (await page.locator('.dash-palette').boundingBox())!;
    const well = (await page.locator('[data-well="dimensions"]').boundingBox())!;
    expect(well.y).toBeGreaterThan(fields.y + fields.height - 1);
    expect(well.width).toBeGreaterThan(300);
    await shot(page, 'designer-phone-zh');
  });

  it('reads the charts in English when the browser is in English', async () => {
    const { page } = await signedIn({ width: 1280, height: 900 }, { locale: 'en' });
    await page.goto(harness.baseUrl + dashboardPath);
    await page.getByRole('button', { name: 'Refresh' }).waitFor();
    await tile(page, '渠道分布').getByRole('button', { name: 'Website: 5', includeHidden: true }).waitFor({ state: 'attached' });
    await tile(page, '阶段漏斗').getByRole('button', { name: 'Won: 2', includeHidden: true }).waitFor({ state: 'attached' });
    await tile(page, '阶段漏斗').locator('.chart__canvas[data-ready="true"]').waitFor();
    await shot(page, 'dashboard-desktop-en');
  });
});
