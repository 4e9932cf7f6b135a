import { sql, type Kysely, type Migration } from 'kysely';
import { createEntityTable } from './entity-columns';

export const initialMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await createEntityTable(db, 'suppliers')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    // Not unique: a duplicate made on another desk must still be pullable; services check codes on write.
    await db.schema.createIndex('suppliers_code').on('suppliers').column('code').execute();
    await db.schema.createIndex('suppliers_name').on('suppliers').column('name').execute();

    await createEntityTable(db, 'products')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('products_code').on('products').column('code').execute();

    await createEntityTable(db, 'product_rates')
      .addColumn('product_uuid', 'text', (c) => c.notNull())
      .addColumn('rate_minor', 'integer', (c) => c.notNull())
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .createIndex('product_rates_product_from')
      .on('product_rates')
      .columns(['product_uuid', 'effective_from'])
      .execute();

    await createEntityTable(db, 'collections')
      .addColumn('supplier_uuid', 'text', (c) => c.notNull())
      .addColumn('product_uuid', 'text', (c) => c.notNull())
      .addColumn('collected_at', 'text', (c) => c.notNull())
      .addColumn('quantity_milli', 'integer', (c) => c.notNull())
      .addColumn('rate_minor', 'integer', (c) => c.notNull())
      .addColumn('amount_minor', 'integer', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .createIndex('collections_supplier_at')
      .on('collections')
      .columns(['supplier_uuid', 'collected_at'])
      .execute();
    await db.schema.createIndex('collections_at').on('collections').column('collected_at').execute();
    await db.schema
      .createIndex('collections_product_at')
      .on('collections')
      .columns(['product_uuid', 'collected_at'])
      .execute();

    await createEntityTable(db, 'payments')
      .addColumn('supplier_uuid', 'text', (c) => c.notNull())
      .addColumn('paid_at', 'text', (c) => c.notNull())
      .addColumn('amount_minor', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('voided_at', 'text')
      .addColumn('void_reason', 'text')
      .execute();
    await db.schema.createIndex('payments_supplier_at').on('payments').columns(['supplier_uuid', 'paid_at']).execute();
    await db.schema.createIndex('payments_at').on('payments').column('paid_at').execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('op_id', 'text', (c) => c.notNull().unique())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_uuid', 'text', (c) => c.notNull())
      .addColumn('operation', 'text', (c) => c.notNull())
      .addColumn('base_version', 'integer', (c) => c.notNull())
      .addColumn('changed_fields', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('client_timestamp', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('outbox_status_id').on('outbox').columns(['status', 'id']).execute();
    await db.schema.createIndex('outbox_entity').on('outbox').column('entity_uuid').execute();

    await db.schema
      .createTable('sync_state')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sync_log')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('duration_ms', 'integer')
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('pushed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('pulled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('conflicts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('bytes_sent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('bytes_received', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('message', 'text')
      .execute();

    await db.schema
      .createTable('conflicts')
      .addColumn('conflict_id', 'text', (c) => c.primaryKey())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_uuid', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('resolution', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('op_id', 'text')
      .addColumn('client_data', 'text', (c) => c.notNull())
      .addColumn('server_data', 'text', (c) => c.notNull())
      .addColumn('local_data', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .addColumn('resolved_by', 'text')
      .addColumn('note', 'text')
      .execute();
    await db.schema.createIndex('conflicts_status').on('conflicts').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('conflicts_entity').on('conflicts').column('entity_uuid').execute();

    await db.schema
      .createTable('audit')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_uuid', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .execute();
    await db.schema.createIndex('audit_entity').on('audit').columns(['entity_uuid', 'id']).execute();
    await sql`select 1`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'audit',
      'conflicts',
      'sync_log',
      'sync_state',
      'outbox',
      'payments',
      'collections',
      'product_rates',
      'products',
      'suppliers',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
