import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Background jobs (imports first) with their input file and rejected rows, all in the database, so a
 * server that dies mid-job loses nothing: another process takes the job when its lease runs out and
 * carries on from the last checkpoint. A plain table with `FOR UPDATE SKIP LOCKED` leases, the same
 * pattern the outbox uses, works unchanged on PostgreSQL and PGlite.
 */
export const jobsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`
      create table jobs (
        id bigint generated always as identity primary key,
        kind text not null,
        app text not null,
        form text not null,
        created_by text,
        -- draft: uploaded, not started; queued -> running -> done | failed
        status text not null check (status in ('draft', 'queued', 'running', 'done', 'failed')),
        payload jsonb not null,
        progress jsonb not null default '{}',
        error text,
        attempts int not null default 0,
        lease_until timestamptz(3),
        created_at timestamptz(3) not null default now(),
        updated_at timestamptz(3) not null default now(),
        finished_at timestamptz(3)
      )`.execute(db);
    await sql`create index jobs_runnable on jobs (id) where status in ('queued', 'running')`.execute(db);
    await sql`
      create table job_files (
        job_id bigint primary key references jobs (id) on delete cascade,
        name text not null,
        content bytea not null
      )`.execute(db);
    // One row per rejected input row; (job, row) is the key so a resumed job never writes one twice.
    await sql`
      create table job_rejects (
        job_id bigint not null references jobs (id) on delete cascade,
        row_number int not null,
        cells jsonb not null,
        problems jsonb not null,
        primary key (job_id, row_number)
      )`.execute(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    await sql`drop table job_rejects`.execute(db);
    await sql`drop table job_files`.execute(db);
    await sql`drop table jobs`.execute(db);
  },
};
