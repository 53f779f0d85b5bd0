import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Store } from './api';
import { createStoreFromHandle } from './create-store';
import { openDatabase } from './database';
import { loadFormLayout } from './form-layout';
import { writeIndexesMigration } from './migrations/0009-write-indexes';
import { createSlotIndexes, slotIndexName, type SlotIndexEvent } from './slot-indexes';
import { openTestDatabase, testDialects } from './testing';
import { fullAccess, leadForm, openTestStore, publishForm } from './testing/test-store';

const ACTOR: Actor = { userId: 'u-1', via: 'user' };
const access = fullAccess('crm', 'lead');

describe.each(testDialects())('slot indexes built on demand on %s', (dialect) => {
  let store: Store;
  let formId: number;
  const events: SlotIndexEvent[] = [];
  /** The lead form's build outcomes (the publish test builds on a form of its own). */
  const leadEvents = () => events.filter((e) => e.formId === formId);

  const slotOf = async (key: string): Promise<string> => (await loadFormLayout(store.handle.db, 'crm', 'lead'))!.fields.get(key)!.slot!;
  /** The form's indexes on `records` and whether each is valid. */
  const indexes = async (): Promise<Map<string, boolean>> => {
    const { rows } = await sql<{ name: string; valid: boolean }>`
      select c.relname as name, i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid
      where c.relname like ${`records_f${formId}\\_%`}`.execute(store.handle.db);
    return new Map(rows.map((r) => [r.name, r.valid]));
  };
  const slotIndexed = async (key: string): Promise<boolean> => (await loadFormLayout(store.handle.db, 'crm', 'lead'))!.fields.get(key)!.slotIndexed;

  beforeAll(async () => {
    const handle = await openTestDatabase(dialect);
    store = createStoreFromHandle(handle, { onSlotIndex: (e) => events.push(e) });
    await store.migrate();
    const version = await publishForm(store, 'crm', leadForm());
    formId = (await loadFormLayout(store.handle.db, 'crm', 'lead'))!.formId;
    await store.records('crm', 'lead').createMany(ACTOR, access, version, Array.from({ length: 60 }, (_, i) => ({
      data: { name: `lead ${i}`, channel: ['web', 'expo', 'street'][i % 3], budget: String(100 * (i % 7)), visits: i % 5, due: `2024-05-${String(1 + (i % 28)).padStart(2, '0')}` },
    })));
  });
  afterAll(async () => { await store?.close(); });

  it('publishing and inserting create the created and unique indexes, but no slot index', async () => {
    expect([...(await indexes()).keys()].sort()).toEqual([`records_f${formId}_created`, `records_f${formId}_uq_phone`]);
  });

  it('a filtered, sorted list answers at once, then has its slot indexes built, and answers the same after', async () => {
    const query = { filter: { '==': [{ var: 'channel' }, 'expo'] }, sort: [{ field: 'budget', direction: 'desc' as const }], limit: 100 };
    const before = await store.records('crm', 'lead').list(access, query);
    await store.slotIndexesSettled();
    const built = await indexes();
    expect(built.get(slotIndexName(formId, await slotOf('channel')))).toBe(true);
    expect(built.get(slotIndexName(formId, await slotOf('budget')))).toBe(true);
    expect(await slotIndexed('channel')).toBe(true);
    expect(leadEvents().filter((e) => e.outcome === 'built').map((e) => e.slot).sort()).toEqual([await slotOf('channel'), await slotOf('budget')].sort());
    const after = await store.records('crm', 'lead').list(access, query);
    expect(after.items.map((r) => r.id)).toEqual(before.items.map((r) => r.id));
    expect(after.total).toBe(20);
  });

  it('a text field and a report build nothing', async () => {
    const count = (await indexes()).size;
    await store.records('crm', 'lead').list(access, { filter: { '==': [{ var: 'name' }, 'lead 1'] } });
    await store.records('crm', 'lead').aggregate(access, { groupBy: [{ field: 'visits' }], measures: [{ fn: 'count', as: 'n' }] });
    await store.slotIndexesSettled();
    expect((await indexes()).size).toBe(count);
  });

  it('a publish that creates indexes while a build runs waits for it instead of deadlocking', async () => {
    const deal = { ...leadForm(), key: 'deal' };
    const version = await publishForm(store, 'crm', deal);
    const dealAccess = fullAccess('crm', 'deal');
    await store.records('crm', 'deal').createMany(ACTOR, dealAccess, version, Array.from({ length: 200 }, (_, i) => ({ data: { name: `deal ${i}`, visits: i % 9 } })));
    for (let round = 0; round < 3; round++) {
      // Each round asks for an index and publishes at once (the publish creates the created index and the unique one).
      const field = ['visits', 'budget', 'due'][round]!;
      await store.records('crm', 'deal').count(dealAccess, { '!=': [{ var: field }, null] });
      const fields = deal.fields.map((f) => (f.key === 'name' ? { ...f, unique: round % 2 === 0 } : f));
      await expect(publishForm(store, 'crm', { ...deal, fields })).resolves.toBe(version + round + 1);
    }
    await store.slotIndexesSettled();
    expect(events.filter((e) => e.outcome === 'failed')).toEqual([]);
  });

  it('two stores on one database asking at once build the index once', async () => {
    const url = store.handle.pool?.options.connectionString;
    const otherHandle = url ? await openDatabase({ url, poolSize: 2 }) : store.handle;
    const otherEvents: SlotIndexEvent[] = [];
    const other = createStoreFromHandle(otherHandle, { onSlotIndex: (e) => otherEvents.push(e) });
    try {
      const query = { filter: { '>=': [{ var: 'visits' }, 3] } };
      const answers = await Promise.all([store.records('crm', 'lead').count(access, query.filter), other.records('crm', 'lead').count(access, query.filter)]);
      expect(answers).toEqual([24, 24]);
      await Promise.all([store.slotIndexesSettled(), other.slotIndexesSettled()]);
      const slot = await slotOf('visits');
      const forVisits = [...leadEvents(), ...otherEvents].filter((e) => e.formId === formId && e.slot === slot);
      expect(forVisits.filter((e) => e.outcome === 'built')).toHaveLength(1);
      expect(forVisits.filter((e) => e.outcome === 'failed')).toEqual([]);
      expect((await indexes()).get(slotIndexName(formId, slot))).toBe(true);
    } finally {
      await other.slotIndexesSettled();
      if (otherHandle !== store.handle) await otherHandle.close();
    }
  });

  it('an invalid index left by a failed concurrent build is dropped and built again', async () => {
    const slot = await slotOf('due');
    const name = slotIndexName(formId, slot);
    await sql.raw(`create index ${name} on records (${slot}) where form_id = ${formId} and deleted_at is null`).execute(store.handle.db);
    await sql.raw(`update pg_index set indisvalid = false where indexrelid = '${name}'::regclass`).execute(store.handle.db);
    await store.records('crm', 'lead').list(access, { filter: { '<': [{ var: 'due' }, '2024-05-10'] } });
    await store.slotIndexesSettled();
    expect(leadEvents().filter((e) => e.slot === slot).map((e) => e.outcome)).toEqual(['built']);
    expect((await indexes()).get(name)).toBe(true);
  });

  it('a field that moves to a slot of another class at publish gets that slot indexed on demand', async () => {
    const oldSlot = await slotOf('visits');
    const form = leadForm();
    const fields = form.fields.map((f) => (f.key === 'visits'
      ? { id: f.id, key: 'visits', kind: 'select' as const, label: f.label, options: ['0', '1', '2', '3', '4'].map((value) => ({ value, label: { en: value } })) }
      : f));
    await publishForm(store, 'crm', { ...form, fields });
    const newSlot = await slotOf('visits');
    expect(newSlot).not.toBe(oldSlot);
    expect(await slotIndexed('visits')).toBe(false);
    const filter = { '!=': [{ var: 'visits' }, null] };
    const before = await store.records('crm', 'lead').count(access, filter);
    await store.slotIndexesSettled();
    expect((await indexes()).get(slotIndexName(formId, newSlot))).toBe(true);
    expect(await slotIndexed('visits')).toBe(true);
    expect(await store.records('crm', 'lead').count(access, filter)).toBe(before);
  });

  it('a failed build is tried again by a later query, after the retry delay', async () => {
    const db = store.handle.db;
    const layout = (await loadFormLayout(db, 'crm', 'lead'))!;
    const slot = layout.fields.get('vip')!.slot!;
    // vip is a yes/no field (no index of its own kind): reuse its slot as if it were a select.
    const asSelect = { ...layout, fields: new Map([...layout.fields, ['vip', { ...layout.fields.get('vip')!, kind: 'select' }]]) };
    let now = 0;
    const seen: SlotIndexEvent[] = [];
    const builder = createSlotIndexes(db, store.handle.capabilities, { retryAfterMs: 1_000, clock: () => now, onEvent: (e) => seen.push(e) });
    await sql`create function tangram_test_refuse_ddl() returns event_trigger language plpgsql as $$ begin raise exception 'no index now'; end $$`.execute(db);
    await sql`create event trigger tangram_test_refuse_index on ddl_command_start when tag in ('CREATE INDEX') execute function tangram_test_refuse_ddl()`.execute(db);
    try {
      builder.want(asSelect, ['vip']);
      await builder.settled();
    } finally {
      await sql`drop event trigger tangram_test_refuse_index`.execute(db);
    }
    expect(seen.map((e) => e.outcome)).toEqual(['failed']);
    builder.want(asSelect, ['vip']);
    await builder.settled();
    expect(seen).toHaveLength(1);
    now = 1_000;
    builder.want(asSelect, ['vip']);
    await builder.settled();
    await builder.close();
    expect(seen.map((e) => e.outcome)).toEqual(['failed', 'built']);
    expect((await indexes()).get(slotIndexName(formId, slot))).toBe(true);
  });
});

describe.each(testDialects())('slot indexes of forms published before on %s', (dialect) => {
  it('the migration marks the slots that already have their index', async () => {
    const store = await openTestStore(dialect);
    try {
      await publishForm(store, 'crm', leadForm());
      const db = store.handle.db;
      const layout = (await loadFormLayout(db, 'crm', 'lead'))!;
      const slot = layout.fields.get('channel')!.slot!;
      await sql.raw(`create index ${slotIndexName(layout.formId, slot)} on records (${slot}) where form_id = ${layout.formId} and deleted_at is null`).execute(db);
      await sql`alter table form_fields drop column slot_indexed`.execute(db);
      await writeIndexesMigration.up(db);
      const after = (await loadFormLayout(db, 'crm', 'lead'))!;
      expect([...after.fields.values()].filter((f) => f.slotIndexed).map((f) => f.key)).toEqual(['channel']);
    } finally {
      await store.close();
    }
  });
});
