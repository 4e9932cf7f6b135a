import { type Kysely, type Migration } from 'kysely';
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
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex(`${table}_code`).on(table).column('code').execute();
    }
    await createEntityTable(db, 'pricing_rules')
      .addColumn('product_uuid', 'text', (c) => c.notNull())
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('terms', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pricing_rules_product')
      .on('pricing_rules')
      .columns(['product_uuid', 'effective_from'])
      .execute();

    await db.schema.alterTable('suppliers').addColumn('route_uuid', 'text').execute();
    await db.schema.alterTable('suppliers').addColumn('centre_uuid', 'text').execute();

    const add = (name: string, type: 'text' | 'integer', notNullDefault?: string | number) =>
      db.schema
        .alterTable('collections')
        .addColumn(name, type, (c) => (notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault)))
        .execute();
    await add('rule_version_uuid', 'text');
    await add('gross_weight_milli', 'integer');
    await add('containers', 'text', '[]');
    await add('tare_milli', 'integer', 0);
    await add('grade', 'text');
    await add('readings', 'text', '{}');
    await add('shift', 'text');
    await add('route_uuid', 'text');
    await add('centre_uuid', 'text');
    await add('weighed_on_scale', 'integer', 0);
    await add('rejection_reason', 'text');
    await add('rejection_note', 'text', '');
    await add('second_delivery', 'integer', 0);
  },
  async down(db: Kysely<unknown>) {
    for (const column of [
      'rule_version_uuid',
      'gross_weight_milli',
      'containers',
      'tare_milli',
      'grade',
      'readings',
      'shift',
      'route_uuid',
      'centre_uuid',
      'weighed_on_scale',
      'rejection_reason',
      'rejection_note',
      'second_delivery',
    ])
      await db.schema.alterTable('collections').dropColumn(column).execute();
    await db.schema.alterTable('suppliers').dropColumn('centre_uuid').execute();
    await db.schema.alterTable('suppliers').dropColumn('route_uuid').execute();
    for (const table of ['pricing_rules', 'centres', 'routes']) await db.schema.dropTable(table).execute();
  },
};
