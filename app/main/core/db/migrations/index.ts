import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial';

/** Migrations are imported in code (not read from a folder) so they survive bundling by electron-vite. */
export const localMigrations: Record<string, Migration> = {
  '0001-initial': initialMigration,
};

export const localMigrationProvider: MigrationProvider = {
  getMigrations: async () => localMigrations,
};
