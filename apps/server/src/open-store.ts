import * as storePackage from '@tangram/store';
import type { CreateStoreOptions, Store } from '@tangram/store';

type CreateStore = (options: CreateStoreOptions) => Promise<Store>;

/** Opens the store the configuration names (PGlite data dir or PostgreSQL URL). */
export async function openStore(options: CreateStoreOptions): Promise<Store> {
  const createStore = (storePackage as Record<string, unknown>).createStore as CreateStore | undefined;
  if (!createStore) throw new Error('@tangram/store does not export createStore yet');
  return createStore(options);
}
