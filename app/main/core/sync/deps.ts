import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { AuthService } from '../auth/auth-service';
import type { LocalRows } from '../db/local-rows';
import type { LocalDatabase } from '../db/schema';
import type { CoreEvents } from '../events';
import type { HttpClient } from './http-client';

export interface SyncDeps {
  db: Kysely<LocalDatabase>;
  /** The one writer of entity rows (prepared statements on the same connection, inside a transaction). */
  rows: LocalRows;
  /**
   * The same connection, for statements prepared once and run synchronously (a push answer's); only inside
   * `transact`, or inside a transaction of `db`, which it joins.
   */
  sqlite: Database.Database;
  /** Runs synchronous work as one SQLite transaction in the connection's turn (LocalDb.transact). */
  transact<T>(work: () => T): T | Promise<T>;
  /**
   * Runs synchronous work as one SQLite transaction in the connection's turn, committed without an fsync
   * (LocalDb.transactReplayable): only for a push answer, which a power cut may undo because it is applied
   * again when the server replays its stored answer to the same ops.
   */
  transactReplayable<T>(work: () => T): T | Promise<T>;
  http: HttpClient;
  auth: AuthService;
  deviceId: string;
  events: CoreEvents;
  now(): string;
  /** False while the desk works alone (no server, nobody signed in, or local mode): a sync is skipped. */
  canSync(): Promise<boolean>;
}
