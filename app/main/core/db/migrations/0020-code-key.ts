import { sql, type Kysely, type Migration } from 'kysely';
import { CODE_KEY_SQL } from '../../../../../shared';

const TABLES = ['suppliers', 'products'] as const;

/**
 * Unique codes are compared by their normalised key (shared codeKey): this index answers "who holds this code"
 * among live rows without scanning the table. Not unique: a duplicate made on another desk must still pull.
 */
export const codeKeyMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of TABLES)
      await sql`create index ${sql.raw(`${table}_code_key`)} on ${sql.table(table)} (${sql.raw(CODE_KEY_SQL)}) where deleted_at is null`.execute(
        db,
      );
  },
  async down(db: Kysely<unknown>) {
    for (const table of TABLES) await sql`drop index if exists ${sql.raw(`${table}_code_key`)}`.execute(db);
  },
};
