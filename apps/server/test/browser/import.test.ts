/**
 * Importing a spreadsheet in a real browser: an admin uploads an .xlsx of 1,000 customers (10 of them
 * wrong), checks the auto-matched columns and the preview, starts the import, watches it finish with
 * 990 created and 10 not imported, downloads those 10 with their reasons, and exports the list. The same
 * job reopened on a phone (390x844) shows the same summary.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FormDefinition } from '@tangram/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeXlsx, readXlsx } from '../../src/import/test-sheets';
import { expectOk, sessionCookie, shot, startBrowserHarness, type BrowserHarness } from './harness';

const ADMIN = { name: '王小明', email: 'admin@example.com', password: 'correct-horse-9', locale: 'zh-CN' };
const LEADS = '/api/apps/crm/forms/lead';
const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const LEAD_FORM: FormDefinition = {
  schemaVersion: 1,
  key: 'lead',
  name: l('线索', 'Leads'),
  fields: [
    { id: 'f1', key: 'name', kind: 'text', label: l('姓名', 'Name'), required: true },
    { id: 'f2', key: 'phone', kind: 'phone', label: l('手机号', 'Mobile'), region: 'cn-mobile', unique: true },
    { id: 'f3', key: 'channel', kind: 'select', label: l('来源渠道', 'Channel'), options: [{ value: 'store', label: l('门店', 'Store') }, { value: 'expo', label: l('展会', 'Expo') }] },
    { id: 'f4', key: 'budget', kind: 'money', label: l('预算', 'Budget') },
    { id: 'f5', key: 'visit_date', kind: 'date', label: l('到店日期', 'Visit date') },
  ],
};

/** Rows 3, 103, 203, … (sheet rows) are the 10 bad ones: a phone that is not one, or no name. */
const BAD_ROWS = Array.from({ length: 10 }, (_, i) => 3 + i * 100);

let harness: BrowserHarness;
let token = '';
let dir = '';

async function signedIn(viewport: { width: number; height: number }, options: { mobile?: boolean; locale?: string }) {
  return harness.signedIn(token, viewport, options);
}

beforeAll(async () => {
  harness = await startBrowserHarness();
  dir = mkdtempSync(join(tmpdir(), 'tangram-import-journey-'));
  token = await harness.setupAdmin(ADMIN);
  const post = (path: string, body: unknown) => expectOk(harness.request('POST', path, body, sessionCookie(token)));
  await post('/api/apps', { schemaVersion: 1, key: 'crm', name: l('客户转化', 'Customer conversion') });
  await post('/api/apps/crm/forms', LEAD_FORM);
  await post(`${LEADS}/publish`, {});

  const rows: unknown[][] = [['姓名', '手机号', '来源渠道', '预算', '到店日期']];
  for (let i = 0; i < 1000; i++) {
    const sheetRow = i + 2;
    const bad = BAD_ROWS.includes(sheetRow);
    const phone = String(13_000_000_000 + i * 7919);
    rows.push([
      bad && i % 2 === 0 ? null : `客户${i}`,
      bad && i % 2 === 1 ? '12345' : i % 3 === 0 ? `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone,
      i % 2 === 0 ? '门店' : '展会',
      i % 4 === 0 ? '1,200.50' : 300 + i,
      i % 2 === 0 ? new Date(Date.UTC(2025, 2, 1 + (i % 28))) : `2025/3/${1 + (i % 28)}`,
    ]);
  }
  writeFileSync(join(dir, '客户名单.xlsx'), await makeXlsx({ rows, dateColumns: [5] }));
});

afterAll(async () => {
  await harness?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('spreadsheet import and export', () => {
  let jobUrl = '';

  it('imports 1,000 rows on a desktop: 990 created, the 10 bad ones downloaded with their reasons', async () => {
    const { page } = await signedIn({ width: 1280, height: 800 }, {});
    await page.goto(`${harness.baseUrl}/apps/crm/forms/lead`);
    await page.getByRole('heading', { name: '线索' }).waitFor();
    await page.getByRole('link', { name: '导入' }).click();
    await page.getByRole('heading', { name: '导入 线索' }).waitFor();
    await shot(page, 'import-upload-desktop-zh');

    await page.getByLabel('选择 Excel（.xlsx）或 CSV 文件').setInputFiles(join(dir, '客户名单.xlsx'));
    await page.getByText('文件 客户名单.xlsx：共 1000 行数据').waitFor();
    // Every column found its field by its Chinese label; the unique phone tells existing records.
    for (const [column, field] of [['姓名', 'name'], ['手机号', 'phone'], ['来源渠道', 'channel'], ['预算', 'budget'], ['到店日期', 'visit_date']]) {
      expect(await page.getByRole('combobox', { name: column! }).inputValue()).toBe(field);
    }
    expect(await page.getByLabel('用哪个字段判断记录已存在').inputValue()).toBe('phone');
    // The preview marks the bad row 3 on its phone cell.
    const badRow = page.locator('.io-preview tbody tr', { hasText: '1 个问题' }).first();
    await badRow.waitFor();
    expect(await badRow.locator('td').first().textContent()).toBe('3');
    await expect.poll(() => badRow.locator('.io-cell--bad .io-cell__problem').first().textContent()).toContain('请输入有效的手机号码');
    await shot(page, 'import-mapping-desktop-zh');

    await page.getByRole('button', { name: '开始导入' }).click();
    const progress = page.getByRole('progressbar', { name: '导入进度' });
    await progress.waitFor();
    await page.getByRole('heading', { name: '导入完成' }).waitFor({ timeout: 60_000 });
    expect(await progress.getAttribute('aria-valuenow')).toBe('1000');
    expect(await page.locator('[data-count="created"]').textContent()).toBe('990');
    expect(await page.locator('[data-count="rejected"]').textContent()).toBe('10');
    expect(await page.locator('[data-count="skipped"]').textContent()).toBe('0');
    jobUrl = page.url();
    expect(new URL(jobUrl).searchParams.get('job')).toMatch(/^\d+$/);
    await shot(page, 'import-summary-desktop-zh');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载未导入的行（含错误原因）' }).click()]);
    const rejected = await readXlsx(readFileSync((await download.path())!));
    expect(rejected[0]).toEqual(['原行号', '姓名', '手机号', '来源渠道', '预算', '到店日期', '错误原因']);
    expect(rejected.slice(1).map((row) => row[0])).toEqual(BAD_ROWS);
    for (const row of rejected.slice(1)) expect(String(row.at(-1))).toMatch(/^(姓名: 必填|手机号: 请输入有效的手机号码)$/);
    expect(rejected.find((row) => row[0] === 4)).toBeUndefined();

    // Back on the list: 990 records, and the export of the view holds them all.
    await page.getByRole('link', { name: '返回列表' }).click();
    await page.getByText('共 990 条').waitFor();
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()]);
    const sheet = await readXlsx(readFileSync((await exported.path())!));
    expect(sheet).toHaveLength(991);
    expect(sheet[0]).toEqual(['姓名', '手机号', '来源渠道', '预算', '到店日期']);
  });

  it('shows the same finished job when reopened on a phone', async () => {
    const { page } = await signedIn({ width: 390, height: 844 }, { mobile: true });
    await page.goto(jobUrl);
    await page.getByRole('heading', { name: '导入完成' }).waitFor();
    expect(await page.locator('[data-count="created"]').textContent()).toBe('990');
    const download = await page.getByRole('link', { name: '下载未导入的行（含错误原因）' }).boundingBox();
    expect(download!.width).toBeLessThanOrEqual(390);
    await shot(page, 'import-summary-phone-zh');
    await page.goto(`${harness.baseUrl}/apps/crm/forms/lead/import`);
    await page.getByLabel('选择 Excel（.xlsx）或 CSV 文件').waitFor();
    await shot(page, 'import-upload-phone-zh');
  });
});
