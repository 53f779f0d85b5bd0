import type { Migration, MigrationProvider } from 'kysely/migration';
import { coreMigration } from './0001-core';
import { recordDataMigration } from './0002-record-data';
import { writePathMigration } from './0003-write-path';
import { jobsMigration } from './0005-jobs';
import { publicFormsMigration } from './0006-public-forms';

/** Migrations live in code (bundled with the package), ordered by name; never edit one that has shipped. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-core': coreMigration,
  '0002-record-data': recordDataMigration,
  '0003-write-path': writePathMigration,
  '0005-jobs': jobsMigration,
  '0006-public-forms': publicFormsMigration,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
