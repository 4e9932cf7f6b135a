import type { Kysely, MigrationProvider } from 'kysely';
import { Migrator } from 'kysely';

/** Migrates either database to its latest migration; a failed step becomes one error naming the database and the step. */
export async function migrateToLatest<DB>(db: Kysely<DB>, provider: MigrationProvider, label: string): Promise<void> {
  // Migration numbers are reserved per team (0010s, 0020s, …), so a lower number may arrive after a higher one ran.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`${label} database migration failed: ${reason}`);
  }
}
