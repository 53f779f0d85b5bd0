/**
 * One websocket per tab to `/api/ws`, shared by every topic the page follows (protocol: docs/realtime.md).
 * Framework-free; React code uses `useTopic`. The socket opens with the first subscription, reconnects
 * with a growing, jittered delay, subscribes again to what is followed, and then tells every listener to
 * refetch (`resync`): events are at most once, so whatever happened while it was away is read again.
 *
 *   const stop = subscribeTopic('form:crm/lead', (e) => { if (e.kind !== 'refused') reloadList(); });
 */

/** What a listener hears: an event of its topic, a "refetch what you show", or the server's refusal. */
export type TopicEvent =
  | { readonly kind: 'event'; readonly data: unknown }
  | { readonly kind: 'resync' }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string };

export type TopicListener = (event: TopicEvent) => void;

/** The parts of the browser the client uses; tests pass fakes (no timers, no network). */
export interface RealtimeEnvironment {
  readonly url: () => string;
  readonly createSocket: (url: string, on: SocketHandlers) => SocketHandle;
  readonly setTimer: (run: () => void, ms: number) => unknown;
  readonly clearTimer: (timer: unknown) => void;
  /** 0 ≤ x < 1, for the jitter that keeps a restarted server from being hit by every tab at once. */
  readonly random: () => number;
}

export interface SocketHandlers {
  open(): void;
  message(data: unknown): void;
  close(code: number): void;
}

/** What the client keeps of a socket (a browser WebSocket has it). */
export interface SocketHandle {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
}

export interface RealtimeClient {
  subscribe(topic: string, listener: TopicListener): () => void;
  /** Reconnect at once (the browser came back online, the user signed in again). */
  reconnectNow(): void;
}

const OPEN = 1;
const FIRST_DELAY_MS = 500;
const LAST_DELAY_MS = 30_000;
/** A socket with nothing to follow closes after this, so moving between pages does not churn it. */
const IDLE_CLOSE_MS = 10_000;
/** The server's "sign in again": no retry until something asks for one. */
const CLOSE_UNAUTHENTICATED = 4401;

export function createRealtimeClient(env: RealtimeEnvironment): RealtimeClient {
  const listeners = new Map<string, Set<TopicListener>>();
  let socket: SocketHandle | null = null;
  let attempts = 0;
  let everOpened = false;
  let signedOut = false;
  let retryTimer: unknown = null;
  let idleTimer: unknown = null;

  const tell = (topic: string, event: TopicEvent) => {
    for (const listener of [...(listeners.get(topic) ?? [])]) listener(event);
  };
  const tellAll = (event: TopicEvent) => { for (const topic of [...listeners.keys()]) tell(topic, event); };
  const sendIfOpen = (message: object) => {
    if (socket?.readyState === OPEN) socket.send(JSON.stringify(message));
  };

  const onMessage = (raw: unknown) => {
    let message: { type?: string; topic?: string; data?: unknown; code?: string; message?: string };
    try {
      message = JSON.parse(String(raw)) as typeof message;
    } catch {
      return;
    }
    if (message.type === 'event' && message.topic) tell(message.topic, { kind: 'event', data: message.data });
    else if (message.type === 'resync') tellAll({ kind: 'resync' });
    else if (message.type === 'error' && message.topic) tell(message.topic, { kind: 'refused', code: message.code ?? '', message: message.message ?? '' });
  };

  const connect = () => {
    if (socket || signedOut || listeners.size === 0) return;
    const current: SocketHandle = env.createSocket(env.url(), {
      open() {
        attempts = 0;
        for (const topic of listeners.keys()) sendIfOpen({ type: 'subscribe', topic });
        // Back after a drop: what changed meanwhile was never sent.
        if (everOpened) tellAll({ kind: 'resync' });
        everOpened = true;
      },
      message: onMessage,
      close(code) {
        if (socket !== current) return;
        socket = null;
        if (code === CLOSE_UNAUTHENTICATED) {
          signedOut = true;
          return;
        }
        scheduleRetry();
      },
    });
    socket = current;
  };

  const scheduleRetry = () => {
    if (retryTimer !== null || listeners.size === 0) return;
    const ceiling = Math.min(LAST_DELAY_MS, FIRST_DELAY_MS * 2 ** attempts);
    attempts++;
    retryTimer = env.setTimer(() => {
      retryTimer = null;
      connect();
    }, ceiling / 2 + env.random() * (ceiling / 2));
  };

  const closeWhenIdle = () => {
    if (idleTimer !== null) env.clearTimer(idleTimer);
    idleTimer = env.setTimer(() => {
      idleTimer = null;
      if (listeners.size > 0 || !socket) return;
      const current = socket;
      socket = null;
      // Closed on purpose, with nothing followed: the next socket has nothing to catch up on.
      everOpened = false;
      current.close();
    }, IDLE_CLOSE_MS);
  };

  return {
    subscribe(topic, listener) {
      const set = listeners.get(topic) ?? new Set<TopicListener>();
      const first = set.size === 0;
      set.add(listener);
      listeners.set(topic, set);
      // A page asking to follow something is the moment to try again after a "sign in again".
      signedOut = false;
      if (first) sendIfOpen({ type: 'subscribe', topic });
      connect();
      return () => {
        const current = listeners.get(topic);
        if (!current?.delete(listener) || current.size > 0) return;
        listeners.delete(topic);
        sendIfOpen({ type: 'unsubscribe', topic });
        if (listeners.size === 0) closeWhenIdle();
      };
    },
    reconnectNow() {
      signedOut = false;
      if (retryTimer !== null) env.clearTimer(retryTimer);
      retryTimer = null;
      attempts = 0;
      connect();
    },
  };
}

let shared: RealtimeClient | null = null;

/** The tab's one client, made on first use. */
export function sharedRealtimeClient(): RealtimeClient {
  if (shared) return shared;
  const client = createRealtimeClient({
    url: () => `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/ws`,
    createSocket: (url, on) => {
      const ws = new WebSocket(url);
      ws.onopen = () => on.open();
      ws.onmessage = (event) => on.message(event.data);
      ws.onclose = (event) => on.close(event.code);
      return ws;
    },
    setTimer: (run, ms) => window.setTimeout(run, ms),
    clearTimer: (timer) => window.clearTimeout(timer as number),
    random: Math.random,
  });
  window.addEventListener('online', () => client.reconnectNow());
  shared = client;
  return client;
}

/** Follows a topic on the tab's shared socket; returns the function that stops following it. */
export function subscribeTopic(topic: string, listener: TopicListener): () => void {
  return sharedRealtimeClient().subscribe(topic, listener);
}
