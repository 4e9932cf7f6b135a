import type { Kysely, Migration } from 'kysely';

const SYNCED_TABLES = ['suppliers', 'products', 'product_rates', 'collections', 'payments'];

/** The HLC stamp of the last accepted write per row, so last_write_wins compares causal time, not wall clocks. */
export const lastWriteStampMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of SYNCED_TABLES) {
      await db.schema.alterTable(table).addColumn('last_hlc', 'varchar(120)').execute();
    }
  },
  async down(db: Kysely<unknown>) {
    for (const table of SYNCED_TABLES) await db.schema.alterTable(table).dropColumn('last_hlc').execute();
  },
};
