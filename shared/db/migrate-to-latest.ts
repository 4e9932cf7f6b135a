import type { Kysely, MigrationProvider } from 'kysely';
import { Migrator } from 'kysely';

/** Migrates either database to its latest migration; a failed step becomes one error naming the database and the step. */
export async function migrateToLatest<DB>(db: Kysely<DB>, provider: MigrationProvider, label: string): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`${label} database migration failed: ${reason}`);
  }
}
