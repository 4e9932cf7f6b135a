import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial';
import { lastWriteStampMigration } from './0002-last-write-stamp';
import { codeKeyMigration } from './0020-code-key';
import { userTokenGenerationMigration } from './0040-user-token-generation';
import { collectionsPeriodTotalsMigration } from './0050-collections-period-totals';
import { payRunsMigration } from './0051-pay-runs';
import { adjustmentsMigration } from './0052-adjustments';
import { pricingRoutesCentresMigration } from './0060-pricing-routes-centres';

const serverMigrations: Record<string, Migration> = {
  '0001-initial': initialMigration,
  '0002-last-write-stamp': lastWriteStampMigration,
  '0020-code-key': codeKeyMigration,
  '0040-user-token-generation': userTokenGenerationMigration,
  '0050-collections-period-totals': collectionsPeriodTotalsMigration,
  '0051-pay-runs': payRunsMigration,
  '0052-adjustments': adjustmentsMigration,
  '0060-pricing-routes-centres': pricingRoutesCentresMigration,
};

export const serverMigrationProvider: MigrationProvider = {
  getMigrations: async () => serverMigrations,
};
