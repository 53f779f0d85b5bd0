import { createStore, type CreateStoreOptions, type Store } from '@tangram/store';

/** Opens and migrates the store the configuration names (PGlite data dir or PostgreSQL URL). */
export function openStore(options: CreateStoreOptions): Promise<Store> {
  return createStore(options);
}
