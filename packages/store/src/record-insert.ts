import { sql, type Kysely, type RawBuilder } from 'kysely';
import { slottedFields, type FormLayout } from './form-layout';
import { plainSlotData, plainSlotValue } from './plain-slots';
import { PREPARE_MARKER } from './prepared-statements';
import { RECORD_SELECT, RECORD_SELECT_BUT_DATA, type RecordRow } from './record-columns';
import { SLOT_FUNCTION } from './slots';

/**
 * One record to insert, with everything that may differ between the requests sharing a statement:
 * who writes it (and how), the form version they validated against, and its idempotency key.
 */
export interface InsertItem {
  readonly data: Readonly<Record<string, unknown>>;
  readonly owner: string | null;
  readonly org: string | null;
  readonly by: string | null;
  readonly via: string;
  readonly ver: number;
  readonly idem: string | null;
  /** SHA-256 of the request behind `idem` (null without a key). */
  readonly fp: string | null;
}

export type InsertRow = RecordRow & { ord: number };
/** What a bulk load gets back of each inserted row: no document, no timestamps to parse. */
export interface InsertRef { id: string; version: number; ord: number }
/** A batch's own idempotency key, per creator (see `insertRecordRefs`). */
export interface BatchKey { readonly by: string | null; readonly key: string }
export type EarlierRow = RecordRow & { idempotency_fingerprint: string | null };

/**
 * `t1, n1, …` and `tangram_slot_text(<data>->'channel'), …`: the slot columns of a form and their fill;
 * with `plain`, plain casts instead of the slot functions, for data whose slotted values are all plain
 * (see plain-slots.ts).
 */
export function slotAssignments(layout: FormLayout, data: RawBuilder<unknown>, plain = false): { columns: RawBuilder<unknown>[]; values: RawBuilder<unknown>[] } {
  const slotted = slottedFields(layout);
  return {
    columns: slotted.map((f) => sql.ref(f.slot)),
    values: slotted.map((f) => (plain ? plainSlotValue(f.slotClass, data, f.key) : sql`${sql.raw(SLOT_FUNCTION[f.slotClass])}(${data}->${sql.lit(f.key)})`)),
  };
}

/**
 * Inserts records in ONE statement: the rows, their `created` events and their outbox entries are
 * data-modifying CTEs of a single INSERT, so they commit or fail together without a round trip per row.
 * The items travel as one jsonb parameter (no bind-parameter limit, one parse).
 *
 *   with input as (select … from jsonb_array_elements($1) with ordinality),
 *        r as (insert into records (…, t1, n1) select …, tangram_slot_text(data->'channel'), …
 *              on conflict (form_id, coalesce(created_by, ''), idempotency_key) … do nothing returning …),
 *        d as (insert into record_data …),
 *        e as (insert into record_events … select … from r),
 *        o as (insert into outbox … select … from r)
 *   select …, ord from r …
 *
 * A `created` event's diff is the created values themselves (`{field: value}`), the very datum the record
 * stores: expanding it here into `{field: [null, value]}` pairs cost a quarter of a batch insert's time on
 * PostgreSQL (16.5k -> 21.6k records/s). Readers expand it (`toRecordEvent`, the funnel).
 *
 * The documents are not sent back: the rows take their item's own `data`, the very value the statement
 * stored (a JSON round trip of it), which saved a tenth of a batch insert's time and a quarter of its
 * CPU in this process (bench/store seeding loop, 50k records: 20.1k -> 21.9k records/s).
 *
 * Returns the rows inserted, each with its 1-based position in `items`; an item whose idempotency key
 * was used before has no row (see `earlierRecords`).
 */
export async function insertRecords(db: Kysely<any>, layout: FormLayout, items: readonly InsertItem[]): Promise<InsertRow[]> {
  const { rows } = await insertStatement<InsertRow>(layout, items, sql`${RECORD_SELECT_BUT_DATA}, i.ord::int as ord`, null).execute(db);
  for (const row of rows) row.data = items[row.ord - 1]!.data as Record<string, unknown>;
  return rows;
}

/**
 * The same insert answering with each row's id, version and position only: formatting and parsing the
 * eleven columns of a record row (three of them timestamps) for a thousand records that an import only
 * counts cost an eighth of its CPU per row in this process (import bench: 0.083 -> 0.072 ms).
 *
 * With a batch key the statement first claims the key in `record_batches`; the records are inserted only
 * when the claim did (`where exists (select from b)`), so a batch is stored whole or, when its key was
 * claimed before, not at all. A concurrent claim of the same key waits on the primary key for the first
 * to commit. `batchClaimed` is false for a batch stored before.
 */
export async function insertRecordRefs(db: Kysely<any>, layout: FormLayout, items: readonly InsertItem[], batch: BatchKey | null): Promise<{ rows: InsertRef[]; batchClaimed: boolean }> {
  const { rows } = await insertStatement<InsertRef>(layout, items, sql`r.id::text as id, r.version, i.ord::int as ord`, batch).execute(db);
  if (!batch) return { rows, batchClaimed: false };
  // The claim's own row comes back with ord 0.
  return { rows: rows.filter((row) => row.ord > 0), batchClaimed: rows.some((row) => row.ord === 0) };
}

function insertStatement<Row>(layout: FormLayout, items: readonly InsertItem[], returned: RawBuilder<unknown>, batch: BatchKey | null): RawBuilder<Row> {
  const slots = slotAssignments(layout, sql`i.data`, items.every((item) => plainSlotData(layout, item.data)));
  const slotColumns = slots.columns.length > 0 ? sql`, ${sql.join(slots.columns)}` : sql``;
  const slotValues = slots.values.length > 0 ? sql`, ${sql.join(slots.values)}` : sql``;
  const formId = sql.lit(layout.formId);
  // Prepared: the text depends only on the layout, what it returns, whether the slots are plain and
  // whether the writer is shared (see prepared-statements.ts).
  const claim = batch
    ? sql`b as (
      insert into record_batches (form_id, created_by, key) values (${formId}, ${batch.by ?? ''}::text, ${batch.key}::text)
      on conflict do nothing returning 1
    ), `
    : sql``;
  // Who writes, and the form version, are the same for every item of a batch (not always of coalesced
  // creates): then they are sent once, as parameters. Items leave out what they lack (`->>` of an absent
  // key is NULL, as of a JSON null). Less to write and to parse: ~4% of a batch insert in psql.
  const first = items[0]!;
  const shared = items.every((item) => item.by === first.by && item.via === first.via && item.ver === first.ver);
  const writer = shared
    ? sql`${first.by}::text as by, ${first.via}::text as via, ${first.ver}::int as ver`
    : sql`e.value->>'by' as by, e.value->>'via' as via, (e.value->>'ver')::int as ver`;
  const payload = JSON.stringify(items.map((item) => ({
    data: item.data,
    owner: item.owner ?? undefined,
    org: item.org ?? undefined,
    idem: item.idem ?? undefined,
    fp: item.fp ?? undefined,
    ...(shared ? {} : { by: item.by ?? undefined, via: item.via, ver: item.ver }),
  })));
  return sql<Row>`${sql.raw(PREPARE_MARKER)}
    with ${claim}input as (
      select nextval(pg_get_serial_sequence('records', 'id')) as id, e.value->'data' as data,
             e.value->>'owner' as owner_id, e.value->>'org' as org_unit_id, ${writer},
             e.value->>'idem' as idem, e.value->>'fp' as fp, e.ordinality as ord
      from jsonb_array_elements(${payload}::jsonb) with ordinality as e
    ), r as (
      insert into records (id, form_id, form_version, owner_id, org_unit_id, created_by, updated_by, idempotency_key, idempotency_fingerprint${slotColumns})
      select i.id, ${formId}, i.ver, i.owner_id, i.org_unit_id, i.by, i.by, i.idem, i.fp${slotValues}
      from input i${batch ? sql` where exists (select 1 from b)` : sql``} order by i.ord
      on conflict (form_id, coalesce(created_by, ''), idempotency_key) where idempotency_key is not null do nothing
      returning *
    ), d as (
      insert into record_data (record_id, data) select i.id, i.data from input i join r on r.id = i.id
    ), e as (
      insert into record_events (record_id, form_id, kind, actor_id, via, diff, at)
      select r.id, ${formId}, 'created', i.by, i.via, i.data, r.created_at
      from r join input i on i.id = r.id
    ), o as (
      insert into outbox (topic, payload)
      select 'record.created', jsonb_build_object('app', ${layout.app}::text, 'form', ${layout.form}::text, 'id', r.id::text, 'version', r.version)
      from r
    )
    select ${returned} from r join input i on i.id = r.id${batch ? sql` union all select null, null, 0 from b` : sql` order by i.ord`}`;
}

/** The records earlier requests made with these (creator, idempotency key) pairs, with their fingerprints. */
export async function earlierRecords(db: Kysely<any>, layout: FormLayout, keys: readonly { by: string | null; idem: string }[]): Promise<EarlierRow[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<EarlierRow>`
    select ${RECORD_SELECT}, r.idempotency_fingerprint
    from records r join record_data rd on rd.record_id = r.id
    where r.form_id = ${sql.lit(layout.formId)} and r.idempotency_key is not null
      and (coalesce(r.created_by, ''), r.idempotency_key) in (select * from unnest(${keys.map((k) => k.by ?? '')}::text[], ${keys.map((k) => k.idem)}::text[]))`.execute(db);
  return rows;
}
