import type { Kysely, Migration } from 'kysely';

/**
 * Deactivating a user moves their token generation on: every access token carries the generation it was
 * signed under, so tokens from before the change stay dead even after the user is activated again.
 */
export const userTokenGenerationMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('users')
      .addColumn('token_generation', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('users').dropColumn('token_generation').execute();
  },
};
