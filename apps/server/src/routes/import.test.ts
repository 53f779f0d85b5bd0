import type { FormDefinition, RoleDefinition } from '@tangram/schema';
import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_CHUNK_ROWS, runImport } from '../import/import-runner';
import { createPublishedForms } from '../records/published-forms';
import type { ImportProgress } from '../import/import-job';
import type { RecordsRepository, Store } from '@tangram/store';
import { makeXlsx, multipart, readXlsx } from '../import/test-sheets';
import { call, createTestApp, createUser, setupAdmin, type Session, type TestApp } from '../testing/test-app';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const opt = (value: string, zh: string, en: string) => ({ value, label: label(zh, en) });

const customerForm: FormDefinition = {
  schemaVersion: 1,
  key: 'customer',
  name: label('客户', 'Customers'),
  fields: [
    { id: 'f1', key: 'name', kind: 'text', label: label('姓名', 'Name'), required: true },
    { id: 'f2', key: 'phone', kind: 'phone', label: label('手机号', 'Phone'), region: 'cn-mobile', unique: true },
    { id: 'f3', key: 'secret', kind: 'text', label: label('内部备注', 'Secret') },
    { id: 'f4', key: 'channel', kind: 'select', label: label('来源渠道', 'Channel'), options: [opt('store', '门店', 'Store'), opt('expo', '展会', 'Expo'), opt('web', '网络', 'Web')] },
    { id: 'f5', key: 'budget', kind: 'money', label: label('预算', 'Budget') },
    { id: 'f6', key: 'birthday', kind: 'date', label: label('生日', 'Birthday') },
    { id: 'f7', key: 'member', kind: 'yesno', label: label('会员', 'Member') },
    { id: 'f8', key: 'visited_at', kind: 'datetime', label: label('到店时间', 'Visited at') },
    { id: 'f9', key: 'code', kind: 'autonumber', label: label('编号', 'Code'), pattern: 'KH-{seq:4}' },
  ],
};

const importerRole: RoleDefinition = {
  schemaVersion: 1, key: 'importer', name: label('导入员', 'Importer'),
  grants: [{ form: 'customer', actions: ['create', 'read', 'import', 'export'], scope: { kind: 'mine' }, fieldRules: [{ field: 'secret', access: 'hidden' }] }],
};
const clerkRole: RoleDefinition = {
  schemaVersion: 1, key: 'clerk', name: label('店员', 'Clerk'),
  grants: [{ form: 'customer', actions: ['create', 'read'], scope: { kind: 'mine' } }],
};

const BASE = '/api/apps/shop/forms/customer';

/** A sheet as people make it: a merged title, a blank row, a two-level header, messy values, blank rows. */
async function messySheet(): Promise<Buffer> {
  return makeXlsx({
    rows: [
      ['2025年3月 客户名单'],
      [],
      ['姓名', '联系方式', null, '来源渠道', '预算（元）', '生日', '会员', '到店时间'],
      [null, '手机号', 'Secret'],
      ['张三', '+86 138 0013 8000', 's1', '门店', '1,200.5', new Date(Date.UTC(1990, 4, 6)), '是', '2025/3/2 9:30'],
      ['李四', '１３９００１３９０００', null, 'Web', 3000, '1991年5月6日', '否', null],
      ['王五', 13700137000, null, 'expo', '¥800', 32874, 'yes', null],
      [null, '12345', null, '电视', 'abc', '31/12/1990', null, null],
      [],
      ['赵六', '138-0013-8001', null, null, null, '1992/1/2', null, null],
      ['', '', null, '', ''],
      [],
    ],
    merges: ['A1:H1', 'B3:C3', 'A3:A4', 'D3:D4', 'E3:E4', 'F3:F4', 'G3:G4', 'H3:H4'],
    dateColumns: [6],
  });
}

describe.each(testDialects())('spreadsheet import (%s)', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let importer: Session;
  let clerk: Session;

  const upload = (who: Session, name: string, content: Buffer | string, locale = 'zh-CN') => {
    const body = multipart(name, content);
    return call(t.app, { method: 'POST', url: `${BASE}/imports`, headers: { ...who.headers, ...body.headers, 'accept-language': locale }, payload: body.payload });
  };
  const start = (who: Session, id: string, body: Record<string, unknown>) => call(t.app, { method: 'POST', url: `${BASE}/imports/${id}/start`, headers: who.headers, payload: body });
  const job = (who: Session, id: string) => call(t.app, { method: 'GET', url: `${BASE}/imports/${id}`, headers: who.headers });
  const records = async (who: Session) => (await call(t.app, { method: 'GET', url: `${BASE}/records?limit=500&sort=createdAt`, headers: who.headers })).body.items as { id: string; data: Record<string, unknown> }[];
  const importAll = async (who: Session, file: Buffer, body: Record<string, unknown> = {}) => {
    const uploaded = await upload(who, 'customers.xlsx', file);
    expect(uploaded.status).toBe(201);
    const started = await start(who, uploaded.body.id, { mapping: uploaded.body.mapping, onDuplicate: 'skip', matchField: uploaded.body.matchField, ...body });
    expect(started.status).toBe(202);
    await t.app.importWorker.idle();
    return (await job(who, uploaded.body.id)).body;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupAdmin(t.app);
    const post = async (url: string, payload: unknown, method: 'POST' | 'PUT' = 'POST') => {
      const res = await call(t.app, { method, url, headers: admin.headers, payload: payload as Record<string, unknown> });
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    await post('/api/org-units', { id: 'hq', parentId: null, kind: 'hq', name: label('总部', 'HQ') });
    await post('/api/org-units', { id: 'sh01', parentId: 'hq', kind: 'store', name: label('上海一店', 'Shanghai 1') });
    await post('/api/apps', { schemaVersion: 1, key: 'shop', name: label('门店', 'Shop') });
    await post('/api/apps/shop/forms', customerForm);
    await post('/api/apps/shop/forms/customer/publish', {});
    await post('/api/apps/shop/roles/importer', importerRole, 'PUT');
    await post('/api/apps/shop/roles/clerk', clerkRole, 'PUT');
    importer = await createUser(t.app, admin, 'importer@example.com');
    clerk = await createUser(t.app, admin, 'clerk@example.com');
    await post('/api/apps/shop/members', { userId: importer.userId, role: 'importer', orgUnitId: 'sh01' });
    await post('/api/apps/shop/members', { userId: clerk.userId, role: 'clerk', orgUnitId: 'sh01' });
  });
  afterAll(async () => t?.close());

  it('finds the header under a merged title, maps columns by their Chinese labels and previews each row\'s problems', async () => {
    const res = await upload(importer, 'customers.xlsx', await messySheet());
    expect(res.status).toBe(201);
    // Counted without parsing: the trailing row of empty strings counts until the job reads it.
    expect(res.body.totalRows).toBe(6);
    expect(res.body.columns.map((c: { label: string }) => c.label)).toEqual(['姓名', '手机号', 'Secret', '来源渠道', '预算（元）', '生日', '会员', '到店时间']);
    expect(res.body.columns[1]).toMatchObject({ index: 1, label: '手机号', group: '联系方式' });
    // The importer may not see `secret`: its column is not mapped, and it is not offered.
    expect(res.body.mapping).toEqual({ 0: 'name', 1: 'phone', 2: null, 3: 'channel', 4: 'budget', 5: 'birthday', 6: 'member', 7: 'visited_at' });
    expect(res.body.fields.map((f: { key: string }) => f.key)).not.toContain('secret');
    expect(res.body.matchField).toBe('phone');
    const [first, , , bad] = res.body.preview;
    expect(first).toMatchObject({ row: 5, problems: [], data: { name: '张三', phone: '13800138000', channel: 'store', budget: '1200.50', birthday: '1990-05-06', member: true, visited_at: '2025-03-02T01:30:00.000Z' } });
    expect(bad.row).toBe(8);
    expect(bad.problems.map((p: { column: number; code: string }) => [p.column, p.code])).toEqual(
      expect.arrayContaining([[0, 'required'], [1, 'invalidPhone'], [3, 'notAnOption'], [4, 'invalidNumber'], [5, 'invalidDate']]),
    );
    expect(bad.problems.find((p: { code: string }) => p.code === 'invalidPhone').message).toMatch(/手机/);
  });

  it('imports every good row with its messy values cleaned, and gives the bad one back in an .xlsx with the reason', async () => {
    const done = await importAll(importer, await messySheet());
    expect(done).toMatchObject({ status: 'done', progress: { total: 5, processed: 5, created: 4, updated: 0, skipped: 0, rejected: 1 } });
    const stored = await records(importer);
    expect(stored.map((r) => [r.data.name, r.data.phone, r.data.birthday])).toEqual([
      ['张三', '13800138000', '1990-05-06'],
      ['李四', '13900139000', '1991-05-06'],
      ['王五', '13700137000', '1990-01-01'],
      ['赵六', '13800138001', '1992-01-02'],
    ]);
    expect(stored[2]!.data).toMatchObject({ budget: '800.00', channel: 'expo', member: true });
    expect(stored[0]!.data.code).toMatch(/^KH-\d{4}$/);

    const rejects = await t.app.inject({ method: 'GET', url: `${BASE}/imports/${done.id}/rejects`, headers: { ...importer.headers, 'accept-language': 'zh-CN' } });
    expect(rejects.statusCode).toBe(200);
    expect(rejects.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readXlsx(rejects.rawPayload);
    expect(sheet[0]![0]).toBe('原行号');
    expect(sheet[0]!.at(-1)).toBe('错误原因');
    expect(sheet).toHaveLength(2);
    expect(sheet[1]![0]).toBe(8);
    expect(sheet[1]![2]).toBe('12345');
    expect(String(sheet[1]!.at(-1))).toContain('姓名: 必填');
    expect(String(sheet[1]!.at(-1))).toContain('手机号: 请输入有效的手机号码');
  });

  it('skips, updates or creates rows whose phone already exists, as chosen', async () => {
    const sheet = (name: string) => makeXlsx({ rows: [['Name', 'Phone', 'Channel'], [name, '138 0013 8000', 'Expo'], ['New one', '13600136000', 'web']] });
    const skipped = await importAll(admin, await sheet('Zhang San'), { onDuplicate: 'skip' });
    expect(skipped.progress).toMatchObject({ created: 1, skipped: 1, updated: 0, rejected: 0 });

    const updated = await importAll(admin, await sheet('Zhang San'), { onDuplicate: 'update' });
    expect(updated.progress).toMatchObject({ created: 0, skipped: 0, updated: 2, rejected: 0 });
    const all = await records(admin);
    expect(all.find((r) => r.data.phone === '13800138000')!.data).toMatchObject({ name: 'Zhang San', channel: 'expo', budget: '1200.50' });
    expect(all.filter((r) => r.data.phone === '13800138000')).toHaveLength(1);

    // "create" makes a new record for every row; the phone is unique, so both rows are refused and say why.
    const created = await importAll(admin, await sheet('Again'), { onDuplicate: 'create' });
    expect(created.progress).toMatchObject({ created: 0, rejected: 2 });
    const rejects = await readXlsx((await t.app.inject({ method: 'GET', url: `${BASE}/imports/${created.id}/rejects`, headers: { ...admin.headers, 'accept-language': 'en' } })).rawPayload);
    expect(rejects[0]!.at(-1)).toBe('Errors');
    expect(String(rejects[1]!.at(-1))).toMatch(/^Phone: Another record already has this phone/);
  });

  it('reads a GBK-encoded CSV as Excel on a Chinese Windows saves it', async () => {
    const gbk = Buffer.from([
      // "姓名,手机号\r\n钱七,13500135000\r\n" in GBK
      0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5, 0x0d, 0x0a,
      0xc7, 0xae, 0xc6, 0xdf, 0x2c, 0x31, 0x33, 0x35, 0x30, 0x30, 0x31, 0x33, 0x35, 0x30, 0x30, 0x30, 0x0d, 0x0a,
    ]);
    const res = await upload(admin, 'leads.csv', gbk);
    expect(res.status).toBe(201);
    expect(res.body.mapping).toEqual({ 0: 'name', 1: 'phone' });
    expect(res.body.preview[0].data).toMatchObject({ name: '钱七', phone: '13500135000' });
  });

  it('refuses files it cannot read with a located 4xx in the caller\'s language, and stores nothing', async () => {
    const before = (await records(admin)).length;
    const txt = await upload(admin, 'notes.txt', 'hello', 'en');
    expect(txt).toMatchObject({ status: 415, body: { code: 'ERR_UNSUPPORTED_MEDIA_TYPE', errors: [{ path: '/file', code: 'unsupportedFileType', message: '"notes.txt" is not an .xlsx or .csv file' }] } });
    expect(txt.contentType).toContain('application/problem+json');
    expect((await upload(admin, 'fake.xlsx', 'name,phone\n')).status).toBe(415);
    const corrupt = await upload(admin, 'broken.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]));
    expect(corrupt).toMatchObject({ status: 400, body: { errors: [{ path: '/file', code: 'unreadableFile', message: '无法读取该文件，请另存为 .xlsx 或 .csv 后重试' }] } });
    expect((await upload(admin, 'empty.csv', '姓名,手机号\r\n\r\n')).body.errors[0].code).toBe('noDataRows');
    const notMultipart = await call(t.app, { method: 'POST', url: `${BASE}/imports`, headers: admin.headers, payload: { file: 'x' } });
    expect(notMultipart.status).toBe(415);
    expect((await records(admin)).length).toBe(before);
  });

  it('checks the mapping and the permissions of each step', async () => {
    const file = await makeXlsx({ rows: [['Name', 'Phone', 'Secret'], ['Ann', '13100131000', 'x']] });
    expect((await upload(clerk, 'a.xlsx', file)).status).toBe(403);
    const uploaded = await upload(importer, 'a.xlsx', file);
    const id = uploaded.body.id as string;
    // A hidden field cannot be filled by mapping a column to it.
    expect(await start(importer, id, { mapping: { 0: 'name', 2: 'secret' }, onDuplicate: 'skip' })).toMatchObject({ status: 403, body: { errors: [{ path: '/mapping/2', code: 'hiddenField' }] } });
    const bad = await start(importer, id, { mapping: { 0: 'name', 1: 'name', 9: 'phone', 2: 'code' }, onDuplicate: 'skip', matchField: 'budget' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual(['/mapping/1 mappedTwice', '/mapping/2 notImportable', '/mapping/9 unknownColumn']);
    // Updating existing records needs the update action, which the importer lacks.
    expect(await start(importer, id, { mapping: { 0: 'name', 1: 'phone' }, onDuplicate: 'update', matchField: 'phone' })).toMatchObject({ status: 403, body: { errors: [{ path: '/onDuplicate' }] } });
    // Someone else's job does not exist for them.
    expect((await job(clerk, id)).status).toBe(403);
    const otherImporter = await createUser(t.app, admin, 'importer2@example.com');
    await call(t.app, { method: 'POST', url: '/api/apps/shop/members', headers: admin.headers, payload: { userId: otherImporter.userId, role: 'importer', orgUnitId: 'sh01' } });
    expect((await job(otherImporter, id)).status).toBe(404);
    expect((await start(importer, id, { mapping: { 0: 'name', 1: 'phone' }, onDuplicate: 'skip', matchField: 'phone' })).status).toBe(202);
    expect((await start(importer, id, { mapping: { 0: 'name', 1: 'phone' }, onDuplicate: 'skip' })).status).toBe(409);
    await t.app.importWorker.idle();
    expect((await job(importer, id)).body.progress).toMatchObject({ created: 1 });
  });

  it('finishes a job whose worker died, without saving a row twice', async () => {
    const file = await makeXlsx({ rows: [['姓名', '手机号'], ['甲', '13100000001'], ['乙', '13100000002'], ['丙', '13100000003']] });
    const uploaded = await upload(admin, 'resume.xlsx', file);
    const id = uploaded.body.id as string;
    const draft = (await t.store.jobs.get(id))!;
    // Another process took the job, saved the first row (with the key the runner gives it), then died.
    await t.store.jobs.queue(id, { ...draft.payload, onDuplicate: 'skip', matchField: 'phone' });
    expect((await t.store.jobs.claim(['import'], 60_000))!.id).toBe(id);
    const access = await t.store.identity.resolveAccess((await t.store.identity.getUser(admin.userId))!, 'shop', 'customer');
    const key = `import-${id}-2`;
    await t.store.records('shop', 'customer').createMany({ userId: admin.userId, via: 'user' }, access, 1, [
      { data: { name: '甲', phone: '13100000001' }, ownerId: admin.userId, idempotencyKey: key, idempotencyFingerprint: key },
    ]);
    // Its lease is still running: nobody else takes the job.
    t.app.importWorker.kick();
    await t.app.importWorker.idle();
    expect((await job(admin, id)).body.status).toBe('running');
    // The lease runs out; the next look for work resumes it.
    t.clock.now = new Date(t.clock.now.getTime() + 61_000);
    t.app.importWorker.kick();
    await t.app.importWorker.idle();
    const done = (await job(admin, id)).body;
    expect(done).toMatchObject({ status: 'done', progress: { processed: 3, created: 2, skipped: 1, rejected: 0 } });
    const phones = (await records(admin)).map((r) => r.data.phone).filter((p) => String(p).startsWith('131000'));
    expect(phones.sort()).toEqual(['13100000001', '13100000002', '13100000003']);
    expect((await t.store.jobs.get(id))!.attempts).toBe(2);
  });

  it('resumes a job queued before chunks overlapped, whose worker died after saving half a chunk, without saving that half again', async () => {
    const rows: unknown[][] = [['姓名', '手机号']];
    // 300 rows: a chunk big enough to be inserted in two halves, sheet rows 2–151 and 152–301.
    for (let i = 0; i < 300; i++) rows.push([`续${i}`, String(13_200_000_000 + i)]);
    const uploaded = await upload(admin, 'resume-half.xlsx', await makeXlsx({ rows }));
    const id = uploaded.body.id as string;
    const draft = (await t.store.jobs.get(id))!;
    await t.store.jobs.queue(id, { ...draft.payload, onDuplicate: 'create' });
    expect((await t.store.jobs.claim(['import'], 60_000))!.id).toBe(id);
    // The dead worker saved the chunk's first half under the key the runner gives it.
    const access = await t.store.identity.resolveAccess((await t.store.identity.getUser(admin.userId))!, 'shop', 'customer');
    const saved = await t.store.records('shop', 'customer').createManyRefs({ userId: admin.userId, via: 'user' }, access, 1,
      rows.slice(1, 151).map(([name, phone]) => ({ data: { name, phone }, ownerId: admin.userId })), { batchKey: `import-${id}-rows-2` });
    expect(saved.batchReplayed).toBe(false);
    t.clock.now = new Date(t.clock.now.getTime() + 61_000);
    t.app.importWorker.kick();
    await t.app.importWorker.idle();
    expect((await job(admin, id)).body).toMatchObject({ status: 'done', progress: { processed: 300, created: 300, rejected: 0 } });
    const phones = (await records(admin)).map((r) => String(r.data.phone)).filter((p) => p.startsWith('132000'));
    expect(phones.sort()).toEqual(rows.slice(1).map((r) => r[1]));
  });

  it('resumes a job whose worker wrote two chunks past its last checkpoint, the second row by row, saving no row twice', async () => {
    // No phones: nothing unique would refuse a row saved again, only the keys the runner gives them.
    const rows: unknown[][] = [['姓名']];
    // Two chunks and a bit: sheet rows 2–1001, 1002–2001 and 2002–2051.
    for (let i = 0; i < IMPORT_CHUNK_ROWS * 2 + 50; i++) rows.push([`断点${i}号`]);
    const uploaded = await upload(admin, 'resume-two.xlsx', await makeXlsx({ rows }));
    const id = uploaded.body.id as string;
    await t.store.jobs.queue(id, { ...(await t.store.jobs.get(id))!.payload, onDuplicate: 'create', splitChunks: false });
    expect((await t.store.jobs.claim(['import'], 60_000))!.id).toBe(id);
    // The dead worker wrote the first chunk under its batch key, and 30 rows of the second one by one
    // under their row keys (its statement had collided), before any checkpoint landed.
    const access = await t.store.identity.resolveAccess((await t.store.identity.getUser(admin.userId))!, 'shop', 'customer');
    const customers = t.store.records('shop', 'customer');
    const actor = { userId: admin.userId, via: 'user' } as const;
    const input = (sheetRow: number) => ({ data: { name: rows[sheetRow - 1]![0] as string }, ownerId: admin.userId });
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    await customers.createManyRefs(actor, access, 1, range(2, 1001).map(input), { batchKey: `import-${id}-rows-2` });
    for (const sheetRow of range(1002, 1031)) {
      const key = `import-${id}-${sheetRow}`;
      await customers.create(actor, access, 1, { ...input(sheetRow), idempotencyKey: key, idempotencyFingerprint: key });
    }
    t.clock.now = new Date(t.clock.now.getTime() + 61_000);
    t.app.importWorker.kick();
    await t.app.importWorker.idle();
    expect((await job(admin, id)).body).toMatchObject({ status: 'done', progress: { processed: rows.length - 1, rejected: 0 } });
    const named = (name: string) => customers.count(access, { '==': [{ var: 'name' }, name] });
    expect(await customers.count(access, { in: ['断点', { var: 'name' }] })).toBe(rows.length - 1);
    for (const sheetRow of [2, 1001, 1002, 1031, 1032, 2051]) expect(await named(rows[sheetRow - 1]![0] as string)).toBe(1);
  });

  it('refuses just the rows that repeat a unique phone across two chunks written at once, in crossed order', async () => {
    // The creates of a chunk are sent while the chunk before is still being written; row 10 and row
    // 1900 share a phone, and so do rows 400 and 1600, so each statement may wait on the other (on
    // PostgreSQL the database breaks the cycle). Either way one row of each pair is saved and the other
    // is given back with its reason.
    const phone = (i: number) => String(15_200_000_000 + i);
    const rows: unknown[][] = [['姓名', '手机号', '来源渠道']];
    for (let i = 0; i < IMPORT_CHUNK_ROWS * 2; i++) rows.push([`交叉${i}`, phone(i), 'web']);
    rows[1900]![1] = rows[10]![1];
    rows[1600]![1] = rows[400]![1];
    const done = await importAll(admin, await makeXlsx({ rows }), { onDuplicate: 'create' });
    expect(done).toMatchObject({ status: 'done', progress: { processed: IMPORT_CHUNK_ROWS * 2, created: IMPORT_CHUNK_ROWS * 2 - 2, rejected: 2 } });
    const withPhone = (p: string) => `${BASE}/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'phone' }, p] }))}`;
    for (const p of [rows[10]![1] as string, rows[400]![1] as string]) {
      expect((await call(t.app, { method: 'GET', url: withPhone(p), headers: admin.headers })).body.items).toHaveLength(1);
    }
  });

  it('refuses, not skips, rows repeating a row that was refused, in its chunk and in the next', async () => {
    // A customer the importer cannot see (their scope is their own records) holds the phone: the first
    // row with it is refused by the database, and the rows repeating it are no duplicates of a saved row.
    const taken = '15499999999';
    expect((await call(t.app, { method: 'POST', url: `${BASE}/records`, headers: admin.headers, payload: { data: { name: '别人的客户', phone: taken } } })).status).toBe(201);
    const phone = (i: number) => String(15_400_000_000 + i);
    const rows: unknown[][] = [['姓名', '手机号']];
    for (let i = 0; i < IMPORT_CHUNK_ROWS + 50; i++) rows.push([`重号${i}`, phone(i)]);
    for (const at of [5, 600, IMPORT_CHUNK_ROWS + 10]) rows[at]![1] = taken;
    const done = await importAll(importer, await makeXlsx({ rows }), { onDuplicate: 'skip', matchField: 'phone' });
    expect(done).toMatchObject({ status: 'done', progress: { processed: IMPORT_CHUNK_ROWS + 50, created: IMPORT_CHUNK_ROWS + 47, skipped: 0, rejected: 3 } });
  });

  it('skips a row repeating a phone the chunk before creates, while that chunk is still being saved', async () => {
    // Each insert waits a moment before it starts, so the second chunk's lookup of existing phones runs
    // before the first chunk's rows are in the database: only the runner's memory of them can find it.
    const phone = (i: number) => String(15_300_000_000 + i);
    const rows: unknown[][] = [['姓名', '手机号']];
    for (let i = 0; i < IMPORT_CHUNK_ROWS + 50; i++) rows.push([`慢${i}`, phone(i)]);
    // In the second chunk (sheet rows 1002–1051), a phone of the first.
    rows[IMPORT_CHUNK_ROWS + 20] = ['慢重复', phone(7)];
    const uploaded = await upload(admin, 'slow.xlsx', await makeXlsx({ rows }));
    const id = uploaded.body.id as string;
    await t.store.jobs.queue(id, { ...(await t.store.jobs.get(id))!.payload, onDuplicate: 'skip', matchField: 'phone' });
    const job = (await t.store.jobs.claim(['import'], 60_000))!;
    const slowRecords = (app: string, form: string): RecordsRepository => {
      const records = t.store.records(app, form);
      return { ...records, createManyRefs: async (...args) => { await new Promise((resolve) => setTimeout(resolve, 300)); return records.createManyRefs(...args); } };
    };
    const store: Store = { ...t.store, records: slowRecords };
    const progress: ImportProgress = await runImport({ store, forms: createPublishedForms(store), now: () => t.clock.now, publish: async () => {}, leaseMs: 60_000 }, job);
    expect(progress).toMatchObject({ processed: IMPORT_CHUNK_ROWS + 50, created: IMPORT_CHUNK_ROWS + 49, skipped: 1, rejected: 0 });
  });

  // Last: it adds thousands of records, which the tests above read the first page of.
  it('imports a sheet of several chunks: a phone repeated in a later chunk is a duplicate, every row gets its own number', async () => {
    const count = IMPORT_CHUNK_ROWS * 2 + 400;
    const phone = (i: number) => String(15_100_000_000 + i);
    const rows: unknown[][] = [['姓名', '手机号', '来源渠道']];
    for (let i = 0; i < count; i++) rows.push([`客户${i}`, phone(i), 'web']);
    // The last chunk repeats the first row's phone, and the second chunk row 6's (its lookup runs while
    // the first chunk is still being saved); the second chunk also holds a phone that is not one.
    rows[count] = ['重复', phone(0), 'web'];
    rows[IMPORT_CHUNK_ROWS + 20] = ['重复2', phone(5), 'web'];
    rows[IMPORT_CHUNK_ROWS + 10] = ['坏号码', '12345', 'web'];
    const done = await importAll(admin, await makeXlsx({ rows }), { onDuplicate: 'skip' });
    expect(done).toMatchObject({ status: 'done', progress: { total: count, processed: count, created: count - 3, skipped: 2, rejected: 1 } });
    const withPhone = (p: string) => `${BASE}/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'phone' }, p] }))}`;
    const first = (await call(t.app, { method: 'GET', url: withPhone(phone(0)), headers: admin.headers })).body.items as { data: Record<string, unknown> }[];
    expect(first.map((r) => r.data.name)).toEqual(['客户0']);
    const sample = await Promise.all([1, IMPORT_CHUNK_ROWS + 1, count - 2].map(async (i) => (await call(t.app, { method: 'GET', url: withPhone(phone(i)), headers: admin.headers })).body.items[0].data.code as string));
    expect(new Set(sample).size).toBe(3);
  });
});
