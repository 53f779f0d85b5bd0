import * as storePackage from '@tangram/store';
import type { DatabaseHandle, Store } from '@tangram/store';

type CreateStoreFromHandle = (handle: DatabaseHandle) => Store | Promise<Store>;

/** A store over a database the benchmark opened itself, so its raw SQL runs on the very same connection. */
export async function storeFromHandle(handle: DatabaseHandle): Promise<Store> {
  const create = (storePackage as Record<string, unknown>).createStoreFromHandle as CreateStoreFromHandle | undefined;
  if (!create) throw new Error('@tangram/store does not export createStoreFromHandle yet');
  return create(handle);
}
