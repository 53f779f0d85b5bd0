import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../api';
import { createStoreFromHandle } from '../create-store';
import { openTestDatabase, testDialects } from '../testing';

describe.each(testDialects())('jobs on %s', (dialect) => {
  let store: Store;
  const clock = { now: new Date('2026-03-02T09:00:00.000Z') };
  beforeAll(async () => {
    store = createStoreFromHandle(await openTestDatabase(dialect), { now: () => clock.now });
    await store.migrate();
  });
  afterAll(async () => { await store?.close(); });

  const file = { name: 'leads.csv', content: new TextEncoder().encode('name\nAnn\n') };

  it('keeps a draft and its file until it is queued, then hands it to exactly one worker', async () => {
    const draft = await store.jobs.create({ kind: 'import', app: 'crm', form: 'lead', createdBy: 'u1', payload: { step: 1 }, file });
    expect(draft).toMatchObject({ status: 'draft', payload: { step: 1 }, attempts: 0 });
    expect(Buffer.from((await store.jobs.file(draft.id))!.content).toString()).toBe('name\nAnn\n');
    // A draft is not runnable.
    expect(await store.jobs.claim(['import'], 60_000)).toBeNull();
    await store.jobs.update(draft.id, { step: 2 });
    await store.jobs.queue(draft.id, { step: 3 });
    await expect(store.jobs.queue(draft.id, { step: 4 })).rejects.toMatchObject({ code: 'ERR_CONFLICT' });

    const [a, b] = await Promise.all([store.jobs.claim(['import'], 60_000), store.jobs.claim(['import'], 60_000)]);
    const taken = [a, b].filter((j) => j !== null);
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({ id: draft.id, status: 'running', payload: { step: 3 }, attempts: 1 });
    expect(await store.jobs.claim(['export'], 60_000)).toBeNull();

    await store.jobs.checkpoint(draft.id, { processed: 500 }, 60_000);
    expect((await store.jobs.get(draft.id))!.progress).toEqual({ processed: 500 });
    await store.jobs.finish(draft.id, 'done', { processed: 1000 });
    expect(await store.jobs.get(draft.id)).toMatchObject({ status: 'done', progress: { processed: 1000 }, finishedAt: clock.now.toISOString() });
  });

  it('gives a running job whose lease ran out to another worker, with its last checkpoint', async () => {
    const job = await store.jobs.create({ kind: 'import', app: 'crm', form: 'lead', createdBy: 'u1', payload: {}, file });
    await store.jobs.queue(job.id, {});
    expect((await store.jobs.claim(['import'], 60_000))!.id).toBe(job.id);
    await store.jobs.checkpoint(job.id, { rowsDone: 200 }, 60_000);
    // Still leased: nobody else takes it.
    clock.now = new Date(clock.now.getTime() + 30_000);
    expect(await store.jobs.claim(['import'], 60_000)).toBeNull();
    // The worker died: the lease runs out and the job is taken again where it stopped.
    clock.now = new Date(clock.now.getTime() + 61_000);
    expect(await store.jobs.claim(['import'], 60_000)).toMatchObject({ id: job.id, attempts: 2, progress: { rowsDone: 200 } });
  });

  it('stores each rejected row once, in row order, with the checkpoint that counts it', async () => {
    const job = await store.jobs.create({ kind: 'import', app: 'crm', form: 'lead', createdBy: 'u1', payload: {}, file });
    await store.jobs.queue(job.id, {});
    await store.jobs.claim(['import'], 60_000);
    await store.jobs.checkpoint(job.id, { rowsDone: 7, rejected: 2 }, 60_000, [
      { row: 7, cells: ['Bob', '123'], problems: [{ path: '/data/phone', code: 'invalidPhone' }] },
      { row: 3, cells: ['', '138'], problems: [{ path: '/data/name', code: 'required' }] },
    ]);
    expect((await store.jobs.get(job.id))!.progress).toEqual({ rowsDone: 7, rejected: 2 });
    // A resumed job rejecting row 7 again does not duplicate or change it.
    await store.jobs.checkpoint(job.id, { rowsDone: 7, rejected: 2 }, 60_000, [{ row: 7, cells: ['changed'], problems: [] }]);
    expect(await store.jobs.rejects(job.id, 0, 10)).toEqual([
      { row: 3, cells: ['', '138'], problems: [{ path: '/data/name', code: 'required' }] },
      { row: 7, cells: ['Bob', '123'], problems: [{ path: '/data/phone', code: 'invalidPhone' }] },
    ]);
    expect(await store.jobs.rejects(job.id, 3, 10)).toHaveLength(1);
    expect(await store.jobs.get('not-an-id')).toBeNull();
  });
});
