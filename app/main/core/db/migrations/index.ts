import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial';
import { localUsersMigration } from './0002-local-users';
import { codeKeyMigration } from './0020-code-key';
import { payRunsMigration } from './0051-pay-runs';
import { adjustmentsMigration } from './0052-adjustments';
import { pricingRoutesCentresMigration } from './0060-pricing-routes-centres';

/** Migrations are imported in code (not read from a folder) so they survive bundling by electron-vite. */
const localMigrations: Record<string, Migration> = {
  '0001-initial': initialMigration,
  '0002-local-users': localUsersMigration,
  '0020-code-key': codeKeyMigration,
  '0051-pay-runs': payRunsMigration,
  '0052-adjustments': adjustmentsMigration,
  '0060-pricing-routes-centres': pricingRoutesCentresMigration,
};

export const localMigrationProvider: MigrationProvider = {
  getMigrations: async () => localMigrations,
};
