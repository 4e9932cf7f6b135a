import type {
  ConflictType,
  EntityType,
  PushConflict,
  PushErrorItem,
  PushOp,
  PushSuccess,
  Resolution,
} from '../../../../shared';
import type { AccessClaims } from '../../plugins/auth';
import type { BatchState } from '../batch-state';
import type { ServerRow } from '../rows';

/** What applying one op reads and writes: the batch's rows, who pushes, and the audit and conflicts it adds. */

export type ConflictPolicy = Record<EntityType, Resolution>;

interface AuditInsert {
  entity_type: EntityType;
  entity_uuid: string;
  action: string;
  before: ServerRow | null;
  after: ServerRow;
}

interface ConflictInsert {
  id: string;
  entity_type: EntityType;
  entity_uuid: string;
  type: ConflictType;
  resolution: string;
  status: 'open' | 'auto';
  op_id: string | null;
  client_data: Record<string, unknown>;
  server_data: Record<string, unknown>;
}

export interface OpEnv {
  state: BatchState;
  claims: AccessClaims;
  policy: ConflictPolicy;
  orgTimeZone: string;
  now: string;
  audit: AuditInsert[];
  conflicts: ConflictInsert[];
  /** Version of each row before this batch touched it (0 when the batch created it). */
  batchBase: Map<string, number>;
  /** How far the pushing desk's wall clock runs ahead of the server's (X-Client-Time), in ms. */
  clientSkewMs?: number;
}

export type OpOutcome =
  | { kind: 'success'; item: PushSuccess }
  | { kind: 'conflict'; item: PushConflict }
  | { kind: 'error'; item: PushErrorItem };

export type Values = Record<string, unknown>;
export type FieldProblems = Record<string, string>;

/** Why an op is refused: an error item, which changes nothing. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  fields?: FieldProblems;
}

/** A 422 naming the fields: "product_uuid is not a known product; code is already used by …". */
export function invalid(fields: FieldProblems, message?: string): Refusal {
  const summary =
    message ??
    Object.entries(fields)
      .map(([f, m]) => `${f} ${m}`)
      .join('; ');
  return { status: 422, code: 'VALIDATION_FAILED', message: summary, fields };
}

export function idOf(op: PushOp, uuid: string): { op_id?: string; entity_type: EntityType; uuid: string } {
  // Two literals rather than a spread of a conditional one: the same keys in the same order, built at once.
  return op.op_id ? { op_id: op.op_id, entity_type: op.entity_type, uuid } : { entity_type: op.entity_type, uuid };
}

export function refused(op: PushOp, refusal: Refusal): OpOutcome {
  const uuid = typeof op.data.uuid === 'string' ? op.data.uuid : undefined;
  const { fields, ...rest } = refusal;
  return {
    kind: 'error',
    item: {
      ...(op.op_id ? { op_id: op.op_id } : {}),
      entity_type: op.entity_type,
      ...(uuid ? { uuid } : {}),
      ...rest,
      ...(fields ? { fields } : {}),
    },
  };
}
