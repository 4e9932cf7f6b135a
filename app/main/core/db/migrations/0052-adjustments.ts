import type { Kysely, Migration } from 'kysely';

/** Issue 16: a collection or payment may be an adjustment of one in a closed period (docs/pay-runs.md). */
export const adjustmentsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of ['collections', 'payments']) {
      await db.schema.alterTable(table).addColumn('adjusts_uuid', 'text').execute();
      await db.schema.createIndex(`${table}_adjusts`).on(table).column('adjusts_uuid').execute();
    }
  },
};
