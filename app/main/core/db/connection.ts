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
  /**
   * `transact` for work that a power cut may undo because it is redone unchanged later: its commit does not wait
   * for the disk (synchronous=NORMAL, this transaction only). Only for a push answer (push.ts): see below.
   */
  transactReplayable<T>(work: () => T): T | Promise<T>;
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
  /*
   * A push answer's transaction (the ops marked completed, the server's rows stored) is committed with
   * synchronous=NORMAL: in WAL mode the commit is written to the WAL but not fsynced. A power cut can then lose
   * only the last such commits: the WAL is a log, and the next FULL commit (any local write, a pulled page, the
   * sync run's own log at its end) or checkpoint fsyncs every frame before it, so what is lost is always a tail
   * of answers and never a local write. What an answer lost leaves behind is the state before it: its ops still
   * pending and the rows as the desk had them, so the next push sends the same ops again and the server answers
   * them from its stored answers by op_id (an idempotent replay), and they are applied again: the same path as an
   * answer lost on the network. A pull cursor moved after a lost answer is lost with it (it commits later). Each fsync was
   * ~1 ms of the desk's wall time and part of its CPU for every 100 changes pushed (docs/performance.md, "Desk
   * push"). FULL is set back before the turn is handed on, whether the work committed or threw, so every local
   * write and every other transaction commits with FULL (connection.test.ts).
   */
  // Run afresh each time: SQLite applies this pragma when it compiles it, so a kept statement would not set it.
  const replayable = <T>(work: () => T): T => {
    sqlite.exec('pragma synchronous = NORMAL');
    try {
      return inTransaction(work) as T;
    } finally {
      sqlite.exec('pragma synchronous = FULL');
    }
  };
  return {
    db,
    sqlite,
    transact: <T>(work: () => T) => lock.run(() => inTransaction(work) as T),
    transactReplayable: <T>(work: () => T) => lock.run(() => replayable(work)),
    close: () => {
      checkpointer.stop();
      return db.destroy();
    },
  };
}
