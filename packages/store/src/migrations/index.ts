import type { Migration, MigrationProvider } from 'kysely/migration';
import { coreMigration } from './0001-core';
import { recordDataMigration } from './0002-record-data';
import { writePathMigration } from './0003-write-path';
import { jobsMigration } from './0005-jobs';
import { publicFormsMigration } from './0006-public-forms';
import { savedViewsMigration } from './0007-saved-views';
import { filesCommentsMigration } from './0008-files-comments';
import { writeIndexesMigration } from './0009-write-indexes';
import { createdEventValuesMigration } from './0010-created-event-values';
import { recordBatchesMigration } from './0011-record-batches';
import { reportRollupsMigration } from './0012-report-rollups';
import { jobFileStorageMigration } from './0013-job-file-storage';

/** Migrations live in code (bundled with the package), ordered by name; never edit one that has shipped. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-core': coreMigration,
  '0002-record-data': recordDataMigration,
  '0003-write-path': writePathMigration,
  '0005-jobs': jobsMigration,
  '0006-public-forms': publicFormsMigration,
  '0007-saved-views': savedViewsMigration,
  '0008-files-comments': filesCommentsMigration,
  '0009-write-indexes': writeIndexesMigration,
  '0010-created-event-values': createdEventValuesMigration,
  '0011-record-batches': recordBatchesMigration,
  '0012-report-rollups': reportRollupsMigration,
  '0013-job-file-storage': jobFileStorageMigration,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
