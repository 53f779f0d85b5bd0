/** The server as a library: build the app (tests, benches, embedding) or start it like `tangram start`. */
export { buildApp, BODY_LIMIT, type BuildAppOptions } from './app';
export { start } from './main';
export { readConfig, type ServerConfig } from './config';
export { API_ERRORS, ApiError, type ApiErrorCode } from './errors';
export { SESSION_COOKIE } from './plugins/auth';
export { readSheetRows, type SheetFormat, type SheetRow } from './import/sheet-reader';
