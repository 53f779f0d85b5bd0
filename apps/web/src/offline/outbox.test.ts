import type { FormDefinition } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { createOutbox, type OutboxDeps } from './outbox';
import type { QueuedSubmission } from './outbox-types';
import type { SendOutcome } from './send-submission';

const definition = { schemaVersion: 1, key: 'lead', name: { en: 'Lead' }, fields: [] } as FormDefinition;

/** An in-memory device: a map for IndexedDB, a scripted server, a clock moved by hand, timers collected. */
function device(answers: SendOutcome[]) {
  const stored = new Map<string, QueuedSubmission>();
  const sent: { key: string; name: unknown }[] = [];
  const timers: number[] = [];
  let clock = Date.parse('2026-03-02T09:00:00Z');
  let n = 0;
  const deps: OutboxDeps = {
    db: { all: async () => [...stored.values()], put: async (e) => void stored.set(e.id, e), remove: async (id) => void stored.delete(id) },
    send: async (entry) => {
      sent.push({ key: entry.id, name: entry.body.data.name });
      return answers.shift() ?? { kind: 'retry' };
    },
    now: () => new Date(clock),
    newKey: () => `key-${++n}`,
    later: (_run, ms) => void timers.push(ms),
    online: () => true,
    currentUser: async () => 'u1',
  };
  return { deps, stored, sent, timers, tick: (ms: number) => void (clock += ms) };
}

const add = (data: Record<string, unknown>, userId = 'u1') => ({ userId, app: 'crm', form: 'lead', definition, body: { data } });

describe('the offline outbox', () => {
  it('sends oldest first, sets a refused entry aside with its reason and goes on', async () => {
    const d = device([
      { kind: 'sent', recordId: '11' },
      { kind: 'rejected', refusal: { status: 409, code: 'ERR_UNIQUE_VIOLATION', detail: 'taken', errors: [] } },
      { kind: 'sent', recordId: '12' },
    ]);
    const o = createOutbox({ ...d.deps, online: () => false });
    await o.start();
    await o.enqueue(add({ name: 'A' }));
    d.tick(1);
    await o.enqueue(add({ name: 'B' }));
    d.tick(1);
    await o.enqueue(add({ name: 'C' }));
    // Offline: nothing is attempted until the network returns.
    await o.flush({ now: true });
    expect(d.sent).toEqual([]);
    expect(o.snapshot().entries.map((e) => e.status)).toEqual(['waiting', 'waiting', 'waiting']);
    o.setOnline(true);
    await o.flush({ now: true });
    expect(d.sent.map((s) => s.name)).toEqual(['A', 'B', 'C']);
    expect(o.snapshot().entries.map((e) => [e.body.data.name, e.status, e.recordId])).toEqual([['A', 'sent', '11'], ['B', 'rejected', null], ['C', 'sent', '12']]);
    expect(o.snapshot().entries[1]!.refusal?.code).toBe('ERR_UNIQUE_VIOLATION');
    expect([...d.stored.values()].map((e) => e.status).sort()).toEqual(['rejected', 'sent', 'sent']);
  });

  it('keeps the same idempotency key across retries and backs off after each failure', async () => {
    const d = device([{ kind: 'retry' }, { kind: 'retry' }, { kind: 'sent', recordId: '7' }]);
    const o = createOutbox(d.deps);
    await o.enqueue(add({ name: 'A' }));
    await o.flush();
    expect(d.timers).toEqual([2000]);
    // Not due yet: a plain flush waits for the backoff.
    await o.flush();
    expect(d.sent).toHaveLength(1);
    d.tick(2000);
    await o.flush();
    expect(d.timers).toEqual([2000, 4000]);
    // The network came back: sent at once, under the key it had from the start.
    o.setOnline(true);
    await o.flush();
    expect(d.sent.map((s) => s.key)).toEqual(['key-1', 'key-1', 'key-1']);
    expect(o.snapshot().entries[0]).toMatchObject({ status: 'sent', recordId: '7' });
  });

  it('sends an entry left mid-send again on start, and a corrected refusal under a new key', async () => {
    const d = device([{ kind: 'sent', recordId: '1' }, { kind: 'sent', recordId: '2' }]);
    const base = { userId: 'u1', app: 'crm', form: 'lead', definition, queuedAt: '2026-03-02T08:00:00.000Z', attempts: 0, retryAt: null, recordId: null } as const;
    d.stored.set('k-a', { ...base, id: 'k-a', body: { data: { name: 'A' } }, status: 'sending', refusal: null });
    d.stored.set('k-b', { ...base, id: 'k-b', queuedAt: '2026-03-02T08:01:00.000Z', body: { data: { name: 'B' } }, status: 'rejected', refusal: { status: 422, code: 'ERR_RECORD_INVALID', detail: 'x', errors: [] } });
    const o = createOutbox(d.deps);
    await o.start();
    expect(d.sent).toEqual([{ key: 'k-a', name: 'A' }]);
    await o.resend('k-b', { data: { name: 'B2' } });
    await o.flush();
    expect(d.sent[1]).toEqual({ key: 'key-1', name: 'B2' });
    expect(d.stored.has('k-b')).toBe(false);
    await o.clearSent();
    expect(o.snapshot().entries).toEqual([]);
  });

  it('sends an entry only while the user who made it is signed in', async () => {
    const d = device([{ kind: 'sent', recordId: '5' }]);
    let user: string | null = 'u2';
    const o = createOutbox({ ...d.deps, currentUser: async () => user });
    await o.enqueue(add({ name: 'made by u1' }, 'u1'));
    await o.flush({ now: true });
    expect(d.sent).toEqual([]);
    user = null;
    await o.flush({ now: true });
    expect(d.sent).toEqual([]);
    user = 'u1';
    await o.flush({ now: true });
    expect(d.sent.map((s) => s.name)).toEqual(['made by u1']);
  });
});
