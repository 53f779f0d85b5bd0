import { describe, expect, it } from 'vitest';
import { createRealtimeClient, type SocketHandle, type SocketHandlers, type TopicEvent } from './realtime-client';

class FakeSocket implements SocketHandle {
  readyState = 0;
  sent: unknown[] = [];
  constructor(private readonly on: SocketHandlers) {}
  send(data: string) { this.sent.push(JSON.parse(data)); }
  close() { this.readyState = 3; }
  open() { this.readyState = 1; this.on.open(); }
  receive(message: object) { this.on.message(JSON.stringify(message)); }
  drop(code = 1006) { this.readyState = 3; this.on.close(code); }
}

/** A client on fake sockets and a hand-driven timer list. */
function harness() {
  const sockets: FakeSocket[] = [];
  const timers: { run: () => void; ms: number; id: number }[] = [];
  let nextId = 1;
  const client = createRealtimeClient({
    url: () => 'ws://tangram.test/api/ws',
    createSocket: (_url, on) => { const s = new FakeSocket(on); sockets.push(s); return s; },
    setTimer: (run, ms) => { const id = nextId++; timers.push({ run, ms, id }); return id; },
    clearTimer: (id) => { const i = timers.findIndex((t) => t.id === id); if (i >= 0) timers.splice(i, 1); },
    random: () => 0.5,
  });
  const fireTimers = () => { const due = timers.splice(0); for (const t of due) t.run(); return due.map((t) => t.ms); };
  return { client, sockets, timers, fireTimers, last: () => sockets[sockets.length - 1]! };
}

describe('the realtime client', () => {
  it('opens one socket for every topic, subscribes once per topic, and routes events to their listeners', () => {
    const h = harness();
    const heard: [string, TopicEvent][] = [];
    h.client.subscribe('form:crm/lead', (e) => heard.push(['a', e]));
    h.client.subscribe('form:crm/lead', (e) => heard.push(['b', e]));
    h.client.subscribe('job:1', (e) => heard.push(['job', e]));
    expect(h.sockets).toHaveLength(1);
    h.last().open();
    expect(h.last().sent).toEqual([{ type: 'subscribe', topic: 'form:crm/lead' }, { type: 'subscribe', topic: 'job:1' }]);
    h.last().receive({ type: 'event', topic: 'form:crm/lead', data: { changes: [], refetch: true } });
    h.last().receive({ type: 'error', topic: 'job:1', code: 'ERR_NOT_FOUND', message: 'Not found' });
    expect(heard).toEqual([
      ['a', { kind: 'event', data: { changes: [], refetch: true } }],
      ['b', { kind: 'event', data: { changes: [], refetch: true } }],
      ['job', { kind: 'refused', code: 'ERR_NOT_FOUND', message: 'Not found' }],
    ]);
  });

  it('reconnects after a drop with growing delays, subscribes again, and asks every listener to refetch', () => {
    const h = harness();
    const heard: TopicEvent[] = [];
    h.client.subscribe('form:crm/lead', (e) => heard.push(e));
    h.last().open();
    h.last().drop();
    expect(h.fireTimers()).toEqual([375]);
    h.last().drop();
    expect(h.fireTimers()).toEqual([750]);
    h.last().open();
    expect(h.sockets).toHaveLength(3);
    expect(h.last().sent).toEqual([{ type: 'subscribe', topic: 'form:crm/lead' }]);
    expect(heard).toEqual([{ kind: 'resync' }]);
    // A successful open starts the delays from the beginning again.
    h.last().drop();
    expect(h.fireTimers()).toEqual([375]);
  });

  it('stops retrying when the server says "sign in again", until a page follows a topic again', () => {
    const h = harness();
    const stop = h.client.subscribe('form:crm/lead', () => {});
    h.last().open();
    h.last().drop(4401);
    expect(h.timers).toEqual([]);
    stop();
    h.client.subscribe('form:crm/lead', () => {});
    expect(h.sockets).toHaveLength(2);
  });

  it('unsubscribes when the last listener of a topic leaves, and closes an idle socket later', () => {
    const h = harness();
    const stop = h.client.subscribe('record:crm/lead/7', () => {});
    h.last().open();
    stop();
    expect(h.last().sent).toEqual([{ type: 'subscribe', topic: 'record:crm/lead/7' }, { type: 'unsubscribe', topic: 'record:crm/lead/7' }]);
    h.fireTimers();
    expect(h.last().readyState).toBe(3);
  });
});
