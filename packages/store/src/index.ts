export * from './database';
export * from './api';
export * from './errors';
export { createStore, createStoreFromHandle, type StoreFromHandleOptions } from './create-store';
export { SLOT_COUNTS } from './slots';
export type { PublicForm, PublicFormSettings } from './public-forms/public-form-settings';
export type { PublicFormsRepository } from './public-forms/public-forms-repository';
export { publicFormAccess } from './public-forms/public-form-access';
export type { ReportsRepository } from './reports/reports-repository';
