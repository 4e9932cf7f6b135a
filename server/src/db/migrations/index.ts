import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial';
import { lastWriteStampMigration } from './0002-last-write-stamp';
import { userTokenGenerationMigration } from './0040-user-token-generation';
import { collectionsPeriodTotalsMigration } from './0050-collections-period-totals';

export const serverMigrations: Record<string, Migration> = {
  '0001-initial': initialMigration,
  '0002-last-write-stamp': lastWriteStampMigration,
  '0040-user-token-generation': userTokenGenerationMigration,
  '0050-collections-period-totals': collectionsPeriodTotalsMigration,
};

export const serverMigrationProvider: MigrationProvider = {
  getMigrations: async () => serverMigrations,
};
