import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Store } from '../api';
import { StoreError } from '../errors';
import { testDialects } from '../testing';
import { accessWith, fullAccess, leadForm, openTestStore, publishForm } from '../testing/test-store';

const ALICE: Actor = { userId: 'u-alice', via: 'user' };
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3]);

describe.each(testDialects())('files, comments and owner changes on %s', (dialect) => {
  let store: Store;
  let version: number;
  const access = fullAccess('crm', 'lead', 'u-alice');
  const leads = () => store.records('crm', 'lead');

  beforeAll(async () => {
    store = await openTestStore(dialect);
    version = await publishForm(store, 'crm', leadForm());
  });
  afterAll(async () => { await store?.close(); });

  it('keeps the bytes, returns them unchanged and links the file to the first record only', async () => {
    const file = await store.files.create({ app: 'crm', form: 'lead', field: 'photos', name: '名片.png', mime: 'image/png', content: PNG, uploadedBy: 'u-alice' });
    expect(file).toMatchObject({ name: '名片.png', size: PNG.byteLength, recordId: null, hasThumbnail: false, uploadedBy: 'u-alice' });
    expect(Array.from((await store.files.content(file.id))!)).toEqual(Array.from(PNG));
    await store.files.setThumbnail(file.id, Uint8Array.from([9, 9]));
    expect(Array.from((await store.files.thumbnail(file.id))!)).toEqual([9, 9]);
    await store.files.attach([file.id], '7');
    await store.files.attach([file.id], '8');
    expect((await store.files.get(file.id))?.recordId).toBe('7');
    expect(await store.files.get('not-a-uuid')).toBeNull();
    expect(await store.files.getMany([file.id, file.id, 'x'])).toHaveLength(1);
  });

  it("sweeps a user's own old uploads that no record took, and nothing else", async () => {
    const old = await store.files.create({ app: 'crm', form: 'lead', field: 'photos', name: 'old.png', mime: 'image/png', content: PNG, uploadedBy: 'u-sweep' });
    const kept = await store.files.create({ app: 'crm', form: 'lead', field: 'photos', name: 'kept.png', mime: 'image/png', content: PNG, uploadedBy: 'u-sweep' });
    const other = await store.files.create({ app: 'crm', form: 'lead', field: 'photos', name: 'other.png', mime: 'image/png', content: PNG, uploadedBy: 'u-other' });
    await store.files.attach([kept.id], '9');
    expect(await store.files.removeUnattached('u-sweep', new Date(Date.now() + 60_000))).toBe(1);
    expect(await store.files.get(old.id)).toBeNull();
    expect(await store.files.get(kept.id)).not.toBeNull();
    expect(await store.files.get(other.id)).not.toBeNull();
  });

  it('stores a comment as a commented event without changing the record version', async () => {
    const record = await leads().create(ALICE, access, version, { data: { name: 'Li' } });
    const event = await leads().comment(ALICE, access, record.id, '  called, wants a demo  ');
    expect(event).toMatchObject({ kind: 'commented', comment: 'called, wants a demo', actorId: 'u-alice', diff: {} });
    expect((await leads().get(access, record.id))?.version).toBe(1);
    expect((await leads().events(access, record.id)).map((e) => e.kind)).toEqual(['created', 'commented']);
  });

  it('refuses comments on records outside the read scope, and empty comments', async () => {
    const record = await leads().create(ALICE, access, version, { data: { name: 'Zhao' } });
    const mine = accessWith('crm', 'lead', { userId: 'u-bob', scope: { kind: 'owner', userId: 'u-bob' } });
    const refused = await leads().comment({ userId: 'u-bob', via: 'user' }, mine, record.id, 'hi').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).code).toBe('ERR_NOT_FOUND');
    const empty = await leads().comment(ALICE, access, record.id, '   ').catch((e: unknown) => e);
    expect((empty as StoreError).code).toBe('ERR_INVALID_VALUE');
  });

  it('does not take an object value sent back in another key order for a change', async () => {
    const form = leadForm([{ id: 'f99', key: 'photos', kind: 'file', label: { en: 'Photos' } }]);
    const v2 = await publishForm(store, 'crm', form);
    const ref = { id: 'a', name: 'a.png', size: 1, mime: 'image/png' };
    const record = await leads().create(ALICE, access, v2, { data: { name: 'Order', photos: [ref] } });
    const same = await leads().update(ALICE, access, record.id, 1, { photos: [{ size: 1, mime: 'image/png', name: 'a.png', id: 'a' }] }, v2);
    expect(same.version).toBe(1);
  });

  it('changes the owner in an update and journals it as ownerId', async () => {
    const record = await leads().create(ALICE, access, version, { data: { name: 'Sun' } });
    const updated = await leads().update(ALICE, access, record.id, 1, {}, version, { ownerId: 'u-bob' });
    expect(updated).toMatchObject({ ownerId: 'u-bob', version: 2 });
    const events = await leads().events(access, record.id);
    expect(events.at(-1)).toMatchObject({ kind: 'updated', diff: { ownerId: ['u-alice', 'u-bob'] } });
  });
});
