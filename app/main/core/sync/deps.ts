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
  http: HttpClient;
  auth: AuthService;
  deviceId: string;
  events: CoreEvents;
  now(): string;
  /** False while the desk works alone (no server, nobody signed in, or local mode): a sync is skipped. */
  canSync(): Promise<boolean>;
}
