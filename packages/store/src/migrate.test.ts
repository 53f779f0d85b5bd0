import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './api';
import { testDialects } from './testing';
import { openTestStore } from './testing/test-store';

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
      'records', 'roles', 'sequences', 'sessions', 'users',
    ]));
    const applied = await sql<{ name: string }>`select name from tangram_migration`.execute(store.handle.db);
    expect(applied.rows.map((r) => r.name)).toEqual(['0001-core']);
  });

  it('keeps record data out of the heap so aggregates scan narrow rows', async () => {
    const { rows } = await sql<{ attstorage: string }>`
      select attstorage from pg_attribute where attrelid = 'records'::regclass and attname = 'data'`.execute(store.handle.db);
    expect(rows[0]!.attstorage).toBe('e');
  });
});
