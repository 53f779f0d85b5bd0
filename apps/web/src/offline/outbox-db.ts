import { createStore, del, set, values } from 'idb-keyval';
import type { QueuedSubmission } from './outbox-types';

// One IndexedDB database per origin; entries keyed by their idempotency key.
const store = createStore('tangram-outbox', 'submissions');

export const outboxDb = Object.freeze({
  all: async (): Promise<QueuedSubmission[]> => (await values<QueuedSubmission>(store)).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt)),
  put: (entry: QueuedSubmission) => set(entry.id, entry, store),
  remove: (id: string) => del(id, store),
});
