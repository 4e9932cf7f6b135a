import type { Kysely, Migration } from 'kysely';

/**
 * Issue 16: a collection or payment may be an adjustment of one in a closed period (docs/pay-runs.md). A run's
 * sums leave adjustments out, so the covering index of those sums (0050) gains the column to stay covering.
 */
export const adjustmentsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of ['collections', 'payments']) {
      await db.schema.alterTable(table).addColumn('adjusts_uuid', 'char(36)').execute();
      await db.schema.createIndex(`${table}_adjusts`).on(table).column('adjusts_uuid').execute();
    }
    await db.schema.dropIndex('collections_period_totals').on('collections').execute();
    await db.schema
      .createIndex('collections_period_totals')
      .on('collections')
      .columns([
        'collected_at',
        'supplier_uuid',
        'product_uuid',
        'quantity_milli',
        'amount_minor',
        'rate_minor',
        'deleted_at',
        'adjusts_uuid',
      ])
      .execute();
  },
};
