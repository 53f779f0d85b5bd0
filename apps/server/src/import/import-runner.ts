/**
 * Runs one import job: streams the stored file, and per chunk of rows checks each row with the form
 * engine (the same `prepareNewRecord` a POST uses), then hands the chunk to chunk-write.ts, which finds
 * rows whose match field already exists and creates, updates or skips. Rejected rows are stored with the
 * checkpoint of their chunk's progress. The permission chokepoint applies: existing records are looked
 * up under the importer's access, created and updated under it too.
 *
 * Reading and checking are CPU work here, writing is mostly the database's: while chunks are written,
 * the next is read and checked, and a chunk's creates are sent while the chunk before it is still being
 * written, so the database has its next statement waiting (waiting for each chunk to finish first left
 * it idle while the next was prepared, ~6 ms of every ~45). Checkpoints are written in chunk order, each
 * once its chunk is written, off that path (on it, two round trips a chunk held the database idle
 * ~0.5 s of a 100,000-row import). At most two chunks send creates at once: a chunk's creates wait for the
 * checkpoint of the chunk two before it.
 *
 * A job resumed after its worker died starts after the last checkpointed row, so it may find the two
 * chunks after it (UNCHECKPOINTED_CHUNKS) partly written; chunk-write.ts keys what it stores so that
 * nothing is stored twice.
 */
import { autonumberFieldKeys } from '@tangram/engine-form';
import type { FormAction, RecordView } from '@tangram/schema';
import type { JobReject, JobView, Store } from '@tangram/store';
import { prepareNewRecord } from '../records/prepare-record';
import type { PublishedForms } from '../records/published-forms';
import { addCounts, findExisting, rejectOf, startChunkWrite, type CheckedChunk, type ChunkContext, type ChunkWrite, type ReadyRow, type SavedChunk } from './chunk-write';
import { progressOf, type ImportPayload, type ImportProgress } from './import-job';
import { isBlankRow, mappedColumns, rowInput } from './import-rows';
import { readSheetRows, type SheetRow } from './sheet-reader';

/** Rows per engine pass and per insert statement (the store takes up to 1,000 in one `createMany`). */
export const IMPORT_CHUNK_ROWS = 1000;

/** Chunks a worker may have written past its last checkpoint when it dies (see runImport). */
const UNCHECKPOINTED_CHUNKS = 2;

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
  const resumeAfterRow = progress.rowsDone;
  const lastHeaderRow = Math.max(0, ...payload.headerRows);
  let chunk: Chunk = { rows: [], inputs: [] };

  // A run after a worker died may find the first chunks it writes partly written.
  let resumedChunks = job.attempts > 1 ? UNCHECKPOINTED_CHUNKS : 0;
  // The checkpoints: each chunk's rejected rows and the progress after it, in chunk order; and the chain
  // as it was before the last chunk started (what the next chunk's creates wait for).
  let recorded: Promise<void> = Promise.resolve();
  let recordedBeforeLast: Promise<void> = Promise.resolve();
  const record = async (saved: SavedChunk) => {
    progress = addCounts(progress, saved);
    const after = progress;
    await store.jobs.checkpoint(job.id, after, deps.leaseMs, saved.rejects);
    await deps.publish(`job:${job.id}`, { id: job.id, status: 'running', progress: after }, [user.id]);
  };
  // Chunks not yet written, oldest first.
  const writing: ChunkWrite[] = [];
  const saveNext = async (checked: CheckedChunk) => {
    const write = startChunkWrite(ctx, checked, {
      resumed: resumedChunks > 0,
      found: lookAhead(ctx, checked),
      earlier: [...writing],
      landed: recordedBeforeLast,
    });
    resumedChunks = Math.max(0, resumedChunks - 1);
    recordedBeforeLast = recorded;
    writing.push(write);
    write.saved.then(() => writing.splice(writing.indexOf(write), 1), () => undefined);
    const prior = recorded;
    recorded = (async () => {
      const saved = await write.saved;
      await prior;
      await record(saved);
    })();
    // Awaited at the next boundary or at the end; until then a failure must not count as unhandled.
    recorded.catch(() => undefined);
    // The next chunk is read while at most this one and the one before it are being written.
    if (writing.length > 2) await writing[0]!.saved;
  };
  try {
    for await (const row of readSheetRows(file.content, payload.format)) {
      if (row.row <= lastHeaderRow || row.row <= resumeAfterRow || isBlankRow(row.cells)) continue;
      chunk.rows.push(row);
      chunk.inputs.push(rowInput(ctx.columns, row.cells));
      if (chunk.rows.length >= IMPORT_CHUNK_ROWS) {
        const checked = await checkChunk(ctx, chunk);
        chunk = { rows: [], inputs: [] };
        await saveNext(checked);
      }
    }
    if (chunk.rows.length > 0) await saveNext(await checkChunk(ctx, chunk));
    await recorded;
  } catch (error) {
    // The job is only marked failed once the chunks being written have settled, so their checkpoints
    // land first.
    await Promise.allSettled(writing.map((w) => w.saved));
    await recorded.catch(() => undefined);
    throw error;
  }
  // The total shown before the run was counted without parsing; now it is exact.
  return { ...progress, total: progress.processed };
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
 * is checked, while the chunk before it is still being written: what that chunk creates is added from
 * memory (see saveChunk, step 2), and every chunk before it was written when the lookup starts. Updates
 * need the records as they are after the chunk before, so they look up after it; creating duplicates
 * needs no lookup.
 */
function lookAhead(ctx: ChunkContext, chunk: CheckedChunk): Promise<Map<string, RecordView>> | null {
  const match = ctx.payload.matchField;
  if (!match || ctx.payload.onDuplicate !== 'skip') return null;
  const found = findExisting(ctx, match, chunk.ready.map((r) => r.record.data[match]));
  // Awaited when the chunk is saved; if the save before fails first, this must not count as unhandled.
  found.catch(() => undefined);
  return found;
}
