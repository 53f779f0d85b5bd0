import { createAccessCache } from './access-cache';
import type { Actor, CreateStoreOptions, FormAccess, NewRecord, RecordsRepository, Store } from './api';
import { openDatabase, type DatabaseHandle } from './database';
import { createDefinitionsRepository } from './definitions-repository';
import { createIdentityRepository } from './identity-repository';
import { createFilesRepository } from './files/files-repository';
import { createJobsRepository } from './jobs/jobs-repository';
import { createLayoutCache } from './layout-cache';
import { migrate } from './migrate';
import { createSlotIndexes, withIndexDdlLock, type SlotIndexEvent } from './slot-indexes';
import { aggregateRecords, countRecords, getRecord, listRecords } from './record-reads';
import { bulkRemoveRecords, bulkUpdateRecords, recordEvents, removeRecord, restoreRecord, updateRecord } from './record-updates';
import { commentOnRecord } from './record-comments';
import { findRecordsByValues } from './record-lookup';
import { createRecordRefs, createRecords } from './record-writes';
import type { RecordsContext } from './records-context';
import { createDashboardsRepository } from './reports/dashboards-repository';
import { createReportsRepository } from './reports/reports-repository';
import { nextSequence } from './sequences';
import { createPublicFormsRepository } from './public-forms/public-forms-repository';
import { createSavedViewsRepository } from './views/saved-views-repository';
import { createNoticeChannel } from './notify/notice-channel';
import { withPublicFormNotices } from './notify/public-form-notices';
import { visibleRecordIds } from './notify/visible-ids';
import { withIdentityNotices, withRecordNotices } from './notify/with-notices';

export interface StoreFromHandleOptions {
  /** The clock `$now` in conditions reads. Default: the system clock. */
  readonly now?: () => Date;
  /** Hears how each background slot-index build ended (tests count them). */
  readonly onSlotIndex?: (event: SlotIndexEvent) => void;
}

/**
 * Opens the database the options name (PostgreSQL for a URL, else embedded PGlite), applies migrations
 * and returns the store.
 *   const store = await createStore({ databaseUrl: process.env.DATABASE_URL });
 */
export async function createStore(options: CreateStoreOptions = {}): Promise<Store> {
  const handle = await openDatabase({
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.pgliteBuffers ? { pgliteBuffers: options.pgliteBuffers } : {}),
  });
  const store = createStoreFromHandle(handle, options.onSlotIndex ? { onSlotIndex: options.onSlotIndex } : {});
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** Wraps an open database (tests and benches open one with `openTestDatabase`). Call `migrate()` first. */
export function createStoreFromHandle(handle: DatabaseHandle, options: StoreFromHandleOptions = {}): Store {
  const { db } = handle;
  const now = options.now ?? (() => new Date());
  const layouts = createLayoutCache(db);
  const definitions = createDefinitionsRepository(db, (app, form) => layouts.invalidate(app, form), (fn) => withIndexDdlLock(db, handle.capabilities, fn));
  const notices = createNoticeChannel(handle);
  const identity = withIdentityNotices(createIdentityRepository(db), notices.publish);
  // Credentials, resolved access and latest form versions, kept per process (see access-cache.ts).
  const cache = createAccessCache(handle, identity, definitions);

  const slotIndexes = createSlotIndexes(db, handle.capabilities, options.onSlotIndex ? { onEvent: options.onSlotIndex } : {});
  const recordsContext = (app: string, form: string): RecordsContext => ({ db, app, form, now, slotIndexes, layout: (atLeastVersion) => layouts.get(app, form, atLeastVersion) });
  const records = (app: string, form: string): RecordsRepository => {
    const ctx = recordsContext(app, form);
    return withRecordNotices(Object.freeze({
      create: async (actor: Actor, access: FormAccess, formVersion: number, input: NewRecord) => (await createRecords(ctx, actor, access, formVersion, [input]))[0]!,
      createMany: (actor, access, formVersion, inputs) => createRecords(ctx, actor, access, formVersion, inputs),
      createManyRefs: (actor, access, formVersion, inputs, options) => createRecordRefs(ctx, actor, access, formVersion, inputs, options),
      get: (access, id) => getRecord(ctx, access, id),
      list: (access, query) => listRecords(ctx, access, query),
      count: (access, filter) => countRecords(ctx, access, filter),
      aggregate: (access, query) => aggregateRecords(ctx, access, query),
      update: (actor, access, id, expectedVersion, patch, formVersion, changes) => updateRecord(ctx, actor, access, id, expectedVersion, patch, formVersion, changes),
      remove: (actor, access, id, expectedVersion) => removeRecord(ctx, actor, access, id, expectedVersion),
      restore: (actor, access, id) => restoreRecord(ctx, actor, access, id),
      bulkUpdate: (actor, access, filter, patch, options) => bulkUpdateRecords(ctx, actor, access, filter, patch, options),
      bulkRemove: (actor, access, filter) => bulkRemoveRecords(ctx, actor, access, filter),
      events: (access, id, page) => recordEvents(ctx, access, id, page),
      comment: (actor, access, id, text) => commentOnRecord(ctx, actor, access, id, text),
      visibleIds: (access, ids, options) => visibleRecordIds(ctx, access, ids, options?.includeDeleted === true),
      findByValues: (access, field, values) => findRecordsByValues(ctx, access, field, values),
    } satisfies RecordsRepository), app, form, notices.publish);
  };

  return Object.freeze({
    dialect: handle.dialect,
    handle,
    definitions: cache.definitions,
    identity: cache.identity,
    publicForms: withPublicFormNotices(createPublicFormsRepository(db, recordsContext), notices.publish),
    records,
    reports: (app: string, form: string) => createReportsRepository(recordsContext(app, form)),
    dashboards: createDashboardsRepository(db),
    views: createSavedViewsRepository(db),
    jobs: createJobsRepository(db, now),
    files: createFilesRepository(db),
    nextSequence: (app: string, form: string, field: string, count: number) => nextSequence(db, app, form, field, count),
    migrate: () => migrate(db),
    slotIndexesSettled: () => slotIndexes.settled(),
    listen: notices.listen,
    publish: notices.publish,
    close: async () => {
      await slotIndexes.close();
      await cache.close();
      await notices.close();
      await handle.close();
    },
  });
}
