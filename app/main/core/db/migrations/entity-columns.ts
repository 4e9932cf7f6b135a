import type { CreateTableBuilder, Kysely } from 'kysely';

export type TableBuilder = CreateTableBuilder<string, never>;

/**
 * A new entity table with the columns every synced row carries, plus the local sync status; the migration
 * adds one column per registry field. Migrations call this, so it never changes: a new need is a new function.
 */
export function createEntityTable(db: Kysely<unknown>, name: string): TableBuilder {
  return (db.schema.createTable(name) as TableBuilder)
    .addColumn('uuid', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('sync_status', 'text', (c) => c.notNull().defaultTo('pending'));
}
