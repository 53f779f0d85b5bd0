import type { FormDefinition, RoleDefinition } from '@tangram/schema';
import { testDialects } from '@tangram/store/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createUser, setupAdmin, type Session, type TestApp } from '../testing/test-app';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const form: FormDefinition = {
  schemaVersion: 1,
  key: 'lead',
  name: label('线索', 'Leads'),
  fields: [
    { id: 'f1', key: 'name', kind: 'text', label: label('姓名', 'Name'), required: true },
    { id: 'f2', key: 'channel', kind: 'select', label: label('来源渠道', 'Channel'), options: [{ value: 'store', label: label('门店', 'Store') }, { value: 'web', label: label('网络', 'Web') }] },
    { id: 'f3', key: 'budget', kind: 'money', label: label('预算', 'Budget') },
    { id: 'f4', key: 'birthday', kind: 'date', label: label('生日', 'Birthday') },
    { id: 'f5', key: 'visited_at', kind: 'datetime', label: label('到店时间', 'Visited at') },
    { id: 'f6', key: 'member', kind: 'yesno', label: label('会员', 'Member') },
    { id: 'f7', key: 'secret', kind: 'text', label: label('内部备注', 'Secret') },
  ],
};

const sellerRole: RoleDefinition = {
  schemaVersion: 1, key: 'seller', name: label('销售', 'Seller'),
  grants: [{ form: 'lead', actions: ['create', 'read', 'export'], scope: { kind: 'mine' }, fieldRules: [{ field: 'secret', access: 'hidden' }] }],
};
const clerkRole: RoleDefinition = {
  schemaVersion: 1, key: 'clerk', name: label('店员', 'Clerk'),
  grants: [{ form: 'lead', actions: ['create', 'read'], scope: { kind: 'mine' } }],
};

const EXPORT = '/api/apps/crm/forms/lead/records/export';

async function sheetRows(bytes: Buffer): Promise<{ values: unknown[][]; formats: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const values: unknown[][] = [];
  const formats: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    values.push((row.values as unknown[]).slice(1).map((v) => v ?? null));
    const f: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => f.push(cell.numFmt ?? ''));
    formats.push(f);
  });
  return { values, formats };
}

describe.each(testDialects())('export of a filtered view (%s)', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let seller: Session;
  let clerk: Session;

  const create = async (who: Session, data: Record<string, unknown>) => {
    const res = await call(t.app, { method: 'POST', url: '/api/apps/crm/forms/lead/records', headers: who.headers, payload: { data } });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  };
  const download = (who: Session, query: string, locale = 'zh-CN') => t.app.inject({ method: 'GET', url: `${EXPORT}${query}`, headers: { ...who.headers, 'accept-language': locale } });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupAdmin(t.app);
    const post = async (url: string, payload: unknown, method: 'POST' | 'PUT' = 'POST') => {
      const res = await call(t.app, { method, url, headers: admin.headers, payload: payload as Record<string, unknown> });
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    await post('/api/org-units', { id: 'hq', parentId: null, kind: 'hq', name: label('总部', 'HQ') });
    await post('/api/apps', { schemaVersion: 1, key: 'crm', name: label('客户', 'CRM') });
    await post('/api/apps/crm/forms', form);
    await post('/api/apps/crm/forms/lead/publish', {});
    await post('/api/apps/crm/roles/seller', sellerRole, 'PUT');
    await post('/api/apps/crm/roles/clerk', clerkRole, 'PUT');
    seller = await createUser(t.app, admin, 'seller@example.com');
    clerk = await createUser(t.app, admin, 'clerk@example.com');
    await post('/api/apps/crm/members', { userId: seller.userId, role: 'seller', orgUnitId: 'hq' });
    await post('/api/apps/crm/members', { userId: clerk.userId, role: 'clerk', orgUnitId: 'hq' });
    await create(seller, { name: '张三', channel: 'store', budget: '1234.5', birthday: '1990-05-06', visited_at: '2025-03-02T09:30:00+08:00', member: true });
    await create(seller, { name: '李四', channel: 'web', budget: 88 });
    await create(admin, { name: 'HQ only', channel: 'web', secret: 'margin 40%' });
  });
  afterAll(async () => t?.close());

  it('writes an .xlsx with labels in the caller\'s language, money as numbers with 2 decimals and dates as dates', async () => {
    const res = await download(admin, '?format=xlsx&sort=createdAt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('线索'));
    const { values, formats } = await sheetRows(res.rawPayload);
    expect(values[0]).toEqual(['姓名', '来源渠道', '预算', '生日', '到店时间', '会员', '内部备注']);
    expect(values[1]!.slice(0, 6)).toEqual(['张三', '门店', 1234.5, new Date('1990-05-06T00:00:00Z'), new Date('2025-03-02T09:30:00Z'), '是']);
    expect(formats[1]!.slice(2, 5)).toEqual(['#,##0.00', 'yyyy-mm-dd', 'yyyy-mm-dd hh:mm:ss']);
    expect(values).toHaveLength(4);
  });

  it('never shows a hidden field or a row outside the caller\'s scope, and applies the filter', async () => {
    const res = await download(seller, '?format=csv&sort=createdAt', 'en');
    expect(res.headers['content-type']).toContain('text/csv');
    const text = res.body;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines).toEqual([
      'Name,Channel,Budget,Birthday,Visited at,Member',
      '张三,Store,1234.50,1990-05-06,2025-03-02 09:30:00,Yes',
      '李四,Web,88.00,,,',
    ]);
    expect(text).not.toContain('HQ only');
    expect(text).not.toContain('margin');
    const filtered = await download(seller, `?format=csv&filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'channel' }, 'web'] }))}`, 'en');
    expect(filtered.body.slice(1).trim().split('\r\n')).toHaveLength(2);
    // Asking for the hidden column by name is refused as unknown, not answered.
    const hidden = await call(t.app, { method: 'GET', url: `${EXPORT}?columns=name,secret`, headers: seller.headers });
    expect(hidden).toMatchObject({ status: 400, body: { errors: [{ path: '/query/columns/1', code: 'unknownField' }] } });
    const filterOnHidden = await call(t.app, { method: 'GET', url: `${EXPORT}?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'secret' }, 'x'] }))}`, headers: seller.headers });
    expect(filterOnHidden.status).toBe(400);
  });

  it('exports only the columns asked for, and needs the export action', async () => {
    const res = await download(admin, '?format=csv&columns=budget,name&sort=-createdAt', 'en');
    expect(res.body.slice(1).trim().split('\r\n')).toEqual(['Budget,Name', ',HQ only', '88.00,李四', '1234.50,张三']);
    const refused = await call(t.app, { method: 'GET', url: EXPORT, headers: { ...clerk.headers, 'accept-language': 'zh-CN' } });
    expect(refused).toMatchObject({ status: 403, body: { code: 'ERR_FORBIDDEN' } });
    expect((await call(t.app, { method: 'GET', url: `${EXPORT}?format=pdf`, headers: admin.headers })).status).toBe(400);
  });
});
