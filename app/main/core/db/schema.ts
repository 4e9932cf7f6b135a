import type { Generated } from 'kysely';
import type { ConflictStatus, EntityRow, EntityType } from '../../../../shared';

/** Local SQLite schema (Kysely types). Booleans are stored as 0/1; JSON columns as text. */

export type LocalSyncStatus = 'synced' | 'pending';

/** SQLite has no booleans: they are stored as 0/1. */
type Stored<V> = V extends boolean ? number : V;

/**
 * An entity table as the registry describes it: the row's columns (booleans as 0/1) plus `sync_status`,
 * 'pending' while a local op for the row waits in the outbox. Its migration must match (entity-tables.test.ts).
 */
type LocalEntityTable<T extends EntityType> = { [K in keyof EntityRow<T>]: Stored<EntityRow<T>[K]> } & {
  sync_status: LocalSyncStatus;
};
type LocalEntityTables = { [T in EntityType]: LocalEntityTable<T> };

type OutboxStatus = 'pending' | 'completed' | 'error' | 'discarded';

export interface OutboxTable {
  /** Creation order: ops are pushed in this order. */
  id: Generated<number>;
  op_id: string;
  entity_type: string;
  entity_uuid: string;
  operation: string;
  base_version: number;
  changed_fields: string | null;
  payload: string;
  client_timestamp: string;
  user_id: string | null;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

interface SyncStateTable {
  key: string;
  value: string;
}

interface SyncLogTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  trigger: string;
  outcome: string;
  pushed: number;
  pulled: number;
  conflicts: number;
  errors: number;
  bytes_sent: number;
  bytes_received: number;
  message: string | null;
}

interface ConflictsTable {
  conflict_id: string;
  entity_type: string;
  entity_uuid: string;
  type: string;
  resolution: string;
  status: ConflictStatus;
  op_id: string | null;
  client_data: string;
  server_data: string;
  local_data: string | null;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  note: string | null;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  user_id: string | null;
  entity_type: string;
  entity_uuid: string;
  action: string;
  before: string | null;
  after: string | null;
}

interface LocalUsersTable {
  email: string;
  user_id: string;
  name: string;
  role: string;
  verifier: string;
  updated_at: string;
}

export interface LocalDatabase extends LocalEntityTables {
  local_users: LocalUsersTable;
  outbox: OutboxTable;
  sync_state: SyncStateTable;
  sync_log: SyncLogTable;
  conflicts: ConflictsTable;
  audit: AuditTable;
}
