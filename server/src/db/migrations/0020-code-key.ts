import { sql, type Kysely, type Migration } from 'kysely';

const TABLES = ['suppliers', 'products'] as const;

/**
 * The same code normalisation as the desk (shared codeKey: lower-case; codes are ASCII by codeField): the code
 * column is pinned to a case-insensitive collation, whatever the database default, so its unique index is an
 * index on the normalised code and "S-0001" and "s-0001" are one code here as on the desk. The desk indexes
 * lower(code) (its migration 0020).
 */
export const codeKeyMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of TABLES)
      await sql`alter table ${sql.table(table)} modify code varchar(32) not null collate utf8mb4_general_ci`.execute(
        db,
      );
  },
  async down() {
    // The collation is the deployment default from before; nothing to undo.
  },
};
