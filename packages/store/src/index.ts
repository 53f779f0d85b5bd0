export * from './database';
export * from './api';
export * from './errors';
export { createStore, createStoreFromHandle, type StoreFromHandleOptions } from './create-store';
export { SLOT_COUNTS } from './slots';
