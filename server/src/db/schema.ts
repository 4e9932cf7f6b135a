import type { Generated } from 'kysely';
import type { EntityRow, EntityType } from '../../../shared';

/** MySQL master schema (Kysely types). Times are DATETIME(3) in UTC, read back as strings. */

/** Columns only the server keeps on a synced row. */
interface ServerSyncColumns {
  /** Change sequence number of the last accepted change (docs/protocol.md "Pull"). */
  seq: number;
  /** JSON: field → version that last set it. */
  field_versions: string;
  /** HLC stamp of the last accepted write (for last_write_wins). */
  last_hlc: string | null;
}

/** MySQL booleans are TINYINT(1), read and written as 0/1. */
type Stored<V> = V extends boolean ? number : V;

/**
 * An entity table as the registry describes it: the row's columns (booleans as 0/1, instants as DATETIME(3)
 * strings) plus the server's sync columns. Its migration must match (entity-tables.test.ts).
 */
export type ServerEntityTable<T extends EntityType> = {
  [K in keyof EntityRow<T>]: Stored<EntityRow<T>[K]>;
} & ServerSyncColumns;
type ServerEntityTables = { [T in EntityType]: ServerEntityTable<T> };

interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  active: number;
  /** Moved on by deactivation: access tokens signed under an older generation are refused. */
  token_generation: Generated<number>;
  created_at: string;
  updated_at: string;
}
interface RefreshTokensTable {
  id: string;
  token_hash: string;
  family_id: string;
  user_id: string;
  device_id: string;
  expires_at: string;
  created_at: string;
  rotated_at: string | null;
  revoked_at: string | null;
}
interface DevicesTable {
  id: string;
  name: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
}
interface SyncOpsTable {
  op_id: string;
  device_id: string;
  user_id: string;
  request_hash: string;
  result: string;
  created_at: string;
}
interface ConflictsTable {
  id: string;
  entity_type: string;
  entity_uuid: string;
  type: string;
  resolution: string;
  status: string;
  op_id: string | null;
  client_data: string;
  server_data: string;
  resolved_data: string | null;
  device_id: string;
  user_id: string;
  created_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
  note: string | null;
}
interface AuditTable {
  id: Generated<number>;
  at: string;
  user_id: string | null;
  device_id: string | null;
  entity_type: string;
  entity_uuid: string;
  action: string;
  before: string | null;
  after: string | null;
}
interface SyncClockTable {
  id: number;
  seq: number;
}

export interface ServerDatabase extends ServerEntityTables {
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  devices: DevicesTable;
  sync_ops: SyncOpsTable;
  conflicts: ConflictsTable;
  audit: AuditTable;
  sync_clock: SyncClockTable;
}
