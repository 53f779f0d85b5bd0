/**
 * Writes one checked chunk of an import (steps 2–4 of import-runner.ts): settles which rows duplicate a
 * record that exists, a row before them in the chunk, or a row a chunk still being written creates;
 * then creates, updates or skips them, and answers with the chunk's counts and rejected rows.
 *
 * A chunk's creates are stored under a batch key, and rows retried one by one under a key per sheet row,
 * so a chunk written just before a worker died is not stored twice when the job resumes; its rows may
 * then count as duplicates of themselves (skipped or updated with the same values).
 */
import type { Problem, RecordView, User } from '@tangram/schema';
import { StoreError, type Actor, type FormAccess, type JobReject, type JobView, type NewRecord, type RecordsRepository } from '@tangram/store';
import { evaluateForm } from '../records/form-engine';
import type { PublishedForm } from '../records/published-forms';
import type { ImportDeps } from './import-runner';
import type { ImportPayload, ImportProgress } from './import-job';
import { storableCells, type MappedColumn } from './import-rows';
import type { SheetRow } from './sheet-reader';

/** Where a job splits chunks (`ImportPayload.splitChunks`), a chunk of this many rows or more is inserted in two halves at once. */
const SPLIT_FROM_ROWS = 200;

export interface ChunkContext {
  readonly deps: ImportDeps;
  readonly job: JobView;
  readonly payload: ImportPayload;
  readonly user: User;
  readonly access: FormAccess;
  readonly form: PublishedForm;
  readonly records: RecordsRepository;
  readonly actor: Actor;
  readonly columns: readonly MappedColumn[];
  readonly autonumberFields: readonly string[];
  /** Imports confirm the form's warnings: nobody is there to answer them row by row. */
  readonly warnChecks: readonly string[];
}

/** A chunk after the form engine: rows ready to store, and the rows it refused. */
export interface CheckedChunk {
  readonly rows: readonly SheetRow[];
  readonly ready: readonly ReadyRow[];
  readonly rejects: JobReject[];
  /** The clock the rows were checked at; updates of this chunk use it too. */
  readonly now: Date;
}

export interface ReadyRow { readonly row: SheetRow; readonly input: Record<string, unknown>; readonly record: NewRecord }

export function rejectOf(row: SheetRow, problems: readonly Problem[]): JobReject {
  return { row: row.row, cells: storableCells(row.cells), problems };
}

/** A chunk on its way to the database. */
export interface ChunkWrite {
  /** Match values of the rows it creates, once its duplicates are settled. */
  readonly planned: Promise<ReadonlySet<string>>;
  /** Match values it created, once its creates are written. */
  readonly written: Promise<ReadonlySet<string>>;
  /** Its counts and rejected rows, once all of it is written. */
  readonly saved: Promise<SavedChunk>;
}

export interface SaveOptions {
  /** One of the first chunks of a run that resumed a job (see step 3). */
  readonly resumed: boolean;
  /** The lookup `lookAhead` started, or null to look up now. */
  readonly found: Promise<Map<string, RecordView>> | null;
  /** The chunks before it that were still being written when it was checked. */
  readonly earlier: readonly ChunkWrite[];
  /** When this chunk's creates may be sent: the checkpoint of the chunk two before it has landed. */
  readonly landed: Promise<void>;
}

/** A chunk written: its counts and rejected rows. */
export interface SavedChunk {
  readonly processed: number;
  readonly created: number;
  readonly updated: number;
  readonly skipped: number;
  readonly rejects: readonly JobReject[];
  readonly lastRow: number;
}

export function addCounts(progress: ImportProgress, saved: SavedChunk): ImportProgress {
  return {
    total: progress.total,
    processed: progress.processed + saved.processed,
    created: progress.created + saved.created,
    updated: progress.updated + saved.updated,
    skipped: progress.skipped + saved.skipped,
    rejected: progress.rejected + saved.rejects.length,
    rowsDone: saved.lastRow,
  };
}

export function startChunkWrite(ctx: ChunkContext, chunk: CheckedChunk, options: SaveOptions): ChunkWrite {
  const planned = deferred<ReadonlySet<string>>();
  const written = deferred<ReadonlySet<string>>();
  const saved = saveChunk(ctx, chunk, options, { planned: planned.resolve, written: written.resolve });
  // A chunk that fails before a milestone fails the chunks waiting on it too.
  saved.catch((error: unknown) => {
    planned.reject(error);
    written.reject(error);
  });
  return { planned: planned.promise, written: written.promise, saved };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Awaited only by the chunk after; the chunk's own failure is reported through `saved`.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** 2–4. Duplicates, creates and updates of a checked chunk; its counts and rejected rows. */
async function saveChunk(
  ctx: ChunkContext, chunk: CheckedChunk, { resumed, found, earlier, landed }: SaveOptions,
  milestones: { planned: (keys: ReadonlySet<string>) => void; written: (keys: ReadonlySet<string>) => void },
): Promise<SavedChunk> {
  const { job, payload, access, form } = ctx;
  const { ready, rejects, now } = chunk;
  const counts = { created: 0, updated: 0, skipped: 0 };
  const reject = (row: SheetRow, problems: readonly Problem[]) => rejects.push(rejectOf(row, problems));

  // 2. Which rows match a record that exists, one an earlier row of this chunk creates, or (when the
  //    lookup ran early) one a chunk still being written creates. Updates need those chunks written.
  const match = payload.matchField;
  if (payload.onDuplicate === 'update') await Promise.all(earlier.map((c) => c.saved));
  // "create" creates duplicates too: nothing to look up.
  const lookup = found
    ?? (match && payload.onDuplicate !== 'create' ? findExisting(ctx, match, ready.map((r) => r.record.data[match])) : null);
  const existing = (await lookup) ?? new Map<string, RecordView>();
  const creating = found ? await Promise.all(earlier.map((c) => c.planned)) : [];
  const toCreate: ReadyRow[] = [];
  const toUpdate: ReadyRow[] = [];
  // Rows repeating a row still being created: duplicates if it is created, see below.
  const repeats: ReadyRow[] = [];
  const claimed = new Set<string>();
  for (const item of ready) {
    const key = match ? matchKey(item.record.data[match]) : undefined;
    if (key === undefined || payload.onDuplicate === 'create' || !(existing.has(key) || claimed.has(key) || creating.some((set) => set.has(key)))) {
      toCreate.push(item);
      if (key !== undefined) claimed.add(key);
    } else if (payload.onDuplicate === 'update') toUpdate.push(item);
    else if (existing.has(key)) counts.skipped++;
    else repeats.push(item);
  }
  milestones.planned(claimed);
  await landed;

  // 3. Creates, in one statement stored with a batch key (`import-<job>-rows-<first row>`): a chunk
  //    saved just before a worker died is not saved again. One key per statement instead of one per
  //    record saved a fifth of the database's work per row (import bench, 10.6k -> 13.3k rows/s).
  //    Duplicates were already settled in memory (`claimed`). The chunks a resumed run may find written
  //    past its checkpoint also give each record the key the row-by-row path below gives it.
  //    Jobs queued before chunks overlapped split a chunk's creates into two statements at once, on two
  //    connections, to keep both cores of the database busy (8.2k -> 11.5k rows/s then); with the next
  //    chunk's creates sent while these run, one statement per chunk does that with half the statements
  //    (21.3k -> 22.3k rows/s). The halves split the chunk's sheet rows by position, each with its own
  //    key, so such a job, resumed, splits a chunk as the run before it did.
  //    When a statement collides with a record the importer cannot see, with a concurrent write or with
  //    another chunk's, it is retried row by row, each row with its own key, so only the colliding row
  //    is rejected and a resumed run finds the rows saved before.
  const rowKey = (item: ReadyRow) => `import-${job.id}-${item.row.row}`;
  const keyed = (item: ReadyRow): NewRecord => ({ ...item.record, idempotencyKey: rowKey(item), idempotencyFingerprint: rowKey(item) });
  const batchKey = (firstRow: number) => `import-${job.id}-rows-${firstRow}`;
  // A small chunk went in one statement even then: halves paid off for big inserts only.
  const splitRow = payload.splitChunks !== false && chunk.rows.length >= SPLIT_FROM_ROWS ? chunk.rows[Math.ceil(chunk.rows.length / 2)]!.row : undefined;
  const parts = splitRow === undefined
    ? [{ key: batchKey(chunk.rows[0]!.row), items: toCreate }]
    : [
      { key: batchKey(chunk.rows[0]!.row), items: toCreate.filter((item) => item.row.row < splitRow) },
      { key: batchKey(splitRow), items: toCreate.filter((item) => item.row.row >= splitRow) },
    ];
  const created = new Set<string>();
  const createdRow = (item: ReadyRow) => {
    const key = match ? matchKey(item.record.data[match]) : undefined;
    if (key !== undefined) created.add(key);
  };
  const createPart = async ({ key, items }: { key: string; items: ReadyRow[] }) => {
    if (items.length === 0) return;
    try {
      const inputs = items.map((item) => (resumed ? keyed(item) : item.record));
      await ctx.records.createManyRefs(ctx.actor, access, form.version, inputs, { batchKey: key });
      counts.created += items.length;
      items.forEach(createdRow);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      for (const item of items) await createOne(item);
    }
  };
  const createOne = async (item: ReadyRow) => {
    try {
      await ctx.records.create(ctx.actor, access, form.version, keyed(item));
      counts.created++;
      createdRow(item);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      reject(item.row, [storeProblem(error)]);
    }
  };
  await Promise.all(parts.map(createPart));
  // A row repeating one that was refused is no duplicate after all: it is created on its own.
  if (repeats.length > 0) {
    const createdBefore = await Promise.all(earlier.map((c) => c.written));
    for (const item of repeats) {
      const key = matchKey(item.record.data[match!])!;
      if (created.has(key) || createdBefore.some((set) => set.has(key))) counts.skipped++;
      else await createOne(item);
    }
  }
  milestones.written(created);

  // 4. Updates, one record at a time (each is checked against the record it changes).
  if (toUpdate.length > 0) {
    const current = await findExisting(ctx, match!, toUpdate.map((u) => u.record.data[match!]));
    for (const item of toUpdate) {
      const target = current.get(matchKey(item.record.data[match!])!);
      if (!target) {
        counts.skipped++;
        continue;
      }
      const result = evaluateForm(form.definition, item.input, {
        mode: 'update', previous: target.data, now, confirmedWarnings: ctx.warnChecks,
        user: { id: ctx.user.id, orgUnitIds: access.user?.orgUnitIds ?? [] },
      });
      if (!result.ok) {
        reject(item.row, result.problems);
        continue;
      }
      const patch = Object.fromEntries(Object.entries(result.data).filter(([key]) => Object.hasOwn(item.input, key) || isFormula(form, key)));
      try {
        const updated = await ctx.records.update(ctx.actor, access, target.id, target.version, patch, form.version);
        current.set(matchKey(item.record.data[match!])!, updated);
        counts.updated++;
      } catch (error) {
        if (!(error instanceof StoreError)) throw error;
        reject(item.row, [storeProblem(error)]);
      }
    }
  }

  return { processed: chunk.rows.length, ...counts, rejects, lastRow: chunk.rows[chunk.rows.length - 1]!.row };
}

function isFormula(form: PublishedForm, key: string): boolean {
  return form.definition.fields.some((f) => f.key === key && f.kind === 'formula');
}

/** Match values compare as their JSON text (phones are already canonical: "13800138000"). */
function matchKey(value: unknown): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : JSON.stringify(value);
}

/** Records (visible to the importer) whose match field holds one of `values`, by match key. */
export async function findExisting(ctx: ChunkContext, field: string, values: readonly unknown[]): Promise<Map<string, RecordView>> {
  const distinct = [...new Set(values.filter((v) => matchKey(v) !== undefined))];
  const found = new Map<string, RecordView>();
  for (const record of await ctx.records.findByValues(ctx.access, field, distinct)) {
    const key = matchKey(record.data[field]);
    // The oldest record with the value is the one a duplicate row updates.
    if (key !== undefined && !found.has(key)) found.set(key, record);
  }
  return found;
}

function storeProblem(error: StoreError): Problem {
  if (error.code === 'ERR_UNIQUE_VIOLATION') return { path: error.path ?? '/data', code: 'alreadyExists', params: error.params };
  return { path: error.path ?? '/data', code: error.code, params: error.params };
}
