/**
 * The store's public surface, agreed between `store` (implements it) and `server` (calls it).
 * Every read or write of records takes a `FormAccess`: the permission chokepoint lives inside the store,
 * so no caller can list, count, aggregate or export rows it may not see.
 */
import type {
  AppDefinition, AppPermission, DefinitionKind, DefinitionVersion, FormAction, FormDefinition, JsonLogic, Locale, OrgUnit,
  Page, RecordView, RoleDefinition, User,
} from '@tangram/schema';
import type { DatabaseHandle, DialectName } from './database';
import type { DashboardsRepository } from './reports/dashboards-repository';
import type { ReportsRepository } from './reports/reports-repository';
import type { PublicFormsRepository } from './public-forms/public-forms-repository';
import type { SavedViewsRepository } from './views/saved-views-repository';
import type { SlotIndexEvent } from './slot-indexes';

/** Who is acting. `null` userId = the system (rules, imports run by the system, seeding). */
export interface Actor {
  readonly userId: string | null;
  /** For events: 'user' | 'token' | 'public' | 'system'. */
  readonly via: 'user' | 'token' | 'public' | 'system';
}

/**
 * What one user may do in one form, resolved from their roles and memberships.
 * `rowScopes` are OR-ed: a row is visible when any scope admits it. An empty list admits nothing.
 */
export interface FormAccess {
  readonly app: string;
  readonly form: string;
  readonly user: { readonly id: string; readonly orgUnitIds: readonly string[]; readonly isAdmin: boolean } | null;
  readonly actions: ReadonlySet<FormAction>;
  /** Per action, which rows it reaches. */
  readonly rowScopes: Readonly<Partial<Record<FormAction, readonly ResolvedScope[]>>>;
  readonly hiddenFields: ReadonlySet<string>;
  readonly readOnlyFields: ReadonlySet<string>;
  /** field key -> values this user may not write. */
  readonly deniedValues: ReadonlyMap<string, readonly unknown[]>;
}

/** A row scope with the user's context already bound. */
export type ResolvedScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'orgUnits'; readonly orgUnitIds: readonly string[] } // the subtree(s), expanded
  | { readonly kind: 'owner'; readonly userId: string }
  | { readonly kind: 'condition'; readonly condition: JsonLogic };

export interface SortKey { readonly field: string; readonly direction: 'asc' | 'desc' }

export interface ListQuery {
  readonly filter?: JsonLogic;
  /** Field keys or system columns: createdAt, updatedAt, id. Default: createdAt desc. */
  readonly sort?: readonly SortKey[];
  /** 1–500, default 50. */
  readonly limit?: number;
  /** Opaque keyset cursor from a previous page. */
  readonly cursor?: string;
  readonly includeDeleted?: boolean;
}

export type AggregateFn = 'count' | 'countDistinct' | 'sum' | 'avg' | 'min' | 'max' | 'median';
export interface AggregateQuery {
  readonly filter?: JsonLogic;
  /** Field keys; dates may be bucketed. */
  readonly groupBy: readonly { readonly field: string; readonly bucket?: 'day' | 'week' | 'month' | 'quarter' | 'year' }[];
  readonly measures: readonly { readonly fn: AggregateFn; readonly field?: string; readonly as: string }[];
  /** IANA zone in which date buckets are cut. Default Asia/Shanghai. */
  readonly timeZone?: string;
}

export interface NewRecord {
  readonly data: Readonly<Record<string, unknown>>;
  readonly ownerId?: string | null;
  readonly orgUnitId?: string | null;
  /**
   * Retried submissions with the same key (per form and creating user) return the first result instead of
   * a second record; `isReplayedRecord(view)` tells them apart. 1–200 characters.
   */
  readonly idempotencyKey?: string;
  /**
   * What the request behind the key carried (any string; the store keeps its SHA-256). The same key with
   * another fingerprint is ERR_IDEMPOTENCY_KEY_REUSED. Default: the record's data, owner and org unit.
   */
  readonly idempotencyFingerprint?: string;
}

export interface BulkUpdateOptions {
  readonly ownerId?: string;
}

export interface RecordsRepository {
  /** Inserts the record, its `created` event and an outbox entry in one transaction. */
  create(actor: Actor, access: FormAccess, formVersion: number, input: NewRecord): Promise<RecordView>;
  /** Up to 1,000 in one transaction; all or nothing. */
  createMany(actor: Actor, access: FormAccess, formVersion: number, inputs: readonly NewRecord[]): Promise<readonly RecordView[]>;
  /**
   * `createMany` for bulk loads that don't read the records back (import): ids and versions only. With
   * `batchKey`, a batch whose key was used before (per form and creator) stores nothing: `batchReplayed`.
   */
  createManyRefs(actor: Actor, access: FormAccess, formVersion: number, inputs: readonly NewRecord[], options?: CreateRefsOptions): Promise<CreatedRefs>;
  get(access: FormAccess, id: string): Promise<RecordView | null>;
  list(access: FormAccess, query: ListQuery): Promise<Page<RecordView>>;
  count(access: FormAccess, filter?: JsonLogic): Promise<number>;
  aggregate(access: FormAccess, query: AggregateQuery): Promise<readonly Record<string, unknown>[]>;
  /**
   * Throws StoreError ERR_RECORD_STALE when `expectedVersion` is not the stored version. `changes.ownerId`
   * hands the record to another user (the caller checked they may); the event's diff names it `ownerId`.
   */
  update(actor: Actor, access: FormAccess, id: string, expectedVersion: number, patch: Readonly<Record<string, unknown>>, formVersion: number, changes?: RecordSystemChanges): Promise<RecordView>;
  /** Soft delete. */
  remove(actor: Actor, access: FormAccess, id: string, expectedVersion?: number): Promise<void>;
  restore(actor: Actor, access: FormAccess, id: string): Promise<RecordView>;
  /**
   * A filter is required: an empty filter is refused with ERR_BULK_WITHOUT_FILTER. Returns rows changed.
   * `ownerId` hands the rows to another user (the caller checks the `assign` action first).
   */
  bulkUpdate(actor: Actor, access: FormAccess, filter: JsonLogic, patch: Readonly<Record<string, unknown>>, options?: BulkUpdateOptions): Promise<number>;
  bulkRemove(actor: Actor, access: FormAccess, filter: JsonLogic): Promise<number>;
  /** Record history, changes and comments: all of it oldest first, or a page of it newest first. */
  events(access: FormAccess, id: string, page?: EventPage): Promise<readonly RecordEvent[]>;
  /** A comment on a record the caller may read: a `commented` event (the record's version is unchanged). */
  comment(actor: Actor, access: FormAccess, id: string, text: string): Promise<RecordEvent>;
  /** Which of `ids` the access may read (deleted ones too with `includeDeleted`): one query for a whole batch. */
  visibleIds(access: FormAccess, ids: readonly string[], options?: { readonly includeDeleted?: boolean }): Promise<readonly string[]>;
  /** Readable records whose `field` holds one of up to 1,000 `values`, oldest first (imports find existing rows). */
  findByValues(access: FormAccess, field: string, values: readonly unknown[]): Promise<readonly RecordView[]>;
}

/** What a committed record write did, as its notice names it. */
export type RecordChange = 'created' | 'updated' | 'deleted' | 'restored';

/**
 * What one server process tells every other process on the same database (PostgreSQL NOTIFY on one
 * channel; PGlite in-process). Small by design: ids and versions, never field values.
 * - records: a committed write; `records` null is a summary (a bulk change, or too many ids to list).
 * - topic: a message for a realtime topic (job progress), for the named users only when `users` is set.
 * - userDisabled / sessionEnded: cut that user's or that session's live connections.
 */
export type StoreNotice =
  | { readonly kind: 'records'; readonly app: string; readonly form: string; readonly change: RecordChange; readonly records: readonly { readonly id: string; readonly version: number | null }[] | null }
  | { readonly kind: 'topic'; readonly topic: string; readonly data: unknown; readonly users: readonly string[] | null }
  | { readonly kind: 'userDisabled'; readonly userId: string }
  | { readonly kind: 'sessionEnded'; readonly sessionHash: string };

export interface ListenOptions {
  /** Called after the listening connection was lost and re-established: notices may have been missed. */
  readonly onGap?: () => void;
}

/** A page of a record's history, newest first: events older than the event id `before`, at most `limit` (1–500). */
export interface EventPage {
  readonly before?: string;
  readonly limit: number;
}

/** System columns an update may change besides the data. */
export interface RecordSystemChanges {
  readonly ownerId?: string;
}

/** The diff key under which an owner change is journalled (field keys are lowercase, so none is `ownerId`). */
export const OWNER_DIFF_KEY = 'ownerId';

export interface RecordEvent {
  readonly id: string;
  readonly recordId: string;
  readonly kind: 'created' | 'updated' | 'deleted' | 'restored' | 'resubmitted' | 'commented';
  readonly actorId: string | null;
  readonly via: Actor['via'];
  /** field key -> [before, after] */
  readonly diff: Readonly<Record<string, readonly [unknown, unknown]>>;
  /** The text of a `commented` event; null for every other kind. */
  readonly comment: string | null;
  readonly at: string;
}

/** An uploaded file's metadata (its bytes are fetched apart). */
export interface StoredFile {
  readonly id: string;
  readonly app: string;
  readonly form: string;
  /** The file field it was uploaded for. */
  readonly field: string;
  readonly name: string;
  /** The type found in the content, not the one the client claimed. */
  readonly mime: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploadedBy: string | null;
  /** The record that first referenced it; null until then. */
  readonly recordId: string | null;
  /**
   * The Idempotency-Key of the create that made that record, when its uploader made it: a retry of that
   * same create may name the file again (and gets the first record back).
   */
  readonly recordIdempotencyKey: string | null;
  readonly createdAt: string;
  readonly hasThumbnail: boolean;
}

export interface NewFile {
  readonly app: string;
  readonly form: string;
  readonly field: string;
  readonly name: string;
  readonly mime: string;
  readonly content: Uint8Array;
  readonly thumbnail?: Uint8Array | null;
  readonly uploadedBy: string | null;
}

/** Uploaded files (see files/files-repository.ts); permissions are the server's. */
export interface FilesRepository {
  create(input: NewFile): Promise<StoredFile>;
  get(id: string): Promise<StoredFile | null>;
  getMany(ids: readonly string[]): Promise<readonly StoredFile[]>;
  content(id: string): Promise<Uint8Array | null>;
  thumbnail(id: string): Promise<Uint8Array | null>;
  setThumbnail(id: string, thumbnail: Uint8Array): Promise<void>;
  /** Links the files no record holds yet to `recordId`. */
  attach(ids: readonly string[], recordId: string): Promise<void>;
  /** Deletes the user's uploads that no record took, made before `before`; returns how many. */
  removeUnattached(uploadedBy: string, before: Date): Promise<number>;
}

export interface DefinitionsRepository {
  listApps(): Promise<readonly (AppDefinition & { id: string })[]>;
  getApp(key: string): Promise<(AppDefinition & { id: string }) | null>;
  createApp(actor: Actor, app: AppDefinition): Promise<AppDefinition & { id: string }>;
  /** Drafts and latest published, per key. */
  list(app: string, kind: DefinitionKind): Promise<readonly DefinitionVersion[]>;
  getDraft(app: string, kind: DefinitionKind, key: string): Promise<DefinitionVersion | null>;
  getPublished(app: string, kind: DefinitionKind, key: string, version?: number): Promise<DefinitionVersion | null>;
  /** The number of the latest published version, without its body (every record write asks this). */
  latestPublishedVersion(app: string, kind: DefinitionKind, key: string): Promise<number | null>;
  saveDraft(actor: Actor, app: string, kind: DefinitionKind, key: string, body: unknown): Promise<DefinitionVersion>;
  /** Copies the draft into a new immutable version; for forms also maps fields to storage and creates indexes. */
  publish(actor: Actor, app: string, kind: DefinitionKind, key: string, note?: string): Promise<DefinitionVersion>;
}

export interface IdentityRepository {
  countUsers(): Promise<number>;
  createUser(input: { email: string; name: string; passwordHash: string; locale: Locale; isAdmin: boolean }): Promise<User>;
  /** Creates the user only while no user exists, atomically (first-run setup); null when one already exists. */
  createFirstUser(input: { email: string; name: string; passwordHash: string; locale: Locale; isAdmin: boolean }): Promise<User | null>;
  findUserByEmail(email: string): Promise<(User & { passwordHash: string }) | null>;
  getUser(id: string): Promise<User | null>;
  /** Every user, by email. */
  listUsers(): Promise<readonly User[]>;
  setUserDisabled(id: string, disabled: boolean): Promise<void>;
  /** Sessions and tokens are stored as SHA-256 hashes of the secret. Lookups ignore disabled users. */
  createSession(userId: string, tokenHash: string, expiresAt: Date): Promise<void>;
  findSessionUser(tokenHash: string, now: Date): Promise<User | null>;
  deleteSession(tokenHash: string): Promise<void>;
  createApiToken(userId: string, name: string, tokenHash: string): Promise<{ id: string }>;
  findTokenUser(tokenHash: string): Promise<User | null>;
  createOrgUnit(unit: Omit<OrgUnit, 'id'> & { id?: string }): Promise<OrgUnit>;
  listOrgUnits(): Promise<readonly OrgUnit[]>;
  saveRole(app: string, role: RoleDefinition): Promise<void>;
  listRoles(app: string): Promise<readonly RoleDefinition[]>;
  /** A user holds a role in an app at an org unit. */
  addMembership(input: { userId: string; app: string; role: string; orgUnitId: string | null }): Promise<void>;
  /** The app permissions a user's roles in that app grant (admins hold all of them). */
  appPermissions(user: User, app: string): Promise<readonly AppPermission[]>;
  /** Resolves roles + memberships + org tree into the access for one form. Admins get everything. */
  resolveAccess(user: User | null, app: string, form: string): Promise<FormAccess>;
}

export type JobStatus = 'draft' | 'queued' | 'running' | 'done' | 'failed';

/** A background job (an import): what it was asked to do, how far it got. */
export interface JobView {
  readonly id: string;
  readonly kind: string;
  readonly app: string;
  readonly form: string;
  readonly createdBy: string | null;
  readonly status: JobStatus;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly progress: Readonly<Record<string, unknown>>;
  readonly error: string | null;
  /** How many times a worker took it (more than 1: it was resumed after a worker stopped). */
  readonly attempts: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
}

export interface JobFile { readonly name: string; readonly content: Uint8Array }

export interface NewJob {
  readonly kind: string;
  readonly app: string;
  readonly form: string;
  readonly createdBy: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  /** The job's input (an uploaded spreadsheet), kept until the job is deleted. */
  readonly file?: JobFile;
}

/** One input row a job could not use: its cells as read and what was wrong with them. */
export interface JobReject {
  readonly row: number;
  readonly cells: readonly unknown[];
  readonly problems: readonly { readonly path: string; readonly code: string; readonly params?: Readonly<Record<string, unknown>> }[];
}

/** Jobs run by workers with leases (`FOR UPDATE SKIP LOCKED`); see `jobs/jobs-repository.ts`. */
export interface JobsRepository {
  /** A job in status `draft` (uploaded, not started), with its file. */
  create(input: NewJob): Promise<JobView>;
  get(id: string): Promise<JobView | null>;
  file(id: string): Promise<JobFile | null>;
  /** Replaces a draft's payload; ERR_CONFLICT once it has started. */
  update(id: string, payload: Readonly<Record<string, unknown>>): Promise<JobView>;
  /** draft -> queued with its final payload; ERR_CONFLICT when it was already queued. */
  queue(id: string, payload: Readonly<Record<string, unknown>>): Promise<JobView>;
  /** Takes the oldest queued job, or a running one whose lease expired; null when none. */
  claim(kinds: readonly string[], leaseMs: number): Promise<JobView | null>;
  /** Saves progress with the rows rejected since the last checkpoint, and renews the lease. A row already stored for this job is kept as it was. */
  checkpoint(id: string, progress: Readonly<Record<string, unknown>>, leaseMs: number, rejects?: readonly JobReject[]): Promise<void>;
  finish(id: string, status: 'done' | 'failed', progress: Readonly<Record<string, unknown>>, error?: string): Promise<void>;
  /** Rejected rows after `afterRow`, in row order. */
  rejects(id: string, afterRow: number, limit: number): Promise<readonly JobReject[]>;
}

export interface Store {
  readonly dialect: DialectName;
  readonly definitions: DefinitionsRepository;
  readonly identity: IdentityRepository;
  /** Forms offered to the public through a share link (lead capture). */
  readonly publicForms: PublicFormsRepository;
  /** Records of one app's form. */
  records(app: string, form: string): RecordsRepository;
  /** Reports over one app's form: aggregates and funnels under the caller's read scope. */
  reports(app: string, form: string): ReportsRepository;
  /** Saved list views (filter, sort, columns, layout) of forms, personal or shared. */
  readonly views: SavedViewsRepository;
  /** Dashboards of an app (definitions of kind 'dashboard'). */
  readonly dashboards: DashboardsRepository;
  /**
   * Reserves `count` consecutive numbers of a form field's sequence (auto-numbers); returns the first.
   * Blocks never overlap, even across processes.
   */
  nextSequence(app: string, form: string, field: string, count: number): Promise<number>;
  /**
   * Receives every notice any process publishes on this database, this one included. Record writes
   * publish their own after they commit. Resolves once listening; call the result to stop.
   */
  listen(handler: (notice: StoreNotice) => void, options?: ListenOptions): Promise<() => Promise<void>>;
  /** Sends a notice to every listener (at most once; a notice published while nobody listens is gone). */
  publish(notice: StoreNotice): Promise<void>;
  /** Background jobs (imports). */
  readonly jobs: JobsRepository;
  /** Uploaded files (attachments of file fields). */
  readonly files: FilesRepository;
  /** The underlying database (for the job worker, LISTEN/NOTIFY and benches). */
  readonly handle: DatabaseHandle;
  /** Resolves once the slot indexes lists asked for are built (or failed); benches wait for it. */
  slotIndexesSettled(): Promise<void>;
  /** Applies pending migrations; idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** A record `createManyRefs` made, or that an earlier request with the same idempotency key made (replayed). */
export interface CreatedRef { readonly id: string; readonly version: number; readonly replayed: boolean }
export interface CreateRefsOptions { readonly batchKey?: string }
export interface CreatedRefs { readonly records: readonly CreatedRef[]; readonly batchReplayed: boolean }

export interface CreateStoreOptions {
  /** postgres://… ; absent means embedded PGlite. */
  readonly databaseUrl?: string;
  /** PGlite data directory (default in memory). */
  readonly dataDir?: string;
  /** PGlite's buffer pool, e.g. "512MB" (see `PGLITE_DATA_DIR_BUFFERS`); absent: PGlite's 128MB. */
  readonly pgliteBuffers?: string;
  /** Hears how each background slot-index build ended (the server logs failures). */
  readonly onSlotIndex?: (event: SlotIndexEvent) => void;
}
