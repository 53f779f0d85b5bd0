import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './api';
import { migrationProvider } from './migrations';
import { createdEventValuesMigration } from './migrations/0010-created-event-values';
import { testDialects } from './testing';
import { fullAccess, leadForm, openTestStore, publishForm } from './testing/test-store';

describe.each(testDialects())('migrations on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => { store = await openTestStore(dialect); });
  afterAll(async () => { await store?.close(); });

  it('creates every table and can run again without changing anything', async () => {
    await store.migrate();
    await store.migrate();
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(store.handle.db);
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining([
      'api_tokens', 'apps', 'definitions', 'form_fields', 'forms', 'memberships', 'org_units', 'outbox', 'record_events',
      'record_data', 'records', 'roles', 'sequences', 'sessions', 'users',
    ]));
    const applied = await sql<{ name: string }>`select name from tangram_migration`.execute(store.handle.db);
    expect(applied.rows.map((r) => r.name).sort()).toEqual(Object.keys(await migrationProvider.getMigrations()).sort());
    expect(applied.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['0001-core', '0002-record-data', '0003-write-path']));
  });

  it('keeps record documents out of the records heap so aggregates scan narrow rows', async () => {
    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'records' and column_name = 'data'`.execute(store.handle.db);
    expect(rows).toEqual([]);
  });

  it('gives records only its table-wide indexes and the outbox only its primary key (nothing reads pending entries yet)', async () => {
    const { rows } = await sql<{ indexname: string }>`
      select indexname from pg_indexes where tablename in ('records', 'outbox') order by indexname`.execute(store.handle.db);
    expect(rows.map((r) => r.indexname)).toEqual([
      'outbox_pkey', 'records_idempotency', 'records_org_unit', 'records_owner', 'records_pkey',
    ]);
  });

  it('turns created events written as [null, value] pairs into the values, and history reads both the same', async () => {
    const version = await publishForm(store, 'crm', leadForm());
    const records = store.records('crm', 'lead');
    const access = fullAccess('crm', 'lead');
    const actor = { userId: 'u-admin', via: 'user' } as const;
    const old = await records.create(actor, access, version, { data: { name: '李四', visits: 3 } });
    // As a store before 0010 journalled it.
    await sql`update record_events set diff = ${JSON.stringify({ name: [null, '李四'], visits: [null, 3] })}::jsonb
      where record_id = ${old.id} and kind = 'created'`.execute(store.handle.db);
    await createdEventValuesMigration.up(store.handle.db);
    const fresh = await records.create(actor, access, version, { data: { name: '张三', budget: '1200.00' } });
    const { rows } = await sql<{ diff: unknown }>`select diff from record_events where record_id = ${old.id} and kind = 'created'`.execute(store.handle.db);
    expect(rows).toEqual([{ diff: { name: '李四', visits: 3 } }]);
    expect((await records.events(access, old.id))[0]!.diff).toEqual({ name: [null, '李四'], visits: [null, 3] });
    expect((await records.events(access, fresh.id))[0]!.diff).toEqual({ name: [null, '张三'], budget: [null, '1200.00'] });
  });
});
