import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { migrateToLatest } from '../../../../shared/db/migrate-to-latest';
import { localMigrationProvider } from './migrations';
import { ConnectionLock, LockedSqliteDialect } from './connection-lock';
import type { LocalDatabase } from './schema';
import { startWalCheckpointer } from './wal-checkpointer';

export interface LocalDb {
  db: Kysely<LocalDatabase>;
  sqlite: Database.Database;
  /**
   * Runs synchronous work as one SQLite transaction in the connection's turn (never inside a Kysely
   * transaction): at once when the connection is free, else once those before it are done.
   */
  transact<T>(work: () => T): T | Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the desk's SQLite file. WAL + synchronous=FULL: a write acknowledged on
 * screen survives a power cut; foreign_keys on; a busy timeout so a second reader waits instead of failing.
 */
export function openSqlite(filename: string): Database.Database {
  const sqlite = new Database(filename);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

async function migrateLocal(db: Kysely<LocalDatabase>): Promise<void> {
  await migrateToLatest(db, localMigrationProvider, 'Local');
}

export async function openLocalDb(filename: string): Promise<LocalDb> {
  const sqlite = openSqlite(filename);
  const lock = new ConnectionLock();
  const db = new Kysely<LocalDatabase>({ dialect: new LockedSqliteDialect({ database: sqlite }, lock) });
  // Made once: better-sqlite3 builds four wrappers and their properties for each function it is given.
  const inTransaction = sqlite.transaction(<T>(work: () => T): T => work());
  try {
    await migrateLocal(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // Checkpoints run between transactions, not inside the commit of whichever write crosses the threshold.
  const checkpointer = startWalCheckpointer(sqlite, filename);
  return {
    db,
    sqlite,
    transact: <T>(work: () => T) => lock.run(() => inTransaction(work) as T),
    close: () => {
      checkpointer.stop();
      return db.destroy();
    },
  };
}
