/**
 * Background jobs: a row per job with its input file, progress and rejected rows. Workers take a job
 * with `FOR UPDATE SKIP LOCKED` and hold it by a lease they renew at every checkpoint; a job whose lease
 * ran out (its process died) is taken again and resumes from its last checkpoint.
 *
 *   const job = await store.jobs.create({ kind: 'import', app: 'crm', form: 'lead', createdBy: u, payload, file });
 *   await store.jobs.queue(job.id, payload);
 *   const taken = await store.jobs.claim(['import'], 60_000);       // null when nothing is runnable
 *   await store.jobs.checkpoint(taken.id, { processed: 500 }, 60_000, rejectedRows);
 *   await store.jobs.finish(taken.id, 'done', { processed: 1000 });
 */
import { sql, type Kysely } from 'kysely';
import type { JobFile, JobReject, JobsRepository, JobStatus, JobView, NewJob } from '../api';
import { StoreError } from '../errors';
import { toIso, toIsoOrNull } from '../sql-util';

interface JobRow {
  id: string | number;
  kind: string;
  app: string;
  form: string;
  created_by: string | null;
  status: JobStatus;
  payload: Record<string, unknown>;
  progress: Record<string, unknown>;
  error: string | null;
  attempts: number;
  created_at: Date | string;
  updated_at: Date | string;
  finished_at: Date | string | null;
}

function toView(row: JobRow): JobView {
  return Object.freeze({
    id: String(row.id),
    kind: row.kind,
    app: row.app,
    form: row.form,
    createdBy: row.created_by,
    status: row.status,
    payload: row.payload,
    progress: row.progress,
    error: row.error,
    attempts: Number(row.attempts),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    finishedAt: toIsoOrNull(row.finished_at),
  });
}

const ID = /^[1-9][0-9]{0,17}$/;
const COLUMNS = sql`id, kind, app, form, created_by, status, payload, progress, error, attempts, created_at, updated_at, finished_at`;

export function createJobsRepository(db: Kysely<any>, now: () => Date): JobsRepository {
  const leaseEnd = (leaseMs: number) => new Date(now().getTime() + leaseMs);

  return Object.freeze({
    async create(input: NewJob): Promise<JobView> {
      return db.transaction().execute(async (trx) => {
        const { rows } = await sql<JobRow>`
          insert into jobs (kind, app, form, created_by, status, payload, created_at, updated_at)
          values (${input.kind}, ${input.app}, ${input.form}, ${input.createdBy}, 'draft', ${JSON.stringify(input.payload)}::jsonb, ${now()}, ${now()})
          returning ${COLUMNS}`.execute(trx);
        const job = rows[0]!;
        if (input.file) {
          await sql`insert into job_files (job_id, name, content) values (${job.id}, ${input.file.name}, ${input.file.content})`.execute(trx);
        }
        return toView(job);
      });
    },

    async get(id: string): Promise<JobView | null> {
      if (!ID.test(id)) return null;
      const { rows } = await sql<JobRow>`select ${COLUMNS} from jobs where id = ${id}`.execute(db);
      return rows[0] ? toView(rows[0]) : null;
    },

    async file(id: string): Promise<JobFile | null> {
      if (!ID.test(id)) return null;
      const { rows } = await sql<{ name: string; content: Uint8Array }>`select name, content from job_files where job_id = ${id}`.execute(db);
      return rows[0] ? { name: rows[0].name, content: rows[0].content } : null;
    },

    async update(id: string, payload: Readonly<Record<string, unknown>>): Promise<JobView> {
      const { rows } = await sql<JobRow>`
        update jobs set payload = ${JSON.stringify(payload)}::jsonb, updated_at = ${now()}
        where id = ${id} and status = 'draft' returning ${COLUMNS}`.execute(db);
      if (!rows[0]) throw new StoreError('ERR_CONFLICT', `job ${id} has already started`, { params: { id } });
      return toView(rows[0]);
    },

    async queue(id: string, payload: Readonly<Record<string, unknown>>): Promise<JobView> {
      const { rows } = await sql<JobRow>`
        update jobs set status = 'queued', payload = ${JSON.stringify(payload)}::jsonb, updated_at = ${now()}
        where id = ${id} and status = 'draft' returning ${COLUMNS}`.execute(db);
      if (!rows[0]) throw new StoreError('ERR_CONFLICT', `job ${id} has already started`, { params: { id } });
      return toView(rows[0]);
    },

    async claim(kinds: readonly string[], leaseMs: number): Promise<JobView | null> {
      if (kinds.length === 0) return null;
      // Queued jobs, and running ones whose worker stopped renewing its lease (it died).
      const { rows } = await sql<JobRow>`
        update jobs set status = 'running', attempts = attempts + 1, lease_until = ${leaseEnd(leaseMs)}, updated_at = ${now()}
        where id = (
          select id from jobs
          where status in ('queued', 'running') and kind in (${sql.join(kinds)})
            and (status = 'queued' or lease_until < ${now()})
          order by id
          limit 1
          for update skip locked
        )
        returning ${COLUMNS}`.execute(db);
      return rows[0] ? toView(rows[0]) : null;
    },

    async checkpoint(id: string, progress: Readonly<Record<string, unknown>>, leaseMs: number, rejects: readonly JobReject[] = []): Promise<void> {
      // One statement: the rows a chunk rejected land with the progress that counts them, in one round
      // trip (two cost an import ~5 ms a chunk). A resumed job rejecting a row again changes nothing.
      await sql`
        with rejected as (
          insert into job_rejects (job_id, row_number, cells, problems)
          select ${id}, (r->>'row')::int, r->'cells', r->'problems'
          from jsonb_array_elements(${JSON.stringify(rejects.map((r) => ({ row: r.row, cells: r.cells, problems: r.problems })))}::jsonb) as r
          on conflict (job_id, row_number) do nothing
        )
        update jobs set progress = ${JSON.stringify(progress)}::jsonb, lease_until = ${leaseEnd(leaseMs)}, updated_at = ${now()}
        where id = ${id} and status = 'running'`.execute(db);
    },

    async finish(id: string, status: 'done' | 'failed', progress: Readonly<Record<string, unknown>>, error?: string): Promise<void> {
      await sql`
        update jobs set status = ${status}, progress = ${JSON.stringify(progress)}::jsonb, error = ${error ?? null},
          lease_until = null, updated_at = ${now()}, finished_at = ${now()}
        where id = ${id} and status = 'running'`.execute(db);
    },

    async rejects(id: string, afterRow: number, limit: number): Promise<readonly JobReject[]> {
      const { rows } = await sql<{ row_number: number; cells: unknown[]; problems: JobReject['problems'] }>`
        select row_number, cells, problems from job_rejects
        where job_id = ${id} and row_number > ${afterRow}
        order by row_number limit ${limit}`.execute(db);
      return rows.map((r) => ({ row: Number(r.row_number), cells: r.cells, problems: r.problems }));
    },
  } satisfies JobsRepository);
}
