import type { Locale, User } from '@tangram/schema';
import type { ServerMessage } from './protocol';
import type { Topic } from './topics';

/** What the hub needs of a websocket (the `ws` WebSocket has it; tests pass a fake to check limits). */
export interface LiveSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  ping(): void;
}

const OPEN = 1;

/** Close codes clients act on: 4401 means "sign in again", anything else "reconnect". */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_CROSS_SITE = 4403;
export const CLOSE_GOING_AWAY = 1001;

export interface ConnectionLimits {
  /** Events for one topic are gathered and sent at most once per this many ms. */
  readonly flushMs: number;
  /** A socket whose unsent bytes pass this is dropped (its client reconnects and refetches). */
  readonly maxBufferedBytes: number;
}

interface Pending { value: unknown; readonly render: (value: any) => unknown }

/**
 * One open socket of one signed-in user: its topics, the events gathered for it, and the sending rules.
 * Events are coalesced per topic: the first after a quiet spell is sent at once, the rest of a burst at most
 * once per topic per `flushMs`; a socket that does not drain is dropped rather than buffered.
 */
export class Connection {
  user: User;
  readonly topics = new Map<string, Topic>();
  /** Set on every pong; cleared on every heartbeat ping. */
  alive = true;
  private readonly pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private closed = false;

  constructor(
    readonly socket: LiveSocket,
    user: User,
    readonly credential: { readonly kind: 'session' | 'token'; readonly hash: string },
    readonly locale: Locale,
    private readonly limits: ConnectionLimits,
  ) {
    this.user = user;
  }

  get isClosed(): boolean {
    return this.closed || this.socket.readyState !== OPEN;
  }

  /** Sends now (acknowledgements, errors, resync). */
  send(message: ServerMessage): void {
    if (this.isClosed) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.drop();
      return;
    }
    this.socket.send(JSON.stringify(message));
  }

  /**
   * Folds an event into what this socket will be sent for `topic` at the next flush.
   *   connection.gather('job:7', (previous) => next, (value) => data)
   */
  gather<T>(topic: string, fold: (previous: T | undefined) => T, render: (value: T) => unknown): void {
    if (this.isClosed || !this.topics.has(topic)) return;
    const current = this.pending.get(topic);
    this.pending.set(topic, { value: fold(current?.value as T | undefined), render });
    // The first event after a quiet spell goes out at once; the rest of a burst waits for the window.
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, this.lastFlushAt + this.limits.flushMs - Date.now()));
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlushAt = Date.now();
    const due = [...this.pending];
    this.pending.clear();
    for (const [topic, { value, render }] of due) {
      // Unsubscribed while the event waited: the client no longer wants it.
      if (this.topics.has(topic)) this.send({ type: 'event', topic, data: render(value) });
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.release();
    this.socket.close(code, reason);
  }

  /** Ends a socket that cannot keep up or stopped answering pings, without a closing handshake. */
  drop(): void {
    if (this.closed) return;
    this.release();
    this.socket.terminate();
  }

  /** Forgets timers and pending events (the socket closed, or is being closed). */
  release(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    this.topics.clear();
  }
}
