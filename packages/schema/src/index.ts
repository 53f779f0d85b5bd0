export * from './json-logic';
export * from './i18n';
export * from './field';
export * from './form';
export * from './app';
export * from './identity';
export * from './record';
export * from './problem';
