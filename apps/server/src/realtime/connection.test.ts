import type { User } from '@tangram/schema';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formEventData, gatherFormChanges, MAX_LISTED_CHANGES, type PendingFormEvent } from './coalesce';
import { Connection, type LiveSocket } from './connection';

const USER: User = { id: 'u1', email: 'u1@example.com', name: 'U1', locale: 'en', isAdmin: false, disabled: false };

function fakeSocket(bufferedAmount = 0) {
  const socket = { bufferedAmount, readyState: 1, sent: [] as unknown[], terminated: false, closedWith: null as number | null,
    send(data: string) { this.sent.push(JSON.parse(data)); },
    close(code?: number) { this.closedWith = code ?? null; this.readyState = 3; },
    terminate() { this.terminated = true; this.readyState = 3; },
    ping() {},
  };
  return socket satisfies LiveSocket;
}

describe('a realtime connection', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('sends one message per topic per flush, however many events arrive in between', () => {
    const socket = fakeSocket();
    const c = new Connection(socket, USER, { kind: 'session', hash: 'h' }, 'en', { flushMs: 250, maxBufferedBytes: 1000 });
    c.topics.set('form:crm/lead', { kind: 'form', app: 'crm', form: 'lead' });
    for (let i = 1; i <= 50; i++) {
      c.gather<PendingFormEvent>('form:crm/lead', (p) => gatherFormChanges(p, [{ id: String(i), kind: 'created', version: 1 }], false), formEventData);
    }
    expect(socket.sent).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(socket.sent).toHaveLength(1);
    expect((socket.sent[0] as { data: { changes: unknown[] } }).data.changes).toHaveLength(50);
  });

  it('sends the first event after a quiet spell at once, and holds the next ones for the window', () => {
    const socket = fakeSocket();
    const c = new Connection(socket, USER, { kind: 'session', hash: 'h' }, 'en', { flushMs: 250, maxBufferedBytes: 1000 });
    c.topics.set('job:1', { kind: 'job', id: '1' });
    c.gather('job:1', () => ({ step: 1 }), (v) => v);
    vi.advanceTimersByTime(0);
    expect(socket.sent).toEqual([{ type: 'event', topic: 'job:1', data: { step: 1 } }]);
    c.gather('job:1', () => ({ step: 2 }), (v) => v);
    c.gather('job:1', () => ({ step: 3 }), (v) => v);
    vi.advanceTimersByTime(249);
    expect(socket.sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(socket.sent).toEqual([{ type: 'event', topic: 'job:1', data: { step: 1 } }, { type: 'event', topic: 'job:1', data: { step: 3 } }]);
  });

  it('drops an event for a topic unsubscribed while it waited', () => {
    const socket = fakeSocket();
    const c = new Connection(socket, USER, { kind: 'session', hash: 'h' }, 'en', { flushMs: 100, maxBufferedBytes: 1000 });
    c.topics.set('job:1', { kind: 'job', id: '1' });
    c.gather('job:1', () => ({ done: 1 }), (v) => v);
    c.topics.delete('job:1');
    vi.advanceTimersByTime(100);
    expect(socket.sent).toEqual([]);
  });

  it('drops a socket whose unsent bytes pass the limit instead of buffering more', () => {
    const socket = fakeSocket(5000);
    const c = new Connection(socket, USER, { kind: 'session', hash: 'h' }, 'en', { flushMs: 100, maxBufferedBytes: 1000 });
    c.send({ type: 'resync' });
    expect(socket.terminated).toBe(true);
    expect(socket.sent).toEqual([]);
    expect(c.isClosed).toBe(true);
  });
});

describe('gathering form changes', () => {
  it('keeps a record created then updated in the window as created, at its latest version', () => {
    let p = gatherFormChanges(undefined, [{ id: '7', kind: 'created', version: 1 }], false);
    p = gatherFormChanges(p, [{ id: '7', kind: 'updated', version: 3 }], false);
    expect(formEventData(p)).toEqual({ changes: [{ id: '7', kind: 'created', version: 3 }], refetch: false });
    p = gatherFormChanges(p, [{ id: '7', kind: 'deleted', version: 4 }], false);
    expect(formEventData(p)).toEqual({ changes: [{ id: '7', kind: 'deleted', version: 4 }], refetch: false });
  });

  it('says "refetch" instead of listing a burst longer than the limit', () => {
    const burst = Array.from({ length: MAX_LISTED_CHANGES + 1 }, (_, i) => ({ id: String(i + 1), kind: 'created' as const, version: 1 }));
    expect(formEventData(gatherFormChanges(undefined, burst, false))).toEqual({ changes: [], refetch: true });
  });
});
