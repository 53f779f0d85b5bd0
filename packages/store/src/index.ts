export * from './database';
export * from './api';
export * from './errors';
