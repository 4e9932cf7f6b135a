import type { Generated } from 'kysely';

/** MySQL master schema (Kysely types). Times are DATETIME(3) in UTC, read back as strings. */

interface SyncedColumns {
  uuid: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  created_by: string | null;
  updated_by: string | null;
  /** Change sequence number of the last accepted change (DESIGN §5.2). */
  seq: number;
  /** JSON: field → version that last set it. */
  field_versions: string;
  /** HLC stamp of the last accepted write (for last_write_wins). */
  last_hlc: string | null;
}

export interface SuppliersTable extends SyncedColumns {
  code: string;
  name: string;
  phone: string;
  address: string;
  region: string;
  notes: string;
  active: number;
}
export interface ProductsTable extends SyncedColumns {
  code: string;
  name: string;
  unit: string;
  active: number;
}
export interface ProductRatesTable extends SyncedColumns {
  product_uuid: string;
  rate_minor: number;
  effective_from: string;
  notes: string;
}
export interface CollectionsTable extends SyncedColumns {
  supplier_uuid: string;
  product_uuid: string;
  collected_at: string;
  quantity_milli: number;
  rate_minor: number;
  amount_minor: number;
  notes: string;
}
export interface PaymentsTable extends SyncedColumns {
  supplier_uuid: string;
  paid_at: string;
  amount_minor: number;
  type: string;
  method: string;
  reference: string;
  notes: string;
  voided_at: string | null;
  void_reason: string | null;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  active: number;
  created_at: string;
  updated_at: string;
}
export interface RefreshTokensTable {
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
export interface DevicesTable {
  id: string;
  name: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
}
export interface SyncOpsTable {
  op_id: string;
  device_id: string;
  user_id: string;
  request_hash: string;
  result: string;
  created_at: string;
}
export interface ConflictsTable {
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
export interface AuditTable {
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
export interface SyncClockTable {
  id: number;
  seq: number;
}

export interface ServerDatabase {
  suppliers: SuppliersTable;
  products: ProductsTable;
  product_rates: ProductRatesTable;
  collections: CollectionsTable;
  payments: PaymentsTable;
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  devices: DevicesTable;
  sync_ops: SyncOpsTable;
  conflicts: ConflictsTable;
  audit: AuditTable;
  sync_clock: SyncClockTable;
}
