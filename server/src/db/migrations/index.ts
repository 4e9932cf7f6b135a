import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial';

export const serverMigrations: Record<string, Migration> = {
  '0001-initial': initialMigration,
};

export const serverMigrationProvider: MigrationProvider = {
  getMigrations: async () => serverMigrations,
};
