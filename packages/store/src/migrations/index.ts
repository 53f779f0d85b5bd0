import type { Migration, MigrationProvider } from 'kysely/migration';
import { coreMigration } from './0001-core';

/** Migrations live in code (bundled with the package), ordered by name; never edit one that has shipped. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-core': coreMigration,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
