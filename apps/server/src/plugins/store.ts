import type { Store } from '@tangram/store';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The record store every route works through. */
    readonly store: Store;
    /** The clock: injected so tests can move time (session expiry) without sleeping. */
    readonly now: () => Date;
  }
}

/** Shares the store and the clock with every route context. */
export const storePlugin = fp<{ store: Store; now: () => Date }>(
  async (app, { store, now }) => {
    app.decorate('store', store);
    app.decorate('now', now);
  },
  { name: 'tangram-store' },
);
