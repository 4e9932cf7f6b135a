import type { Kysely, Migration } from 'kysely';
import { createEntityTable } from './entity-columns';

/**
 * Issue 18: routes, centres and pricing rule versions, a supplier's route and centre, and what a collection
 * priced by a rule keeps (gross, containers, tare, grade, readings, shift, place, scale flag, rejection).
 * Existing collections get the values that describe how they were taken: typed, no rule, no tare.
 */
export const pricingRoutesCentresMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of ['routes', 'centres']) {
      await createEntityTable(db, table)
        .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(120)', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('active', 'boolean', (c) => c.notNull())
        .execute();
    }
    await createEntityTable(db, 'pricing_rules')
      .addColumn('product_uuid', 'char(36)', (c) => c.notNull())
      .addColumn('effective_from', 'date', (c) => c.notNull())
      .addColumn('terms', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pricing_rules_product')
      .on('pricing_rules')
      .columns(['product_uuid', 'effective_from'])
      .execute();

    await db.schema
      .alterTable('suppliers')
      .addColumn('route_uuid', 'char(36)')
      .addColumn('centre_uuid', 'char(36)')
      .execute();

    await db.schema
      .alterTable('collections')
      .addColumn('rule_version_uuid', 'char(36)')
      .addColumn('gross_weight_milli', 'bigint')
      .addColumn('containers', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('tare_milli', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('grade', 'varchar(16)')
      .addColumn('readings', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('shift', 'varchar(16)')
      .addColumn('route_uuid', 'char(36)')
      .addColumn('centre_uuid', 'char(36)')
      .addColumn('weighed_on_scale', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('rejection_reason', 'varchar(20)')
      .addColumn('rejection_note', 'varchar(500)', (c) => c.notNull().defaultTo(''))
      .addColumn('second_delivery', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema
      .alterTable('collections')
      .dropColumn('rule_version_uuid')
      .dropColumn('gross_weight_milli')
      .dropColumn('containers')
      .dropColumn('tare_milli')
      .dropColumn('grade')
      .dropColumn('readings')
      .dropColumn('shift')
      .dropColumn('route_uuid')
      .dropColumn('centre_uuid')
      .dropColumn('weighed_on_scale')
      .dropColumn('rejection_reason')
      .dropColumn('rejection_note')
      .dropColumn('second_delivery')
      .execute();
    await db.schema.alterTable('suppliers').dropColumn('route_uuid').dropColumn('centre_uuid').execute();
    for (const table of ['pricing_rules', 'centres', 'routes']) await db.schema.dropTable(table).execute();
  },
};
