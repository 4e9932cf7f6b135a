import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

export type TableBuilder = CreateTableBuilder<string, never>;

/** Times are DATETIME(3) in UTC; JSON is longtext. */
export const datetime = sql`datetime(3)`;
export const longtext = sql`longtext`;

/** Columns every synced row carried at first (0001), with seq and field_versions. Migrations use it: never edit. */
export function syncedColumns(table: TableBuilder): TableBuilder {
  return table
    .addColumn('uuid', 'char(36)', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', datetime, (c) => c.notNull())
    .addColumn('updated_at', datetime, (c) => c.notNull())
    .addColumn('deleted_at', datetime)
    .addColumn('created_by', 'varchar(36)')
    .addColumn('updated_by', 'varchar(36)')
    .addColumn('seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('field_versions', longtext, (c) => c.notNull());
}

export function innodb(table: TableBuilder): TableBuilder {
  return table.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci`);
}

/**
 * A new entity table with every column a synced row carries today (0002 added last_hlc); the migration adds
 * one column per registry field. Migrations call this, so it never changes: a new need is a new function.
 */
export function createEntityTable(db: Kysely<unknown>, name: string): TableBuilder {
  return innodb(syncedColumns(db.schema.createTable(name) as TableBuilder)).addColumn('last_hlc', 'varchar(120)');
}
