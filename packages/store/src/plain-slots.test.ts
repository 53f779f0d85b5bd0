import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Store } from './api';
import { loadFormLayout, type FormLayout } from './form-layout';
import { plainSlotData, plainSlotValue } from './plain-slots';
import type { SlotClass } from './slots';
import { testDialects } from './testing';
import { fullAccess, leadForm, openTestStore, publishForm } from './testing/test-store';

const ALICE: Actor = { userId: 'u-alice', via: 'user' };

/** Values at the edges of what the slot functions read, every one of them plain. */
const PLAIN: Record<string, unknown>[] = [
  { name: '张三', channel: 'web', budget: '1200.50', visits: 3, due: '2024-02-29', vip: true, phone: '13800000001', seen: '2024-05-01T08:30:00+08:00' },
  { name: 1e21, budget: '-0.5', visits: 1.5e-7, due: null, vip: false, seen: '2024-05-01 08:30Z' },
  { name: 0.1 + 0.2, budget: 12, visits: -0, seen: '2024-05-01T08:30:00.123-0530' },
  {},
];

describe.each(testDialects())('slots filled by plain casts on %s', (dialect) => {
  let store: Store;
  let version: number;
  let layout: FormLayout;
  const access = fullAccess('crm', 'lead');
  const leads = () => store.records('crm', 'lead');

  beforeAll(async () => {
    store = await openTestStore(dialect);
    version = await publishForm(store, 'crm', leadForm([{ id: 'f11', key: 'seen', kind: 'datetime', label: { en: 'Seen' } }]));
    layout = (await loadFormLayout(store.handle.db, 'crm', 'lead'))!;
  });
  afterAll(async () => { await store?.close(); });

  it('tells plain values from those only the slot functions read', () => {
    for (const data of PLAIN) expect([data, plainSlotData(layout, data)]).toEqual([data, true]);
    for (const data of [{ name: ['a'] }, { vip: { yes: 1 } }, { budget: '¥1,200' }, { budget: '1e5' }, { visits: true }, { due: 20240501 }, { due: '2024-05-01T08:30:00' }, { seen: '2024/05/01' }]) {
      expect([data, plainSlotData(layout, data)]).toEqual([data, false]);
    }
  });

  it('casts each plain value to what its slot function gives, in any session time zone', async () => {
    const values = [null, '张三', '', 0, -0, 1e21, 1.5e-7, 0.1 + 0.2, true, false, '1200.50', '-0.5', '2024-02-29', '2024-05-01T08:30:00+08:00',
      '2024-05-01 08:30Z', '2024-05-01T08:30:00.123-0530', '2024-05-01T23:59:59.9999+14:00'];
    const sample: Record<SlotClass, string> = { text: 'name', numeric: 'budget', time: 'seen' };
    const functions: Record<SlotClass, string> = { text: 'tangram_slot_text', numeric: 'tangram_slot_numeric', time: 'tangram_slot_time' };
    await store.handle.db.transaction().execute(async (trx) => {
      await sql`set local time zone 'Asia/Shanghai'`.execute(trx);
      for (const slotClass of ['text', 'numeric', 'time'] as const) {
        const plainOnes = values.filter((x) => plainSlotData(layout, { [sample[slotClass]]: x }));
        expect(plainOnes.length).toBeGreaterThan(3);
        const { rows } = await sql<{ x: unknown; plain: string | null; fn: string | null }>`
          select v.data->'x' as x, (${plainSlotValue(slotClass, sql`v.data`, 'x')})::text as plain, ${sql.raw(functions[slotClass])}(v.data->'x')::text as fn
          from (values ${sql.join(plainOnes.map((x) => sql`(CAST(${JSON.stringify({ x })} AS jsonb))`))}) as v(data)`.execute(trx);
        expect(rows).toHaveLength(plainOnes.length);
        for (const row of rows) expect([slotClass, row.x, row.plain]).toEqual([slotClass, row.x, row.fn]);
      }
    });
  });

  it('stores the same slots as the slot functions would, for plain batches, single creates and the rest', async () => {
    await leads().createMany(ALICE, access, version, PLAIN.map((data) => ({ data })));
    await leads().createManyRefs(ALICE, access, version, PLAIN.map(({ phone: _, ...data }) => ({ data })));
    await leads().create(ALICE, access, version, { data: { ...PLAIN[0], phone: '13800000002' } });
    await leads().createMany(ALICE, access, version, [
      { data: { name: ['a', 'b'], budget: '¥1,200', visits: true, due: 20240501, seen: { at: 'noon' } } },
      { data: { name: 'plain, in a batch that is not', budget: '7', due: '2024-05-01' } },
    ]);
    const { rows: fields } = await sql<{ key: string; slot: string }>`
      select key, slot from form_fields where form_id = ${layout.formId} and slot is not null`.execute(store.handle.db);
    const fn: Record<string, string> = { t: 'tangram_slot_text', n: 'tangram_slot_numeric', d: 'tangram_slot_time' };
    const differs = fields.map((f) => sql`r.${sql.ref(f.slot)} is distinct from ${sql.raw(fn[f.slot[0]!]!)}(d.data->${sql.lit(f.key)})`);
    const { rows } = await sql<{ n: number; differing: number; budgets: string | null }>`
      select count(*)::int as n, count(*) filter (where ${sql.join(differs, sql` or `)})::int as differing,
             array_agg(distinct r.${sql.ref(layout.fields.get('budget')!.slot!)})::text as budgets
      from records r join record_data d on d.record_id = r.id where r.form_id = ${layout.formId}`.execute(store.handle.db);
    // The slots hold values, not NULLs on both sides.
    expect(rows[0]).toEqual({ n: 11, differing: 0, budgets: '{-0.5,7,12,1200.50,NULL}' });
  });
});
