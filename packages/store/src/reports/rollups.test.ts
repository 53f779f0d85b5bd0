import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { JsonLogic, ReportQuery, ReportQueryDimension, ReportQueryMeasure } from '@tangram/schema';
import type { FormAccess, Store } from '../api';
import { testDialects } from '../testing';
import { accessWith, fullAccess, leadForm, openTestStore, publishForm, SYSTEM_ACTOR } from '../testing/test-store';

const TZ = 'Asia/Shanghai';
const q = (dimensions: ReportQueryDimension[], measures: ReportQueryMeasure[], filter?: ReportQuery['filter']): ReportQuery =>
  ({ form: 'lead', dimensions, measures, timeZone: TZ, ...(filter !== undefined ? { filter } : {}) });
const n: ReportQueryMeasure = { key: 'n', fn: 'count' };
const budget: ReportQueryMeasure = { key: 'budget', fn: 'sum', field: 'budget' };
/** Whole months in Shanghai, as a dashboard's date range arrives: 2026-02-01 … 2026-06-30. */
const spring: JsonLogic = { and: [{ '>=': [{ var: 'met_at' }, '2026-01-31T16:00:00.000Z'] }, { '<': [{ var: 'met_at' }, '2026-06-30T16:00:00.000Z'] }] };

/** Reports a roll-up answers: each must give what computing from the records gives, before and after any write. */
const SERVED: Record<string, ReportQuery> = {
  byChannel: q([{ key: 'channel', field: 'channel' }], [n, budget, { key: 'avg', fn: 'avg', field: 'budget' }, { key: 'with_visits', fn: 'count', field: 'visits' }]),
  storeStage: q([{ key: 'store', field: 'orgUnitId' }, { key: 'stage', field: 'stage' }], [n]),
  region: q([{ key: 'region', field: 'orgUnitId', rollup: 'region' }], [n, budget]),
  monthly: q([{ key: 'month', field: 'met_at', bucket: 'month' }], [n, budget], spring),
  quarterly: q([{ key: 'quarter', field: 'met_at', bucket: 'quarter' }], [n]),
  kpi: q([], [n, budget, { key: 'avg', fn: 'avg', field: 'budget' }], spring),
  leaders: q([{ key: 'owner', field: 'ownerId' }], [n, budget], { '==': [{ var: 'stage' }, 'won'] }),
  ratio: q([{ key: 'channel', field: 'channel' }], [n, { key: 'won', fn: 'count', where: { '==': [{ var: 'stage' }, 'won'] } }, { key: 'won_budget', fn: 'sum', field: 'budget', where: { '==': [{ var: 'stage' }, 'won'] } }]),
  sliced: q([{ key: 'stage', field: 'stage' }], [n, budget], { and: [{ in: [{ var: 'channel' }, ['web', 'expo']] }, spring] }),
  vip: q([{ key: 'vip', field: 'vip' }], [n]),
  // A date field's range arrives as days, compared as UTC midnights: its months are cut in UTC.
  dueSpring: q([{ key: 'channel', field: 'channel' }], [n, budget], { and: [{ '>=': [{ var: 'due' }, '2026-02-01'] }, { '<': [{ var: 'due' }, '2026-07-01'] }] }),
};
const stages = { field: 'stage', stages: ['new', 'lost', 'won'] };
/** Funnels kept per record: reached counts and exact medians, with and without a split. */
const FUNNELS: Record<string, ReportQuery> = {
  funnel: { ...q([], []), funnel: stages },
  funnelSpring: { ...q([], [], spring), funnel: stages },
  funnelByChannel: { ...q([{ key: 'channel', field: 'channel' }], []), funnel: stages },
  funnelByRegion: { ...q([{ key: 'region', field: 'orgUnitId', rollup: 'region' }], [], { in: [{ var: 'channel' }, ['web', 'street']] }), funnel: stages },
};
/** Reports a roll-up can't hold exactly: computed as before, and no roll-up is made for them. */
const COMPUTED: Record<string, ReportQuery> = {
  median: q([{ key: 'channel', field: 'channel' }], [{ key: 'm', fn: 'median', field: 'budget' }]),
  daily: q([{ key: 'day', field: 'met_at', bucket: 'day' }], [n]),
  midMonth: q([], [n], { '>=': [{ var: 'met_at' }, '2026-02-14T16:00:00.000Z'] }),
  dueMidMonth: q([], [n], { '<': [{ var: 'due' }, '2026-03-15'] }),
  byClock: q([], [n], { '<': [{ var: 'met_at' }, { var: '$now' }] }),
  document: q([{ key: 'tags', field: 'tags' }], [n]),
};

const CHANNELS = ['web', 'expo', 'street', 'walkin'];
const STAGES = ['new', 'won', 'lost'];
const UNITS = ['sh01', 'sh02', 'cd01', 'hq', null];

/** A deterministic spread of leads over channels, stages, units, owners, budgets and months (some values missing). */
function lead(i: number) {
  const month = 1 + (i % 9);
  return {
    data: {
      channel: CHANNELS[i % 4], stage: STAGES[(i * 7) % 3], vip: i % 5 === 0,
      ...(i % 6 === 0 ? {} : { budget: `${(i * 37) % 500}.${i % 10}5` }),
      ...(i % 4 === 1 ? {} : { visits: i % 7 }),
      // 15:30Z on the 1st is still the month before in Shanghai; 16:30Z is the 2nd there.
      ...(i % 11 === 0 ? {} : { met_at: `2026-${String(month).padStart(2, '0')}-01T${i % 2 === 0 ? '15:30' : '16:30'}:00Z` }),
      ...(i % 3 === 0 ? {} : { due: `2026-${String(month).padStart(2, '0')}-${['01', '15', '28'][i % 3]}` }),
      tags: i % 2 === 0 ? ['a'] : ['b'],
    },
    ownerId: `u${i % 4}`,
    orgUnitId: UNITS[i % 5],
  };
}

describe.each(testDialects())('report roll-ups on %s', (dialect) => {
  let store: Store;
  let version: number;
  const admin = fullAccess('crm', 'lead');
  const east = accessWith('crm', 'lead', { scope: { kind: 'orgUnits', orgUnitIds: ['east', 'sh01', 'sh02'] } });
  const mine = accessWith('crm', 'lead', { userId: 'u1', scope: { kind: 'owner', userId: 'u1' } });
  const reports = () => store.reports('crm', 'lead');
  const rollupCount = async () => Number((await sql<{ n: string }>`select count(*)::text as n from report_rollups`.execute(store.handle.db)).rows[0]!.n);

  /** Every served report, both ways, for each viewer: the same rows. */
  async function expectAgreement(): Promise<void> {
    for (const access of [admin, east, mine] as FormAccess[]) {
      for (const [name, query] of Object.entries({ ...SERVED, ...FUNNELS, ...COMPUTED })) {
        const computed = await reports().run(access, query, { rollups: false });
        const rolled = await reports().run(access, query);
        expect({ name, scope: access.rowScopes.read, rows: rolled }).toEqual({ name, scope: access.rowScopes.read, rows: computed });
      }
    }
  }

  beforeAll(async () => {
    store = await openTestStore(dialect);
    for (const [id, parentId, kind] of [['hq', null, 'hq'], ['east', 'hq', 'region'], ['west', 'hq', 'region'], ['sh01', 'east', 'store'], ['sh02', 'east', 'store'], ['cd01', 'west', 'store']] as const) {
      await store.identity.createOrgUnit({ id, parentId, kind, name: { en: id } });
    }
    version = await publishForm(store, 'crm', leadForm([{ id: 'f20', key: 'met_at', kind: 'datetime', label: { en: 'Met at' } }]));
    const records = store.records('crm', 'lead');
    const created = await records.createMany(SYSTEM_ACTOR, admin, version, Array.from({ length: 60 }, (_, i) => lead(i)));
    // A stage history: some leads move on once or twice.
    for (const [i, r] of created.entries()) {
      if (i % 3 === 0) continue;
      const next = await records.update(SYSTEM_ACTOR, admin, r.id, r.version, { stage: 'lost' }, version);
      if (i % 3 === 1) await records.update(SYSTEM_ACTOR, admin, r.id, next.version, { stage: 'won' }, version);
    }
    await spreadEvents();
  });

  /** The history happened over days, not within this test's milliseconds: each event moved by its own number of minutes. */
  async function spreadEvents(): Promise<void> {
    await sql`update record_events set at = at + ((id * 7919) % 10007) * interval '1 minute' where kind = 'updated'`.execute(store.handle.db);
  }
  afterAll(async () => { await store?.close(); });

  it('answers count, sum, average and ratios by field, org unit, region and month as computing does, for every viewer', async () => {
    await expectAgreement();
    // One roll-up per served shape, whichever viewer asked first; the computed ones make none.
    expect(await rollupCount()).toBe(Object.keys(SERVED).length + Object.keys(FUNNELS).length);
  });

  it('stays exact through creates, updates, deletes, restores and a rolled-back write', async () => {
    const records = store.records('crm', 'lead');
    const created = await records.createMany(SYSTEM_ACTOR, admin, version, Array.from({ length: 25 }, (_, i) => lead(100 + i)));
    const one = await records.create(SYSTEM_ACTOR, admin, version, lead(7));
    for (const [i, r] of created.slice(0, 10).entries()) {
      await records.update(SYSTEM_ACTOR, admin, r.id, r.version, { channel: CHANNELS[(i + 1) % 4], stage: STAGES[i % 3], budget: `${i * 11}.5`, met_at: '2026-03-15T03:00:00Z' }, version, { ownerId: `u${(i + 1) % 4}` });
    }
    for (const r of created.slice(10, 16)) await records.remove(SYSTEM_ACTOR, admin, r.id);
    // The triggers see every write to records, the store's or not: a transfer between stores.
    await sql`update records set org_unit_id = 'cd01' where id = any(${created.slice(16, 19).map((r) => r.id)}::bigint[])`.execute(store.handle.db);
    await records.restore(SYSTEM_ACTOR, admin, created[12]!.id);
    await records.bulkUpdate(SYSTEM_ACTOR, admin, { '==': [{ var: 'channel' }, 'street'] }, { stage: 'won' });
    await records.remove(SYSTEM_ACTOR, admin, one.id);
    await spreadEvents();
    await sql`delete from record_events where id in (select max(id) from record_events where kind = 'updated' group by record_id limit 5)`.execute(store.handle.db);
    await expect(store.handle.db.transaction().execute(async (trx) => {
      await sql`update records set t1 = 'nowhere' where form_id = (select form_id from records where id = ${created[20]!.id})`.execute(trx);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await expectAgreement();
  });

  it('a roll-up made while records are being written misses none and counts none twice', async () => {
    const records = store.records('crm', 'lead');
    const fresh = q([{ key: 'stage', field: 'stage' }, { key: 'vip', field: 'vip' }], [n, budget]);
    const writes = Array.from({ length: 12 }, (_, i) => records.createMany(SYSTEM_ACTOR, admin, version, [lead(200 + i), lead(300 + i)]));
    const [answered] = await Promise.all([reports().run(admin, fresh), reports().run(admin, { ...FUNNELS.funnel!, filter: { '==': [{ var: 'vip' }, true] } }), ...writes]);
    expect(answered!.length).toBeGreaterThan(0);
    await expectAgreement();
    expect(await reports().run(admin, fresh)).toEqual(await reports().run(admin, fresh, { rollups: false }));
  });

  it('folds its deltas into one row per cell without changing an answer', async () => {
    const tables = (await sql<{ table_name: string }>`select table_name from report_rollups`.execute(store.handle.db)).rows.map((r) => r.table_name);
    const rowsIn = async () => {
      let total = 0;
      for (const t of tables) total += Number((await sql<{ n: string }>`select count(*)::text as n from ${sql.id(t)}`.execute(store.handle.db)).rows[0]!.n);
      return total;
    };
    const before = await rowsIn();
    await sql`update report_rollups set compacted_at = now() - interval '1 hour'`.execute(store.handle.db);
    await expectAgreement();
    expect(await rowsIn()).toBeLessThan(before);
  });

  it('drops the roll-ups no report read for 30 days when the next one is made; a read marks one used', async () => {
    await sql`update report_rollups set used_at = now() - interval '31 days'`.execute(store.handle.db);
    await reports().run(east, SERVED.byChannel!);
    const byVisits = q([{ key: 'visits', field: 'visits' }], [n]);
    expect(await reports().run(admin, byVisits)).toEqual(await reports().run(admin, byVisits, { rollups: false }));
    const left = await sql<{ n: string; tables: string }>`select count(*)::text as n,
      (select count(*) from pg_tables where tablename like 'rollup\_%' or tablename like 'funnel\_%')::text as tables from report_rollups`.execute(store.handle.db);
    expect(left.rows[0]).toEqual({ n: '2', tables: '2' });
    await expectAgreement();
  });

  it('a republished layout drops the roll-ups made under the old one when the next is made', async () => {
    expect(await rollupCount()).toBeGreaterThan(0);
    version = await publishForm(store, 'crm', leadForm([{ id: 'f20', key: 'met_at', kind: 'datetime', label: { en: 'Met at' } }, { id: 'f21', key: 'note', kind: 'text', label: { en: 'Note' } }]));
    await store.records('crm', 'lead').create(SYSTEM_ACTOR, admin, version, { ...lead(3), data: { ...lead(3).data, note: 'call back' } });
    const tables = async () => (await sql<{ n: string }>`select count(*)::text as n from pg_tables where tablename like 'rollup\_%' or tablename like 'funnel\_%'`.execute(store.handle.db)).rows[0]!.n;
    const byNote = q([{ key: 'note', field: 'note' }], [n]);
    expect(await reports().run(admin, byNote)).toEqual(await reports().run(admin, byNote, { rollups: false }));
    expect({ rollups: await rollupCount(), tables: await tables() }).toEqual({ rollups: 1, tables: '1' });
    await expectAgreement();
    const kept = 1 + Object.keys(SERVED).length + Object.keys(FUNNELS).length;
    expect({ rollups: await rollupCount(), tables: await tables() }).toEqual({ rollups: kept, tables: String(kept) });
    // Each roll-up keeps its own triggers: three on records, three more on record_events for a funnel.
    const triggers = await sql<{ n: string }>`select count(*)::text as n from pg_trigger where not tgisinternal and (tgname like 'rollup\_%' or tgname like 'funnel\_%')`.execute(store.handle.db);
    expect(triggers.rows[0]!.n).toBe(String(3 * (kept - Object.keys(FUNNELS).length) + 6 * Object.keys(FUNNELS).length));
  });
});
