import type { Generated } from 'kysely';

/** Local SQLite schema (Kysely types). Booleans are stored as 0/1; JSON columns as text. */

export type LocalSyncStatus = 'synced' | 'pending';

interface CommonColumns {
  uuid: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  created_by: string | null;
  updated_by: string | null;
  /** 'pending' while a local op for this row waits in the outbox. */
  sync_status: LocalSyncStatus;
}

export interface SuppliersTable extends CommonColumns {
  code: string;
  name: string;
  phone: string;
  address: string;
  region: string;
  notes: string;
  active: number;
}

export interface ProductsTable extends CommonColumns {
  code: string;
  name: string;
  unit: string;
  active: number;
}

export interface ProductRatesTable extends CommonColumns {
  product_uuid: string;
  rate_minor: number;
  effective_from: string;
  notes: string;
}

export interface CollectionsTable extends CommonColumns {
  supplier_uuid: string;
  product_uuid: string;
  collected_at: string;
  quantity_milli: number;
  rate_minor: number;
  amount_minor: number;
  notes: string;
}

export interface PaymentsTable extends CommonColumns {
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

export type OutboxStatus = 'pending' | 'completed' | 'error' | 'discarded';

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

export interface SyncStateTable {
  key: string;
  value: string;
}

export interface SyncLogTable {
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

export interface ConflictsTable {
  conflict_id: string;
  entity_type: string;
  entity_uuid: string;
  type: string;
  resolution: string;
  status: string;
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

export interface LocalUsersTable {
  email: string;
  user_id: string;
  name: string;
  role: string;
  verifier: string;
  updated_at: string;
}

export interface LocalDatabase {
  local_users: LocalUsersTable;
  suppliers: SuppliersTable;
  products: ProductsTable;
  product_rates: ProductRatesTable;
  collections: CollectionsTable;
  payments: PaymentsTable;
  outbox: OutboxTable;
  sync_state: SyncStateTable;
  sync_log: SyncLogTable;
  conflicts: ConflictsTable;
  audit: AuditTable;
}

export type EntityTableName = 'suppliers' | 'products' | 'product_rates' | 'collections' | 'payments';
