import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '@tangram/schema';
import type { Actor, FormAccess, ResolvedScope, Store } from './api';
import { StoreError } from './errors';
import { testDialects } from './testing';
import { accessWith, fullAccess, leadForm, openTestStore, publishForm } from './testing/test-store';

const SYSTEM: Actor = { userId: null, via: 'system' };
const CLERK: Actor = { userId: 'u-clerk', via: 'user' };

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

/** Records: (owner, store) pairs; the name says where each lives. */
const SEED = [
  ['u-clerk', 'sh01', 'web'], ['u-clerk', 'sh02', 'expo'], ['u-other', 'sh01', 'web'],
  ['u-other', 'bj01', 'web'], ['u-other', 'bj01', 'street'], ['u-clerk', null, 'street'],
] as const;

describe.each(testDialects())('the permission chokepoint on %s', (dialect) => {
  let store: Store;
  let version: number;
  let seeded: readonly RecordView[];
  const leads = () => store.records('crm', 'lead');
  const scoped = (scope: ResolvedScope | ResolvedScope[], extra: Parameters<typeof accessWith>[2] = {}): FormAccess =>
    accessWith('crm', 'lead', { userId: 'u-clerk', orgUnitIds: ['sh01'], scope, ...extra });
  const names = (records: readonly RecordView[]) => records.map((r) => r.data.name).sort();
  const nameOf = (i: number) => `r${i}`;

  beforeAll(async () => {
    store = await openTestStore(dialect);
    version = await publishForm(store, 'crm', leadForm());
    seeded = await leads().createMany(SYSTEM, fullAccess('crm', 'lead'), version, SEED.map(([owner, unit, channel], i) => ({
      data: { name: nameOf(i), channel, budget: String((i + 1) * 1000), secret: `s${i}` }, ownerId: owner, orgUnitId: unit,
    })));
  });
  afterAll(async () => { await store?.close(); });

  const cases: [string, ResolvedScope[], number[]][] = [
    ['all', [{ kind: 'all' }], [0, 1, 2, 3, 4, 5]],
    ['org units (the subtree)', [{ kind: 'orgUnits', orgUnitIds: ['sh01', 'sh02'] }], [0, 1, 2]],
    ['owner', [{ kind: 'owner', userId: 'u-clerk' }], [0, 1, 5]],
    ['condition with $user', [{ kind: 'condition', condition: { in: [{ var: '$record.orgUnit' }, { var: '$user.orgUnitIds' }] } }], [0, 2]],
    ['condition on a field', [{ kind: 'condition', condition: { '==': [{ var: 'channel' }, 'street'] } }], [4, 5]],
    ['scopes OR-ed', [{ kind: 'owner', userId: 'u-clerk' }, { kind: 'orgUnits', orgUnitIds: ['bj01'] }], [0, 1, 3, 4, 5]],
    ['no scope', [], []],
  ];

  it.each(cases)('list, count, aggregate and get see only the %s rows', async (_, scope, visible) => {
    const access = scoped(scope);
    const expected = visible.map(nameOf).sort();
    const page = await leads().list(access, { limit: 500 });
    expect(names(page.items)).toEqual(expected);
    expect(page.total).toBe(visible.length);
    expect(await leads().count(access)).toBe(visible.length);
    const [totals] = await leads().aggregate(access, { groupBy: [], measures: [{ fn: 'count', as: 'n' }, { fn: 'sum', field: 'budget', as: 'sum' }] });
    expect(totals!.n).toBe(visible.length);
    expect(Number(totals!.sum ?? 0)).toBe(visible.reduce((s, i) => s + (i + 1) * 1000, 0));
    for (const [i, record] of seeded.entries()) {
      expect((await leads().get(access, record.id))?.data.name ?? null).toBe(visible.includes(i) ? nameOf(i) : null);
    }
  });

  it('updates and deletes only rows inside the scope of that action, without revealing the others', async () => {
    const access = accessWith('crm', 'lead', { userId: 'u-clerk', actions: ['read', 'update', 'delete'], scope: { kind: 'owner', userId: 'u-clerk' } });
    const foreign = seeded[2]!;
    expect((await rejection(leads().update(CLERK, access, foreign.id, 1, { budget: '1' }, version))).code).toBe('ERR_NOT_FOUND');
    expect((await rejection(leads().remove(CLERK, access, foreign.id))).code).toBe('ERR_NOT_FOUND');
    expect(await leads().get(fullAccess('crm', 'lead'), foreign.id)).toMatchObject({ version: 1, data: { budget: '3000' } });
    const readOnly = accessWith('crm', 'lead', { actions: ['read'] });
    expect(await rejection(leads().update(CLERK, readOnly, seeded[0]!.id, 1, { budget: '1' }, version))).toMatchObject({ code: 'ERR_FORBIDDEN', params: { action: 'update' } });
    expect((await rejection(leads().create(CLERK, readOnly, version, { data: {} }))).code).toBe('ERR_FORBIDDEN');
    expect((await rejection(leads().list(accessWith('crm', 'lead', { actions: ['create'] }), {}))).code).toBe('ERR_FORBIDDEN');
    expect((await rejection(leads().events(access, foreign.id))).code).toBe('ERR_NOT_FOUND');
  });

  it('bulk-updates and bulk-removes only scoped, filtered rows, and refuses a bulk change without a filter', async () => {
    const access = accessWith('crm', 'lead', { userId: 'u-clerk', actions: ['read', 'update', 'delete'], scope: { kind: 'orgUnits', orgUnitIds: ['sh01'] } });
    expect((await rejection(leads().bulkUpdate(CLERK, access, {}, { stage: 'won' }))).code).toBe('ERR_BULK_WITHOUT_FILTER');
    expect((await rejection(leads().bulkUpdate(CLERK, access, null, { stage: 'won' }))).code).toBe('ERR_BULK_WITHOUT_FILTER');
    expect((await rejection(leads().bulkRemove(CLERK, access, {}))).code).toBe('ERR_BULK_WITHOUT_FILTER');
    expect(await leads().bulkUpdate(CLERK, access, { '==': [{ var: 'channel' }, 'web'] }, { stage: 'won', budget: '5' })).toBe(2);
    const admin = fullAccess('crm', 'lead');
    expect(names((await leads().list(admin, { filter: { '==': [{ var: 'stage' }, 'won'] } })).items)).toEqual(['r0', 'r2']);
    expect(await leads().count(admin, { '<': [{ var: 'budget' }, 10] })).toBe(2);
    const events = await leads().events(admin, seeded[0]!.id);
    expect(events.at(-1)).toMatchObject({ kind: 'updated', actorId: 'u-clerk', diff: { stage: [null, 'won'], budget: ['1000', '5'] } });
    expect(await leads().bulkRemove(CLERK, access, { '==': [{ var: 'stage' }, 'won'] })).toBe(2);
    expect(await leads().count(admin)).toBe(4);
    await leads().restore(SYSTEM, admin, seeded[0]!.id);
    await leads().restore(SYSTEM, admin, seeded[2]!.id);
    await leads().bulkUpdate(SYSTEM, admin, { in: [{ var: 'name' }, ['r0', 'r2']] }, { stage: null, budget: null });
  });

  it('strips hidden fields from every read and refuses them in filters, sorts and aggregates', async () => {
    const access = accessWith('crm', 'lead', { hidden: ['secret'] });
    const page = await leads().list(access, {});
    expect(page.items.every((r) => !('secret' in r.data) && 'name' in r.data)).toBe(true);
    expect((await leads().get(access, seeded[0]!.id))!.data).not.toHaveProperty('secret');
    expect((await leads().events(access, seeded[0]!.id))[0]!.diff).not.toHaveProperty('secret');
    expect(await rejection(leads().list(access, { filter: { '==': [{ var: 'secret' }, 's0'] } }))).toMatchObject({ code: 'ERR_FIELD_NOT_FILTERABLE', path: '/filter/==/0/var' });
    expect(await rejection(leads().count(access, { '!=': [{ var: 'secret' }, null] }))).toMatchObject({ code: 'ERR_FIELD_NOT_FILTERABLE' });
    expect(await rejection(leads().list(access, { sort: [{ field: 'secret', direction: 'asc' }] }))).toMatchObject({ code: 'ERR_FIELD_NOT_FILTERABLE', path: '/sort/0/field' });
    expect(await rejection(leads().aggregate(access, { groupBy: [{ field: 'secret' }], measures: [{ fn: 'count', as: 'n' }] }))).toMatchObject({ code: 'ERR_FIELD_NOT_FILTERABLE', path: '/groupBy/0/field' });
    expect((await rejection(leads().bulkUpdate(CLERK, access, { '==': [{ var: 'secret' }, 's1'] }, { stage: 'new' }))).code).toBe('ERR_FIELD_NOT_FILTERABLE');
    expect(await rejection(leads().update(CLERK, access, seeded[1]!.id, 1, { secret: 'guess' }, version))).toMatchObject({ code: 'ERR_FORBIDDEN', path: '/data/secret' });
  });

  it('refuses values a role may not set, and read-only fields', async () => {
    const access = accessWith('crm', 'lead', { readOnly: ['budget'], denied: { stage: ['won'] } });
    expect(await rejection(leads().create(CLERK, access, version, { data: { stage: 'won' } }))).toMatchObject({ code: 'ERR_FORBIDDEN', path: '/data/stage' });
    expect(await rejection(leads().update(CLERK, access, seeded[1]!.id, 1, { budget: '7' }, version))).toMatchObject({ code: 'ERR_FORBIDDEN', path: '/data/budget' });
    const same = await leads().update(CLERK, access, seeded[1]!.id, 1, { budget: '2000', stage: 'new' }, version);
    expect(same.data).toMatchObject({ budget: '2000', stage: 'new' });
  });
});
