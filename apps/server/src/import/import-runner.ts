/**
 * Runs one import job: streams the stored file, and per chunk of rows checks each row with the form
 * engine (the same `prepareNewRecord` a POST uses), finds rows whose match field already exists, then
 * creates, updates or skips, stores rejected rows and checkpoints progress. The permission chokepoint
 * applies: existing records are looked up through `list` under the importer's access, created and
 * updated under it too.
 *
 * A job resumed after its worker died starts after the last checkpointed row. Each half chunk of
 * creates is stored under a batch key, and rows retried one by one under a key per sheet row, so a
 * chunk that was saved just before the crash is not saved twice; its rows may then count as duplicates
 * of themselves (skipped or updated with the same values).
 */
import { autonumberFieldKeys } from '@tangram/engine-form';
import type { FormAction, Problem, RecordView, User } from '@tangram/schema';
import { StoreError, type Actor, type FormAccess, type JobReject, type JobView, type NewRecord, type RecordsRepository, type Store } from '@tangram/store';
import { evaluateForm } from '../records/form-engine';
import { prepareNewRecord } from '../records/prepare-record';
import type { PublishedForm, PublishedForms } from '../records/published-forms';
import { progressOf, type ImportPayload, type ImportProgress } from './import-job';
import { isBlankRow, mappedColumns, rowInput, storableCells, type MappedColumn } from './import-rows';
import { readSheetRows, type SheetRow } from './sheet-reader';

/** Rows per engine pass and per insert statement (the store takes up to 1,000 in one `createMany`). */
export const IMPORT_CHUNK_ROWS = 1000;

/** Chunks a worker may have written past its last checkpoint when it dies (see runImport). */
const UNCHECKPOINTED_CHUNKS = 2;

/** Chunks of at least this many rows are inserted in two halves at once (see saveChunk). */
const SPLIT_FROM_ROWS = 200;

export interface ImportDeps {
  readonly store: Store;
  readonly forms: PublishedForms;
  readonly now: () => Date;
  /** Pushes progress to the job's websocket topic (`job:<id>`), to the importer only. */
  readonly publish: (topic: string, data: unknown, users: readonly string[]) => Promise<void>;
  /** How long a taken job stays with its worker without a checkpoint. */
  readonly leaseMs: number;
}

/** Thrown when the importer may no longer import (role changed, user disabled): the job fails with it. */
export class ImportRefused extends Error {}

interface Chunk {
  readonly rows: SheetRow[];
  readonly inputs: Record<string, unknown>[];
}

export async function runImport(deps: ImportDeps, job: JobView): Promise<ImportProgress> {
  const payload = job.payload as unknown as ImportPayload;
  const { store } = deps;
  const user = job.createdBy ? await store.identity.getUser(job.createdBy) : null;
  if (!user || user.disabled) throw new ImportRefused('the user who started the import can no longer sign in');
  const access = await store.identity.resolveAccess(user, job.app, job.form);
  const needs: FormAction[] = ['import', 'create', ...(payload.onDuplicate === 'update' ? ['update' as const] : [])];
  const missing = needs.find((a) => !access.actions.has(a));
  if (missing) throw new ImportRefused(`the importer may no longer ${missing} in ${job.app}/${job.form}`);
  const form = await deps.forms.latest(job.app, job.form);
  const file = await store.jobs.file(job.id);
  if (!file) throw new ImportRefused('the uploaded file is gone');

  const ctx: ChunkContext = {
    deps, job, payload, user, access, form,
    records: store.records(job.app, job.form),
    actor: { userId: user.id, via: 'user' },
    columns: mappedColumns(form.definition, payload.mapping),
    autonumberFields: autonumberFieldKeys(form.definition),
    warnChecks: (form.definition.checks ?? []).filter((c) => c.severity === 'warn').map((c) => c.id),
  };
  let progress = progressOf(job.progress, payload.totalRows);
  const lastHeaderRow = Math.max(0, ...payload.headerRows);
  let chunk: Chunk = { rows: [], inputs: [] };

  // A run after a worker died may find the first chunks it saves partly saved (see saveChunk, step 3):
  // as many as may be written past the last checkpoint (see saveNext).
  let resumedChunks = job.attempts > 1 ? UNCHECKPOINTED_CHUNKS : 0;
  // The match values the chunk saved last created (see lookAhead).
  let lastCreated: ReadonlySet<string> = new Set();
  // Checkpoints (the chunk's rejected rows and the progress after it) are written in chunk order, each
  // after its chunk's records, while the next chunk is written: on the way, two round trips per chunk
  // held the database idle ~0.5 s of a 100,000-row import.
  let recorded: Promise<void> = Promise.resolve();
  const record = async (saved: SavedChunk) => {
    await store.jobs.checkpoint(job.id, saved.progress, deps.leaseMs, saved.rejects);
    await deps.publish(`job:${job.id}`, { id: job.id, status: 'running', progress: saved.progress }, [user.id]);
  };
  const save = async (checked: CheckedChunk, found: Promise<Map<string, RecordView>> | null) => {
    const saved = await saveChunk(ctx, checked, progress, { resumed: resumedChunks > 0, found, lastCreated });
    progress = saved.progress;
    lastCreated = saved.created;
    resumedChunks = Math.max(0, resumedChunks - 1);
    const before = recorded;
    recorded = before.then(() => record(saved));
    // Awaited below or at the end; until then a failure must not count as unhandled.
    recorded.catch(() => undefined);
    // The next chunk is written once the checkpoint before this one has landed: at most this chunk and
    // the next are written past the last checkpoint (UNCHECKPOINTED_CHUNKS).
    await before;
  };
  // While one chunk is written, the next is read from the file and checked by the form engine: parsing
  // and checking are CPU work here, writing mostly waits on the database, so they overlap. A chunk's
  // writes start only after the previous one is saved; its lookup of duplicates may start before (see
  // lookAhead), and what the previous chunk created is added from memory.
  let pending: Promise<void> = Promise.resolve();
  const saveNext = async (checked: CheckedChunk) => {
    const found = lookAhead(ctx, checked);
    await pending;
    pending = save(checked, found);
    // Awaited at the next boundary; until then a failure must not count as unhandled.
    pending.catch(() => undefined);
  };
  try {
    for await (const row of readSheetRows(file.content, payload.format)) {
      if (row.row <= lastHeaderRow || row.row <= progress.rowsDone || isBlankRow(row.cells)) continue;
      chunk.rows.push(row);
      chunk.inputs.push(rowInput(ctx.columns, row.cells));
      if (chunk.rows.length >= IMPORT_CHUNK_ROWS) {
        const checked = await checkChunk(ctx, chunk);
        chunk = { rows: [], inputs: [] };
        await saveNext(checked);
      }
    }
  } catch (error) {
    // The job is only marked failed once the chunk being saved has settled, so its checkpoint lands first.
    await pending.catch(() => undefined);
    await recorded.catch(() => undefined);
    throw error;
  }
  if (chunk.rows.length > 0) await saveNext(await checkChunk(ctx, chunk));
  await pending;
  await recorded;
  // The total shown before the run was counted without parsing; now it is exact.
  return { ...progress, total: progress.processed };
}

interface ChunkContext {
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
interface CheckedChunk {
  readonly rows: readonly SheetRow[];
  readonly ready: readonly ReadyRow[];
  readonly rejects: JobReject[];
  /** The clock the rows were checked at; updates of this chunk use it too. */
  readonly now: Date;
}

interface ReadyRow { readonly row: SheetRow; readonly input: Record<string, unknown>; readonly record: NewRecord }

function rejectOf(row: SheetRow, problems: readonly Problem[]): JobReject {
  return { row: row.row, cells: storableCells(row.cells), problems };
}

/** 1. Every row through the form engine, as a create. Reads nothing another chunk writes. */
async function checkChunk(ctx: ChunkContext, chunk: Chunk): Promise<CheckedChunk> {
  const { deps, job, access, form } = ctx;
  const firsts = await Promise.all(ctx.autonumberFields.map((f) => deps.store.nextSequence(job.app, job.form, f, chunk.rows.length)));
  const now = deps.now();
  const ready: ReadyRow[] = [];
  const rejects: JobReject[] = [];
  chunk.rows.forEach((row, i) => {
    const autonumbers = Object.fromEntries(ctx.autonumberFields.map((f, k) => [f, firsts[k]! + i]));
    const input = chunk.inputs[i]!;
    const prepared = prepareNewRecord({
      access, user: ctx.user, form, now, autonumbers, basePath: '',
      input: { data: input, confirmedWarnings: ctx.warnChecks },
    });
    if (prepared.ok) ready.push({ row, input, record: prepared.record });
    else rejects.push(rejectOf(row, [...prepared.forbidden, ...prepared.invalid]));
  });
  return { rows: chunk.rows, ready, rejects, now };
}

/**
 * 2 (early). When duplicates are skipped, a chunk's lookup of existing match values starts as soon as it
 * is checked, while the chunk before it is still being saved: what that chunk creates is added from
 * memory (`lastCreated`), and every chunk before it was committed when the lookup starts. Updates need
 * the records as they are after the chunk before, so they look up after it; creating duplicates needs
 * no lookup.
 */
function lookAhead(ctx: ChunkContext, chunk: CheckedChunk): Promise<Map<string, RecordView>> | null {
  const match = ctx.payload.matchField;
  if (!match || ctx.payload.onDuplicate !== 'skip') return null;
  const found = findExisting(ctx, match, chunk.ready.map((r) => r.record.data[match]));
  // Awaited when the chunk is saved; if the save before fails first, this must not count as unhandled.
  found.catch(() => undefined);
  return found;
}

interface SaveOptions {
  /** One of the first chunks of a run that resumed a job (see step 3). */
  readonly resumed: boolean;
  /** The lookup `lookAhead` started, or null to look up now. */
  readonly found: Promise<Map<string, RecordView>> | null;
  /** Match values the chunk before created. */
  readonly lastCreated: ReadonlySet<string>;
}

/** A chunk written: the progress after it, its rejected rows, and the match values it created. */
interface SavedChunk {
  readonly progress: ImportProgress;
  readonly rejects: readonly JobReject[];
  readonly created: ReadonlySet<string>;
}

/** 2–4. Duplicates, creates and updates of a checked chunk; its rejected rows and the progress after it. */
async function saveChunk(ctx: ChunkContext, chunk: CheckedChunk, before: ImportProgress, { resumed, found, lastCreated }: SaveOptions): Promise<SavedChunk> {
  const { job, payload, access, form } = ctx;
  const { ready, rejects, now } = chunk;
  const counts = { created: 0, updated: 0, skipped: 0 };
  const reject = (row: SheetRow, problems: readonly Problem[]) => rejects.push(rejectOf(row, problems));

  // 2. Which rows match a record that exists (or that an earlier row of this chunk creates).
  const match = payload.matchField;
  // "create" creates duplicates too: nothing to look up.
  const lookup = found
    ?? (match && payload.onDuplicate !== 'create' ? findExisting(ctx, match, ready.map((r) => r.record.data[match])) : null);
  const existing = (await lookup) ?? new Map<string, RecordView>();
  const toCreate: ReadyRow[] = [];
  const toUpdate: ReadyRow[] = [];
  const claimed = new Set<string>();
  for (const item of ready) {
    const key = match ? matchKey(item.record.data[match]) : undefined;
    // lastCreated matters when the lookup ran early; otherwise the lookup found those records itself.
    const duplicate = key !== undefined && (existing.has(key) || claimed.has(key) || lastCreated.has(key));
    if (!duplicate || payload.onDuplicate === 'create') {
      toCreate.push(item);
      if (key !== undefined) claimed.add(key);
    } else if (payload.onDuplicate === 'skip') counts.skipped++;
    else toUpdate.push(item);
  }

  // 3. Creates, in two statements run at once on two connections: on PostgreSQL an insert of a
  //    thousand records is mostly the database's CPU and the round trip, and two halves in flight keep
  //    both busy (the import bench measured 8.2k -> 11.5k rows/s). Duplicates were already settled in
  //    memory (`claimed`). PGlite has one connection: there the halves queue.
  //    The halves split the chunk's sheet rows by position, so a resumed job splits a chunk as the run
  //    before it did, and each half is stored with a batch key (`import-<job>-rows-<first row>`): a half
  //    saved just before a worker died is not saved again. One key per half instead of one per record
  //    saved a fifth of the database's work per row (import bench, 10.6k -> 13.3k rows/s). The chunks
  //    a resumed run may find written past its checkpoint also give each record the key the row-by-row
  //    path below gives it.
  //    When a half collides with a record the importer cannot see, with a concurrent write or with the
  //    other half, it is retried row by row, each row with its own key, so only the colliding row is
  //    rejected and a resumed run finds the rows saved before.
  const rowKey = (item: ReadyRow) => `import-${job.id}-${item.row.row}`;
  const keyed = (item: ReadyRow): NewRecord => ({ ...item.record, idempotencyKey: rowKey(item), idempotencyFingerprint: rowKey(item) });
  // A small chunk goes in one statement: halves pay off for big inserts only, and one keeps the sheet's order.
  const splitRow = chunk.rows.length >= SPLIT_FROM_ROWS ? chunk.rows[Math.ceil(chunk.rows.length / 2)]!.row : Infinity;
  const halves = [
    { key: `import-${job.id}-rows-${chunk.rows[0]!.row}`, items: toCreate.filter((item) => item.row.row < splitRow) },
    { key: `import-${job.id}-rows-${splitRow}`, items: toCreate.filter((item) => item.row.row >= splitRow) },
  ];
  const created = new Set<string>();
  const createdRow = (item: ReadyRow) => {
    const key = match ? matchKey(item.record.data[match]) : undefined;
    if (key !== undefined) created.add(key);
  };
  const createHalf = async ({ key, items }: { key: string; items: ReadyRow[] }) => {
    if (items.length === 0) return;
    try {
      const inputs = items.map((item) => (resumed ? keyed(item) : item.record));
      await ctx.records.createManyRefs(ctx.actor, access, form.version, inputs, { batchKey: key });
      counts.created += items.length;
      items.forEach(createdRow);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      for (const item of items) {
        try {
          await ctx.records.create(ctx.actor, access, form.version, keyed(item));
          counts.created++;
          createdRow(item);
        } catch (rowError) {
          if (!(rowError instanceof StoreError)) throw rowError;
          reject(item.row, [storeProblem(rowError)]);
        }
      }
    }
  };
  await Promise.all(halves.map(createHalf));

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

  const progress = {
    total: before.total,
    processed: before.processed + chunk.rows.length,
    created: before.created + counts.created,
    updated: before.updated + counts.updated,
    skipped: before.skipped + counts.skipped,
    rejected: before.rejected + rejects.length,
    rowsDone: chunk.rows[chunk.rows.length - 1]!.row,
  };
  return { progress, rejects, created };
}

function isFormula(form: PublishedForm, key: string): boolean {
  return form.definition.fields.some((f) => f.key === key && f.kind === 'formula');
}

/** Match values compare as their JSON text (phones are already canonical: "13800138000"). */
function matchKey(value: unknown): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : JSON.stringify(value);
}

/** Records (visible to the importer) whose match field holds one of `values`, by match key. */
async function findExisting(ctx: ChunkContext, field: string, values: readonly unknown[]): Promise<Map<string, RecordView>> {
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
