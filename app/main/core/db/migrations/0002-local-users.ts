import type { Kysely, Migration } from 'kysely';

/** Users known to this desk, with an argon2id verifier so they can unlock the app offline (docs/architecture.md "Security and offline sign-in"). */
export const localUsersMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('local_users')
      .addColumn('email', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('verifier', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('local_users').execute();
  },
};
