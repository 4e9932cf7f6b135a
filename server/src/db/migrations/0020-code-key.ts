import { sql, type Kysely, type Migration } from 'kysely';
import { CODE_KEY_SQL } from '../../../../shared';

const TABLES = ['suppliers', 'products'] as const;

/**
 * The same normalised code key as the desk (shared codeKey), as a stored column with a unique index: codes stay
 * unique under that normalisation whatever the column's collation.
 */
export const codeKeyMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of TABLES)
      await sql`alter table ${sql.table(table)} add column code_key varchar(32) as (${sql.raw(CODE_KEY_SQL)}) stored, add unique index ${sql.raw(`${table}_code_key`)} (code_key)`.execute(
        db,
      );
  },
  async down(db: Kysely<unknown>) {
    for (const table of TABLES)
      await sql`alter table ${sql.table(table)} drop index ${sql.raw(`${table}_code_key`)}, drop column code_key`.execute(
        db,
      );
  },
};
