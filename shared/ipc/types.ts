import type {
  CollectionRow,
  EntityType,
  PaymentRow,
  ProductRateRow,
  ProductRow,
  Resolution,
  Role,
  SupplierRow,
} from '../domain';
import type { ConflictStatus, ConflictType } from '../sync/protocol';
import type { PricingRuleVersion } from '../pricing/rule';
import type { ScaleReading } from '../scale/reading';
import type { ClashDecision } from './inputs';

/** Output types of the IPC contract; the core produces them and the renderer shows them. */

export interface Page<T> {
  rows: T[];
  total: number;
}

export interface Balance {
  supplier_uuid: string;
  collected_minor: number;
  paid_minor: number;
  /** What the office owes the supplier: collections − non-voided payments. */
  balance_minor: number;
}

type SyncState = 'idle' | 'syncing' | 'success' | 'error' | 'conflict' | 'offline' | 'auth_required';

interface SyncProgress {
  pushed: number;
  toPush: number;
  pulled: number;
}

/** What the status bar shows at all times (docs/architecture.md "The desk's sync engine"). */
export interface SyncStatus {
  state: SyncState;
  pending: number;
  needsAttention: number;
  /** Of `pending`: changes made by a higher role than the signed-in user's, held until such a user signs in. */
  waitingForSupervisor: number;
  openConflicts: number;
  progress: SyncProgress;
  lastSuccessAt: string | null;
  lastError: string | null;
  nextRetryAt: string | null;
}

export interface AttentionItem {
  op_id: string;
  entity_type: string;
  entity_uuid: string;
  operation: string;
  payload: Record<string, unknown>;
  status: number;
  code: string;
  message: string;
  fields: Record<string, string> | null;
  created_at: string;
}

export interface PendingOp {
  op_id: string;
  entity_type: string;
  entity_uuid: string;
  operation: string;
  /** What the change carries (a create's whole row, an update's changed fields), to name it for people. */
  payload: Record<string, unknown>;
  created_at: string;
  attempts: number;
}

export interface SyncMetrics {
  runs: number;
  successRate: number;
  conflictRate: number;
  meanDurationMs: number;
  pushed: number;
  pulled: number;
  conflicts: number;
  errors: number;
  bytesSent: number;
  bytesReceived: number;
}

export interface SyncLogEntry {
  id: number;
  started_at: string;
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

export interface SessionInfo {
  user: { id: string; email: string; name: string; role: Role; offline: boolean } | null;
  serverUrl: string | null;
  deviceId: string;
  /** Users who signed in on this desk before (can unlock offline). */
  knownUsers: { email: string; name: string }[];
  /** The organisation's time zone (IANA): dates and times show in it. */
  orgTimeZone: string;
  /** The office's currency once its server has said one: Settings shows it read-only. */
  officeCurrency: string | null;
}

export interface LedgerLine {
  kind: 'collection' | 'payment';
  uuid: string;
  at: string;
  description: string;
  quantity_milli: number | null;
  /** The unit the quantity is in (a collection's product unit). */
  unit: string | null;
  rate_minor: number | null;
  /** Collections add to what is owed; payments subtract. Voided ones count zero. */
  amount_minor: number;
  voided: boolean;
  /** A voided payment's or collection's amount as it was, shown struck through beside its reason. */
  voided_amount_minor: number | null;
  void_reason: string | null;
  balance_minor: number;
}

export interface SupplierLedger {
  supplier: SupplierRow;
  balance: Balance;
  lines: LedgerLine[];
}

export interface CollectionView extends CollectionRow {
  supplier_code: string;
  supplier_name: string;
  product_code: string;
  product_unit: string;
  /** Set on a voided collection (its tombstone, listed when asked for): the reason its audit keeps, if known here. */
  void_reason?: string | null;
}

export interface PaymentView extends PaymentRow {
  supplier_code: string;
  supplier_name: string;
}

export interface Quote {
  rate_minor: number | null;
  amount_minor: number | null;
  date: string;
  problem: string | null;
}

export interface DashboardSummary {
  today: string;
  /** Quantities per unit: kilograms and litres never add up. */
  collections: { count: number; amount_minor: number; by_unit: { unit: string; quantity_milli: number }[] };
  payments: { count: number; amount_minor: number };
  sync: SyncStatus;
}

export interface ProductWithRate extends ProductRow {
  current_rate: ProductRateRow | null;
}

export type { Settings } from './settings';

/** A conflict this desk has just learned of: core event and renderer event alike ('conflicts.new'). */
export interface ConflictNotice {
  conflict_id: string;
  entity_type: EntityType;
  entity_uuid: string;
  type: ConflictType;
  resolution: Resolution;
  status: ConflictStatus;
}

export interface LocalConflict {
  conflict_id: string;
  entity_type: string;
  entity_uuid: string;
  type: string;
  resolution: string;
  status: ConflictStatus;
  /** What the desk sent (the losing side, preserved). */
  client_data: Record<string, unknown>;
  /** The server's row when the conflict was found. */
  server_data: Record<string, unknown>;
  /** This desk's whole local row at the time, when the conflict met one of its own pushes. */
  local_data: Record<string, unknown> | null;
  /** The row as this desk has it now (its version is the base for a resolution). */
  current: Record<string, unknown> | null;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  note: string | null;
}

export interface CodeClash {
  entity_type: 'suppliers' | 'products';
  code: string;
  local_uuid: string;
  local_name: string;
  server_uuid: string;
  server_name: string;
  server_row: Record<string, unknown> & { uuid: string; version: number };
  /** This desk's records that move onto the office's record if the two are merged. */
  moves: { collections: number; payments: number };
  /**
   * Rates and pricing rules made here for a product: never sent if it is merged (they would re-price every desk);
   * collections priced by one of those rules then wait in "needs attention" for the office's pricing.
   */
  local_pricing: { rates: number; rules: number; priced_by_rule: number };
  /** What the desk proposes: a new code when a supplier's names differ (likely another grower), else merge. */
  suggested: ClashDecision['action'];
}

export interface SetupStatus {
  /** unset: first run; local: this computer only; server: joined to an office server. */
  mode: 'unset' | 'local' | 'server';
  demo: boolean;
}

/** The scale's connection as the entry screen shows it (the reader's status, plus whether a scale is set up). */
export interface ScaleLive {
  state: 'none' | 'stopped' | 'connecting' | 'connected' | 'disconnected';
  port: string;
  message: string;
}

/** What `scale.state` answers: the connection and the last weight read (null once the port went away). */
export interface ScaleNow {
  status: ScaleLive;
  latest: ScaleReading | null;
}

/**
 * What the entry form needs to know to show the right fields and preview the price for a product at a place on
 * a date: the pricing rule version in force (null: the product's plain rate), that rate, where the supplier
 * belongs, and the centres to pick from.
 */
export interface EntryTerms {
  date: string;
  rule: PricingRuleVersion | null;
  rate_minor: number | null;
  /** The supplier's own route and centre (the defaults), null when none was given. */
  route_uuid: string | null;
  centre_uuid: string | null;
  centres: { uuid: string; code: string; name: string }[];
  /** The median quantity of the product's last deliveries (usual-quantity.ts); null with too few to say. */
  usual_milli: number | null;
}
