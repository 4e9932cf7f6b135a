import { sql, type Kysely, type Migration } from 'kysely';
import { datetime, innodb, longtext, syncedColumns as synced, type TableBuilder as Builder } from './entity-columns';

const ts = datetime;
const json = longtext;

export const initialMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const create = (name: string) => db.schema.createTable(name) as Builder;

    await innodb(synced(create('suppliers')))
      .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(120)', (c) => c.notNull())
      .addColumn('phone', 'varchar(40)', (c) => c.notNull())
      .addColumn('address', 'varchar(500)', (c) => c.notNull())
      .addColumn('region', 'varchar(80)', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('active', 'boolean', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('suppliers_name').on('suppliers').column('name').execute();

    await innodb(synced(create('products')))
      .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(120)', (c) => c.notNull())
      .addColumn('unit', 'varchar(16)', (c) => c.notNull())
      .addColumn('active', 'boolean', (c) => c.notNull())
      .execute();

    await innodb(synced(create('product_rates')))
      .addColumn('product_uuid', 'char(36)', (c) => c.notNull())
      .addColumn('rate_minor', 'bigint', (c) => c.notNull())
      .addColumn('effective_from', 'date', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('product_rates_product_from')
      .on('product_rates')
      .columns(['product_uuid', 'effective_from'])
      .execute();

    await innodb(synced(create('collections')))
      .addColumn('supplier_uuid', 'char(36)', (c) => c.notNull())
      .addColumn('product_uuid', 'char(36)', (c) => c.notNull())
      .addColumn('collected_at', ts, (c) => c.notNull())
      .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
      .addColumn('rate_minor', 'bigint', (c) => c.notNull())
      .addColumn('amount_minor', 'bigint', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('collections_supplier_at')
      .on('collections')
      .columns(['supplier_uuid', 'collected_at'])
      .execute();
    await db.schema.createIndex('collections_at').on('collections').column('collected_at').execute();

    await innodb(synced(create('payments')))
      .addColumn('supplier_uuid', 'char(36)', (c) => c.notNull())
      .addColumn('paid_at', ts, (c) => c.notNull())
      .addColumn('amount_minor', 'bigint', (c) => c.notNull())
      .addColumn('type', 'varchar(16)', (c) => c.notNull())
      .addColumn('method', 'varchar(16)', (c) => c.notNull())
      .addColumn('reference', 'varchar(80)', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('voided_at', ts)
      .addColumn('void_reason', 'varchar(500)')
      .execute();
    await db.schema.createIndex('payments_supplier_at').on('payments').columns(['supplier_uuid', 'paid_at']).execute();

    await innodb(create('users'))
      .addColumn('id', 'char(36)', (c) => c.primaryKey())
      .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(120)', (c) => c.notNull())
      .addColumn('role', 'varchar(16)', (c) => c.notNull())
      .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
      .addColumn('active', 'boolean', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();

    await innodb(create('refresh_tokens'))
      .addColumn('id', 'char(36)', (c) => c.primaryKey())
      .addColumn('token_hash', 'char(64)', (c) => c.notNull().unique())
      .addColumn('family_id', 'char(36)', (c) => c.notNull())
      .addColumn('user_id', 'char(36)', (c) => c.notNull())
      .addColumn('device_id', 'char(36)', (c) => c.notNull())
      .addColumn('expires_at', ts, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('rotated_at', ts)
      .addColumn('revoked_at', ts)
      .execute();
    await db.schema.createIndex('refresh_tokens_family').on('refresh_tokens').column('family_id').execute();

    await innodb(create('devices'))
      .addColumn('id', 'char(36)', (c) => c.primaryKey())
      .addColumn('name', 'varchar(120)', (c) => c.notNull())
      .addColumn('user_id', 'char(36)', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('last_seen_at', ts, (c) => c.notNull())
      .execute();

    await innodb(create('sync_ops'))
      .addColumn('op_id', 'char(36)', (c) => c.primaryKey())
      .addColumn('device_id', 'char(36)', (c) => c.notNull())
      .addColumn('user_id', 'char(36)', (c) => c.notNull())
      .addColumn('request_hash', 'char(64)', (c) => c.notNull())
      .addColumn('result', json, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();

    await innodb(create('conflicts'))
      .addColumn('id', 'char(36)', (c) => c.primaryKey())
      .addColumn('entity_type', 'varchar(32)', (c) => c.notNull())
      .addColumn('entity_uuid', 'char(36)', (c) => c.notNull())
      .addColumn('type', 'varchar(16)', (c) => c.notNull())
      .addColumn('resolution', 'varchar(32)', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('op_id', 'char(36)')
      .addColumn('client_data', json, (c) => c.notNull())
      .addColumn('server_data', json, (c) => c.notNull())
      .addColumn('resolved_data', json)
      .addColumn('device_id', 'char(36)', (c) => c.notNull())
      .addColumn('user_id', 'char(36)', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('resolved_by', 'char(36)')
      .addColumn('resolved_at', ts)
      .addColumn('note', 'text')
      .execute();
    await db.schema.createIndex('conflicts_status').on('conflicts').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('conflicts_entity').on('conflicts').column('entity_uuid').execute();

    await innodb(create('audit'))
      .addColumn('id', 'bigint', (c) => c.primaryKey().autoIncrement())
      .addColumn('at', ts, (c) => c.notNull())
      .addColumn('user_id', 'char(36)')
      .addColumn('device_id', 'char(36)')
      .addColumn('entity_type', 'varchar(32)', (c) => c.notNull())
      .addColumn('entity_uuid', 'char(36)', (c) => c.notNull())
      .addColumn('action', 'varchar(32)', (c) => c.notNull())
      .addColumn('before', json)
      .addColumn('after', json)
      .execute();
    await db.schema.createIndex('audit_entity').on('audit').columns(['entity_uuid', 'id']).execute();

    // One row whose seq is taken FOR UPDATE inside each push: commits are ordered by seq (docs/protocol.md "Pull").
    await innodb(create('sync_clock'))
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into sync_clock (id, seq) values (1, 0)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'sync_clock',
      'audit',
      'conflicts',
      'sync_ops',
      'devices',
      'refresh_tokens',
      'users',
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
