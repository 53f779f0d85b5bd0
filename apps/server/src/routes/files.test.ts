import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrm, type Crm } from '../testing/crm-fixture';
import { call, createTestApp, setupAdmin, type Session, type TestApp } from '../testing/test-app';
import { addVisits, MINIMAL_PDF, pngBytes, upload } from '../testing/visit-fixture';

const VISITS = '/api/apps/crm/forms/visit/records';

describe.each(testDialects())('file uploads, downloads and attaching (%s)', (dialect) => {
  let t: TestApp;
  let crm: Crm;
  let png: Buffer;
  let clock = new Date();

  const createVisit = (who: Session, data: Record<string, unknown>) => call(t.app, { method: 'POST', url: VISITS, headers: who.headers, payload: { data } });
  const download = (who: Session, id: string, suffix = '') => t.app.inject({ method: 'GET', url: `/api/files/${id}${suffix}`, headers: who.headers });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
    crm = await buildCrm(t.app, await setupAdmin(t.app));
    await addVisits(t.app, crm.admin);
    png = await pngBytes(800, 600);
  });
  afterAll(async () => t?.close());

  it('stores an image with the type read from its content, serves it inline and makes a thumbnail', async () => {
    const res = await upload(t.app, crm.clerkA, 'photos', '门店 照片.png', png);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '门店 照片.png', size: png.byteLength, mime: 'image/png', field: 'photos', hasThumbnail: true });
    const file = await download(crm.clerkA, res.body.id);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(`inline; filename="__ __.png"; filename*=UTF-8''${encodeURIComponent('门店 照片.png')}`);
    expect(file.rawPayload.equals(png)).toBe(true);
    const thumb = await download(crm.clerkA, res.body.id, '/thumbnail');
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.rawPayload.byteLength).toBeLessThan(png.byteLength);
  });

  it('refuses what the field does not take: wrong content, too large, renamed, empty, unknown field', async () => {
    const html = await upload(t.app, crm.clerkA, 'photos', 'cat.png', '<svg onload="alert(1)"></svg>');
    expect(html.status).toBe(415);
    expect(html.body.errors[0]).toMatchObject({ path: '/file', code: 'fileType' });
    const big = await upload(t.app, crm.clerkA, 'photos', 'big.png', Buffer.concat([png, Buffer.alloc(1024 * 1024)]));
    expect(big.status).toBe(413);
    expect(big.body.errors[0]).toMatchObject({ path: '/file', code: 'fileTooLarge', params: { limit: 1 } });
    const renamed = await upload(t.app, crm.clerkA, 'contract', 'contract.pdf', png);
    expect(renamed.status).toBe(415);
    expect((await upload(t.app, crm.clerkA, 'contract', 'contract.pdf', MINIMAL_PDF)).body).toMatchObject({ mime: 'application/pdf' });
    expect((await upload(t.app, crm.clerkA, 'contract', 'empty.pdf', '')).status).toBe(400);
    const unknown = await upload(t.app, crm.clerkA, 'note', 'a.png', png);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: '/query/field', code: 'unknownFileField' });
    const json = await call(t.app, { method: 'POST', url: '/api/apps/crm/forms/visit/files?field=photos', headers: crm.clerkA.headers, payload: { a: 1 } });
    expect(json.status).toBe(415);
  });

  it('serves other files as attachments, never as a page of the site', async () => {
    const res = await upload(t.app, crm.clerkA, 'contract', '合同.pdf', MINIMAL_PDF);
    const file = await download(crm.clerkA, res.body.id);
    expect(file.headers['content-disposition']).toMatch(/^attachment; /);
    expect(file.headers['content-security-policy']).toContain('sandbox');
    expect((await download(crm.clerkA, res.body.id, '/thumbnail')).statusCode).toBe(404);
  });

  it('lets only the uploader read a file no record holds, and record readers once attached', async () => {
    const up = await upload(t.app, crm.clerkA, 'photos', 'shop.png', png);
    expect((await download(crm.clerkB, up.body.id)).statusCode).toBe(404);
    expect((await download(crm.admin, up.body.id)).statusCode).toBe(404);
    // The client's claims about the file are replaced by what was stored.
    const visit = await createVisit(crm.clerkA, { note: 'first', photos: [{ ...up.body, mime: 'image/gif', size: 1, hasThumbnail: undefined, field: undefined }] });
    expect(visit.status).toBe(201);
    expect(visit.body.data.photos).toEqual([{ id: up.body.id, name: 'shop.png', size: png.byteLength, mime: 'image/png' }]);
    expect((await download(crm.clerkA, up.body.id)).statusCode).toBe(200);
    expect((await download(crm.admin, up.body.id)).statusCode).toBe(200);
    // clerk B's scope is their own rows: A's visit, and so its photo, does not exist for them.
    expect((await download(crm.clerkB, up.body.id)).statusCode).toBe(404);
  });

  it("refuses attaching someone else's file, or a file another record holds", async () => {
    const mine = await upload(t.app, crm.clerkA, 'photos', 'a.png', png);
    const ref = { id: mine.body.id, name: 'a.png', size: png.byteLength, mime: 'image/png' };
    const stolen = await createVisit(crm.clerkB, { note: 'steal', photos: [ref] });
    expect(stolen.status).toBe(422);
    expect(stolen.body.errors).toEqual([expect.objectContaining({ path: '/data/photos/0', code: 'unknownFile' })]);
    const first = await createVisit(crm.clerkA, { note: 'one', photos: [ref] });
    expect(first.status).toBe(201);
    const second = await createVisit(crm.clerkA, { note: 'two', photos: [ref] });
    expect(second.status).toBe(422);
    // Keeping the record's own file on an edit is fine.
    const edit = await call(t.app, { method: 'PATCH', url: `${VISITS}/${first.body.id}`, headers: crm.clerkA.headers, payload: { version: 1, data: { note: 'one!', photos: [ref] } } });
    expect(edit.status).toBe(200);
    const bulk = await call(t.app, { method: 'POST', url: `${VISITS}/bulk-update`, headers: crm.admin.headers, payload: { filter: { '==': [{ var: 'note' }, 'one!'] }, data: { photos: [ref] } } });
    expect(bulk.status).toBe(422);
  });

  it('lets a retried create with the same Idempotency-Key name its files again, and answers with the first record', async () => {
    const up = await upload(t.app, crm.clerkA, 'photos', 'retry.png', png);
    const payload = { data: { note: 'retried', photos: [{ id: up.body.id, name: 'retry.png', size: png.byteLength, mime: 'image/png' }] } };
    const send = (key: string) => call(t.app, { method: 'POST', url: VISITS, headers: { ...crm.clerkA.headers, 'idempotency-key': key }, payload });
    const first = await send('visit-retry-1');
    expect(first.status).toBe(201);
    const again = await send('visit-retry-1');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    // Another submission (another key) may not take the same file.
    expect((await send('visit-retry-2')).status).toBe(422);
  });

  it('checks maxFiles on the record', async () => {
    const refs = await Promise.all([1, 2, 3].map(async (n) => (await upload(t.app, crm.clerkA, 'photos', `${n}.png`, png)).body));
    const res = await createVisit(crm.clerkA, { photos: refs.map(({ id, name, size, mime }) => ({ id, name, size, mime })) });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ path: '/data/photos', code: 'maxItems' });
  });

  it('deletes an upload no record took once it is a day old, at its uploader\'s next upload', async () => {
    const abandoned = await upload(t.app, crm.clerkA, 'photos', 'abandoned.png', png);
    expect((await download(crm.clerkA, abandoned.body.id)).statusCode).toBe(200);
    clock = new Date(Date.now() + 25 * 60 * 60 * 1000);
    expect((await upload(t.app, crm.clerkA, 'photos', 'next.png', png)).status).toBe(201);
    expect((await download(crm.clerkA, abandoned.body.id)).statusCode).toBe(404);
  });
});
