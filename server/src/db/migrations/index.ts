import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial';
import { lastWriteStampMigration } from './0002-last-write-stamp';
import { codeKeyMigration } from './0020-code-key';
import { collectionsPeriodTotalsMigration } from './0050-collections-period-totals';

export const serverMigrations: Record<string, Migration> = {
  '0001-initial': initialMigration,
  '0002-last-write-stamp': lastWriteStampMigration,
  '0020-code-key': codeKeyMigration,
  '0050-collections-period-totals': collectionsPeriodTotalsMigration,
};

export const serverMigrationProvider: MigrationProvider = {
  getMigrations: async () => serverMigrations,
};
