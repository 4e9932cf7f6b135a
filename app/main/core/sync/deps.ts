import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { AuthService } from '../auth/auth-service';
import type { LocalDatabase } from '../db/schema';
import type { CoreEvents } from '../events';
import type { HttpClient } from './http-client';

export interface SyncDeps {
  db: Kysely<LocalDatabase>;
  /** The same connection, for prepared statements on hot paths (pull pages). */
  sqlite: Database.Database;
  http: HttpClient;
  auth: AuthService;
  deviceId: string;
  events: CoreEvents;
  now(): string;
  /** False while the desk works alone (no server, nobody signed in, or local mode): a sync is skipped. */
  canSync(): Promise<boolean>;
}
