import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { SLOT_COLUMNS } from '../slots';

/**
 * The core schema. Written as SQL (not the schema builder) because most of it is what the builder can't
 * say well: partial indexes, immutable SQL functions, a trigger. Every statement runs on PostgreSQL 15
 * and on PGlite (PostgreSQL 18).
 */
export const coreMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`
      create table apps (
        id bigint generated always as identity primary key,
        key text not null unique,
        body jsonb not null,
        created_by text,
        created_at timestamptz(3) not null default now()
      )`.execute(db);

    // version 0 is the draft (mutable); 1, 2, … are published and frozen by the trigger below.
    await sql`
      create table definitions (
        id bigint generated always as identity primary key,
        app text not null,
        kind text not null check (kind in ('form', 'flow', 'rule', 'report', 'dashboard')),
        key text not null,
        version int not null check (version >= 0),
        status text not null check (status in ('draft', 'published')),
        body jsonb not null,
        note text,
        author text,
        created_at timestamptz(3) not null default now(),
        unique (app, kind, key, version),
        check ((version = 0) = (status = 'draft'))
      )`.execute(db);
    await sql`
      create function tangram_freeze_published() returns trigger language plpgsql as $$
      begin
        if old.status = 'published' then
          raise exception 'published definition %/%/% v% is immutable', old.app, old.kind, old.key, old.version
            using errcode = 'TGF01';
        end if;
        if tg_op = 'DELETE' then return old; end if;
        return new;
      end $$`.execute(db);
    await sql`
      create trigger definitions_published_immutable before update or delete on definitions
      for each row execute function tangram_freeze_published()`.execute(db);

    // The forms registry gives each app+form a small int id: records, indexes and slots key on it.
    await sql`
      create table forms (
        id int generated always as identity primary key,
        app text not null,
        key text not null,
        published_version int not null default 0,
        layout_version int not null default 0,
        unique (app, key)
      )`.execute(db);
    // Which typed slot column holds each field; a field keeps its slot across versions.
    await sql`
      create table form_fields (
        form_id int not null references forms(id),
        key text not null,
        kind text not null,
        -- how filters read the value: text | numeric | time | boolean | json (no slot: data->key)
        value_type text not null,
        slot text,
        is_unique boolean not null default false,
        first_version int not null,
        primary key (form_id, key),
        unique (form_id, slot)
      )`.execute(db);

    // Typed projections of jsonb values, used to fill slots on every write and by backfills at publish.
    // The planner inlines a SQL function only when its body is no more volatile than declared, so each is
    // declared as volatile as its body really is: text->timestamptz casts are STABLE, and an IMMUTABLE
    // tangram_slot_time was never inlined (measured: 3.6 µs against 1.9 µs per call). None is used in an index.
    await sql`
      create function tangram_slot_text(v jsonb) returns text language sql immutable parallel safe as $$
        select case jsonb_typeof(v)
          when 'string' then v #>> '{}'
          when 'number' then v::text
          when 'boolean' then v::text
        end $$`.execute(db);
    await sql`
      create function tangram_slot_numeric(v jsonb) returns numeric language sql immutable parallel safe as $$
        select case
          when jsonb_typeof(v) = 'number' then (v::text)::numeric
          when jsonb_typeof(v) = 'string' and (v #>> '{}') ~ '^-?[0-9]+(\\.[0-9]+)?$' then (v #>> '{}')::numeric
        end $$`.execute(db);
    // Dates ("2024-05-01") become UTC midnight, which falls on the same calendar day in Asia/Shanghai;
    // datetimes must carry an offset, so the session time zone never changes their meaning.
    // Values that only look like dates (2024-02-31) are refused in the store before they reach SQL.
    await sql`
      create function tangram_slot_time(v jsonb) returns timestamptz(3) language sql stable parallel safe as $$
        select case
          when jsonb_typeof(v) <> 'string' then null
          when (v #>> '{}') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then ((v #>> '{}') || 'T00:00:00Z')::timestamptz
          when (v #>> '{}') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$'
            then (v #>> '{}')::timestamptz
        end $$`.execute(db);

    // Column order is for scans: PostgreSQL decodes a row's columns left to right and, once a row has a
    // NULL, walks every column before the one it needs. Fixed-width NOT NULL columns come first, then the
    // slots (numeric, time, text: aggregates mostly read a number grouped by a text or a date), then what
    // only list pages read. Measured on 1,000,000 rows: a GROUP BY over t3 with sum(n1) took 397 ms with
    // the slots after the system columns and 272 ms with them first (docs/storage.md).
    const slotClassOrder = ['numeric', 'time', 'text'];
    const slotColumns = [...SLOT_COLUMNS]
      .sort((a, b) => slotClassOrder.indexOf(a.slotClass) - slotClassOrder.indexOf(b.slotClass))
      .map((s) => `${s.name} ${s.sqlType}`).join(',\n        ');
    await sql`
      create table records (
        id bigint generated always as identity primary key,
        form_id int not null,
        form_version int not null,
        version int not null default 1,
        created_at timestamptz(3) not null default now(),
        updated_at timestamptz(3) not null default now(),
        deleted_at timestamptz(3),
        ${sql.raw(slotColumns)},
        owner_id text,
        org_unit_id text,
        created_by text,
        updated_by text,
        idempotency_key text,
        data jsonb not null
      ) with (toast_tuple_target = 128)`.execute(db);
    // Keep the heap narrow: data (the source of truth, read only for the rows a page shows) goes to TOAST,
    // so a GROUP BY over slot columns scans few pages. See docs/storage.md for the measurements.
    await sql`alter table records alter column data set storage external`.execute(db);
    await sql`
      create unique index records_idempotency on records (form_id, idempotency_key)
      where idempotency_key is not null`.execute(db);
    await sql`create index records_owner on records (form_id, owner_id) where deleted_at is null`.execute(db);
    await sql`create index records_org_unit on records (form_id, org_unit_id) where deleted_at is null`.execute(db);

    await sql`
      create table record_events (
        id bigint generated always as identity primary key,
        record_id bigint not null,
        form_id int not null,
        kind text not null check (kind in ('created', 'updated', 'deleted', 'restored')),
        actor_id text,
        via text not null,
        diff jsonb not null,
        at timestamptz(3) not null default now()
      )`.execute(db);
    await sql`create index record_events_record on record_events (record_id, id)`.execute(db);

    // Consumed by the rule worker and realtime fan-out: a worker takes rows with SKIP LOCKED and a lease.
    await sql`
      create table outbox (
        id bigint generated always as identity primary key,
        topic text not null,
        payload jsonb not null,
        created_at timestamptz(3) not null default now(),
        attempts int not null default 0,
        taken_by text,
        lease_until timestamptz(3),
        done_at timestamptz(3)
      )`.execute(db);
    await sql`create index outbox_pending on outbox (id) where done_at is null`.execute(db);

    await sql`
      create table users (
        id text primary key default gen_random_uuid()::text,
        email text not null,
        name text not null,
        password_hash text not null,
        locale text not null default 'zh-CN',
        is_admin boolean not null default false,
        disabled boolean not null default false,
        created_at timestamptz(3) not null default now()
      )`.execute(db);
    await sql`create unique index users_email on users (lower(email))`.execute(db);
    await sql`
      create table sessions (
        token_hash text primary key,
        user_id text not null references users(id) on delete cascade,
        expires_at timestamptz(3) not null,
        created_at timestamptz(3) not null default now()
      )`.execute(db);
    await sql`
      create table api_tokens (
        id text primary key default gen_random_uuid()::text,
        user_id text not null references users(id) on delete cascade,
        name text not null,
        token_hash text not null unique,
        created_at timestamptz(3) not null default now()
      )`.execute(db);
    // path = ids from the root joined by '.', e.g. "hq.east.sh01": a subtree is path = p or path like p.'%'.
    await sql`
      create table org_units (
        id text primary key check (id ~ '^[A-Za-z0-9_-]+$'),
        parent_id text references org_units(id),
        kind text not null check (kind in ('hq', 'region', 'store')),
        name jsonb not null,
        path text not null unique
      )`.execute(db);
    await sql`create index org_units_path on org_units (path text_pattern_ops)`.execute(db);
    await sql`
      create table roles (
        app text not null,
        key text not null,
        body jsonb not null,
        primary key (app, key)
      )`.execute(db);
    await sql`
      create table memberships (
        id bigint generated always as identity primary key,
        user_id text not null references users(id) on delete cascade,
        app text not null,
        role text not null,
        org_unit_id text references org_units(id)
      )`.execute(db);
    await sql`create unique index memberships_unique on memberships (user_id, app, role, coalesce(org_unit_id, ''))`.execute(db);
    await sql`
      create table sequences (
        app text not null,
        form text not null,
        field text not null,
        value bigint not null,
        primary key (app, form, field)
      )`.execute(db);
  },
};
