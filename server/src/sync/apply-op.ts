import {
  amountMinor,
  compareHlcStrings,
  ENTITY_FIELDS,
  fieldErrorsOf,
  formatHlc,
  newId,
  parseHlc,
  roleAtLeast,
  toIsoInstant,
  type ConflictType,
  type EntityType,
  type PushConflict,
  type PushErrorItem,
  type PushOp,
  type PushSuccess,
} from '../../../shared';
import type { AccessClaims } from '../plugins/auth';
import type { BatchState } from './batch-state';
import { CREATE_SCHEMAS, DELETE_SCHEMA, UPDATABLE_FIELDS, UPDATE_SCHEMAS } from './op-schemas';
import { actionName, roleNeeded } from './permissions';
import type { ConflictPolicy } from './policy';
import { priceCollection } from './pricing';
import { toWire, type ServerRow } from './rows';

/** A client stamp further ahead of the server clock than this is clamped: a fast desk cannot win by lying. */
export const MAX_CLOCK_DRIFT_MS = 5_000;

export interface AuditInsert {
  entity_type: EntityType;
  entity_uuid: string;
  action: string;
  before: ServerRow | null;
  after: ServerRow;
}

export interface ConflictInsert {
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

type Values = Record<string, unknown>;
type Fail = (status: number, code: string, message: string, fields?: Record<string, string>) => OpOutcome;

const INSTANT_FIELDS = new Set(['collected_at', 'paid_at', 'voided_at']);

function normalise(values: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values))
    out[k] = INSTANT_FIELDS.has(k) && typeof v === 'string' ? toIsoInstant(v) : v;
  return out;
}

function pick(data: Values, fields: readonly string[]): Values {
  const out: Values = {};
  for (const f of fields) if (f in data && data[f] !== undefined) out[f] = data[f];
  return out;
}

/** Applies one op of a batch to the batch state; never throws for bad input (that is an error item). */
export function applyOp(env: OpEnv, op: PushOp): OpOutcome {
  const type = op.entity_type;
  const uuid = typeof op.data.uuid === 'string' ? op.data.uuid : undefined;
  const ident = { ...(op.op_id ? { op_id: op.op_id } : {}), entity_type: type, ...(uuid ? { uuid } : {}) };
  const fail: Fail = (status, code, message, fields) => ({
    kind: 'error',
    item: { ...ident, status, code, message, ...(fields ? { fields } : {}) },
  });

  if (type === 'payments' && op.operation === 'delete') {
    return fail(422, 'VALIDATION_FAILED', 'Payments are never deleted; void the payment instead', {
      operation: 'payments cannot be deleted',
    });
  }
  const needed = roleNeeded(type, op.operation, op.data);
  if (!roleAtLeast(env.claims.role, needed)) {
    return fail(403, 'FORBIDDEN', `Only a ${needed} may ${actionName(type, op.operation, op.data)}`);
  }
  if (op.client_timestamp !== undefined && !parseHlc(op.client_timestamp)) {
    return fail(422, 'VALIDATION_FAILED', 'client_timestamp is not a hybrid logical clock stamp', {
      client_timestamp: 'must look like 2026-11-20T07:45:03.120Z-0003-node',
    });
  }
  if (op.operation === 'create') return applyCreate(env, op, fail);
  if (op.operation === 'update') return applyUpdate(env, op, fail);
  return applyDelete(env, op, fail);
}

function checkReferences(env: OpEnv, type: EntityType, values: Values): Record<string, string> | null {
  const missing: Record<string, string> = {};
  const known = (t: EntityType, u: unknown) =>
    typeof u === 'string' && !!env.state.get(t, u) && !env.state.get(t, u)!.deleted_at;
  if ('supplier_uuid' in values && !known('suppliers', values.supplier_uuid))
    missing.supplier_uuid = 'is not a known supplier';
  if ('product_uuid' in values && !known('products', values.product_uuid))
    missing.product_uuid = 'is not a known product';
  return Object.keys(missing).length ? missing : null;
}

function checkCode(env: OpEnv, type: EntityType, uuid: string, values: Values): Record<string, string> | null {
  if ((type !== 'suppliers' && type !== 'products') || typeof values.code !== 'string') return null;
  const owner = env.state.codeOwner(type, values.code);
  if (owner && owner !== uuid)
    return { code: `is already used by another ${type === 'suppliers' ? 'supplier' : 'product'}` };
  return null;
}

/**
 * The op's HLC stamp as the server trusts it: moved back by the desk's measured clock skew (X-Client-Time),
 * and never later than the server's own clock. A desk whose clock runs an hour fast does not win by lying.
 */
function stampOf(env: OpEnv, op: PushOp): string | null {
  const stamp = op.client_timestamp ? parseHlc(op.client_timestamp) : null;
  if (!stamp) return null;
  const serverNow = Date.parse(env.now);
  const skew = env.clientSkewMs ?? 0;
  let wallMs = Math.abs(skew) > MAX_CLOCK_DRIFT_MS ? stamp.wallMs - skew : stamp.wallMs;
  if (wallMs > serverNow + MAX_CLOCK_DRIFT_MS) wallMs = serverNow;
  return wallMs === stamp.wallMs ? op.client_timestamp! : formatHlc({ ...stamp, wallMs });
}

function applyCreate(env: OpEnv, op: PushOp, fail: Fail): OpOutcome {
  const type = op.entity_type;
  const parsed = CREATE_SCHEMAS[type].safeParse(op.data);
  if (!parsed.success) {
    const fields = fieldErrorsOf(parsed.error, op.data);
    return fail(422, 'VALIDATION_FAILED', `Invalid ${type} data: ${Object.keys(fields).join(', ')}`, fields);
  }
  const data = parsed.data;
  const uuid = data.uuid as string;
  const existing = env.state.get(type, uuid);
  if (existing) {
    return {
      kind: 'success',
      item: { ...idOf(op, uuid), entity: toWire(existing), merged: false, message: 'Already exists' },
    };
  }
  const values = normalise(pick(data, ENTITY_FIELDS[type]));
  if (type === 'collections') values.collected_at ??= env.now;
  if (type === 'payments')
    Object.assign(values, { paid_at: values.paid_at ?? env.now, voided_at: null, void_reason: null });
  const problems = { ...checkReferences(env, type, values), ...checkCode(env, type, uuid, values) };
  if (Object.keys(problems).length) return fail(422, 'VALIDATION_FAILED', describe(problems), problems);
  if (type === 'collections') {
    const priced = priceCollection(
      env.state.ratesOf(values.product_uuid as string),
      values.collected_at as string,
      values.quantity_milli as number,
      env.orgTimeZone,
    );
    if (!priced.ok)
      return fail(422, 'VALIDATION_FAILED', `No rate in force on ${priced.date}`, {
        product_uuid: `has no rate in force on ${priced.date}`,
      });
    Object.assign(values, { rate_minor: priced.rate_minor, amount_minor: priced.amount_minor });
  }
  const fieldVersions = Object.fromEntries(ENTITY_FIELDS[type].map((f) => [f, 1]));
  const row = {
    uuid,
    version: 1,
    created_at: env.now,
    updated_at: env.now,
    deleted_at: null,
    created_by: env.claims.sub,
    updated_by: env.claims.sub,
    ...values,
    seq: env.state.nextSeq(),
    field_versions: fieldVersions,
    last_hlc: stampOf(env, op),
  } as ServerRow;
  env.batchBase.set(`${type}:${uuid}`, 0);
  env.state.put(type, row, null);
  env.audit.push({ entity_type: type, entity_uuid: uuid, action: 'create', before: null, after: row });
  return { kind: 'success', item: { ...idOf(op, uuid), entity: toWire(row), merged: false } };
}

function applyUpdate(env: OpEnv, op: PushOp, fail: Fail): OpOutcome {
  const type = op.entity_type;
  const parsed = UPDATE_SCHEMAS[type].safeParse(op.data);
  if (!parsed.success) {
    const fields = fieldErrorsOf(parsed.error, op.data);
    return fail(422, 'VALIDATION_FAILED', `Invalid ${type} data: ${Object.keys(fields).join(', ')}`, fields);
  }
  const data = parsed.data;
  const uuid = data.uuid as string;
  const current = env.state.get(type, uuid);
  if (!current) return fail(404, 'NOT_FOUND', `No ${type} record has uuid ${uuid}`);
  const allowed = UPDATABLE_FIELDS[type];
  if (op.changed_fields) {
    const unknown = op.changed_fields.filter((f) => !allowed.includes(f));
    if (unknown.length)
      return fail(422, 'VALIDATION_FAILED', 'changed_fields names fields that cannot be updated', {
        changed_fields: `cannot update: ${unknown.join(', ')}`,
      });
    const absent = op.changed_fields.filter((f) => !(f in data));
    if (absent.length)
      return fail(422, 'VALIDATION_FAILED', 'changed_fields names fields that data does not carry', {
        changed_fields: `not in data: ${absent.join(', ')}`,
      });
  }
  const fields = op.changed_fields ?? allowed.filter((f) => f in data && data[f] !== undefined);
  const values = normalise(pick(data, fields));
  if (type === 'payments') {
    if ('voided_at' in values && values.voided_at === null && current.voided_at) {
      return fail(422, 'VALIDATION_FAILED', 'A voided payment cannot be un-voided', {
        voided_at: 'cannot be cleared once set',
      });
    }
    if (values.voided_at && !(values.void_reason ?? current.void_reason)) {
      return fail(422, 'VALIDATION_FAILED', 'Voiding a payment needs a reason', {
        void_reason: 'is required to void a payment',
      });
    }
  }
  const problems = { ...checkReferences(env, type, values), ...checkCode(env, type, uuid, values) };
  if (Object.keys(problems).length) return fail(422, 'VALIDATION_FAILED', describe(problems), problems);

  const base = rebase(env, type, uuid, current, data.version as number | undefined);
  if (base !== undefined && base > current.version) {
    return fail(422, 'VALIDATION_FAILED', `data.version ${base} is ahead of the server's ${current.version}`, {
      version: `is ahead of the server (${current.version})`,
    });
  }
  let conflictType: ConflictType | null = null;
  let merged = false;
  if (current.deleted_at) conflictType = 'deleted';
  else if (base === undefined) {
    const clientTime = data.updated_at as string | undefined;
    if (clientTime && toIsoInstant(clientTime) < current.updated_at) conflictType = 'timestamp';
  } else if (op.changed_fields) {
    const overlap = fields.filter((f) => (current.field_versions[f] ?? 0) > base && current[f] !== values[f]);
    if (overlap.length) conflictType = 'concurrent';
    else merged = base < current.version;
  } else if (base < current.version) conflictType = 'version';

  if (conflictType) return resolveConflict(env, op, current, conflictType, base, values, fail);
  const applied = applyValues(env, op, current, values);
  if ('error' in applied) return fail(422, 'VALIDATION_FAILED', applied.error, applied.fields);
  return { kind: 'success', item: { ...idOf(op, uuid), entity: toWire(applied.row), merged } };
}

function applyDelete(env: OpEnv, op: PushOp, fail: Fail): OpOutcome {
  const type = op.entity_type;
  const parsed = DELETE_SCHEMA.safeParse(op.data);
  if (!parsed.success) return fail(422, 'VALIDATION_FAILED', 'Invalid delete', fieldErrorsOf(parsed.error, op.data));
  const uuid = parsed.data.uuid;
  const current = env.state.get(type, uuid);
  if (!current) return fail(404, 'NOT_FOUND', `No ${type} record has uuid ${uuid}`);
  if (current.deleted_at) {
    return {
      kind: 'success',
      item: { ...idOf(op, uuid), entity: toWire(current), merged: false, message: 'Already deleted' },
    };
  }
  const base = rebase(env, type, uuid, current, parsed.data.version);
  const values = { deleted_at: env.now };
  if (base !== undefined && base < current.version)
    return resolveConflict(env, op, current, 'deleted', base, values, fail);
  const applied = applyValues(env, op, current, values);
  if ('error' in applied) return fail(422, 'VALIDATION_FAILED', applied.error, applied.fields);
  return { kind: 'success', item: { ...idOf(op, uuid), entity: toWire(applied.row), merged: false } };
}

/** A later op of the same batch on a row this batch already changed builds on that change, not on a conflict. */
function rebase(env: OpEnv, type: EntityType, uuid: string, current: ServerRow, base: number | undefined) {
  const before = env.batchBase.get(`${type}:${uuid}`);
  if (base !== undefined && before !== undefined && base === before) return current.version;
  return base;
}

function resolveConflict(
  env: OpEnv,
  op: PushOp,
  current: ServerRow,
  type: ConflictType,
  base: number | undefined,
  values: Values,
  fail: Fail,
): OpOutcome {
  const entityType = op.entity_type;
  const resolution = env.policy[entityType];
  let final = current;
  if (resolution === 'last_write_wins') {
    const stamp = stampOf(env, op);
    const clientWins = !!stamp && (!current.last_hlc || compareHlcStrings(stamp, current.last_hlc) > 0);
    if (clientWins) {
      const applied = applyValues(
        env,
        op,
        current,
        type === 'deleted' && !('deleted_at' in values) ? { ...values, deleted_at: null } : values,
      );
      if ('error' in applied) return fail(422, 'VALIDATION_FAILED', applied.error, applied.fields);
      final = applied.row;
    }
  }
  const conflictId = newId();
  const serverData = toWire(current);
  env.conflicts.push({
    id: conflictId,
    entity_type: entityType,
    entity_uuid: current.uuid,
    type,
    resolution,
    status: resolution === 'manual' ? 'open' : 'auto',
    op_id: op.op_id ?? null,
    client_data: op.data,
    server_data: serverData,
  });
  const message =
    type === 'deleted'
      ? 'The record was deleted or changed on the server'
      : type === 'concurrent'
        ? 'The same field was changed on the server'
        : 'Server data is newer';
  return {
    kind: 'conflict',
    item: {
      ...idOf(op, current.uuid),
      conflict_id: conflictId,
      type,
      client_version: base ?? null,
      server_version: current.version,
      client_data: op.data,
      server_data: serverData,
      resolution,
      entity: toWire(final),
      message: resolution === 'manual' ? `${message}; a supervisor will resolve it` : message,
    },
  };
}

type Applied = { row: ServerRow } | { error: string; fields: Record<string, string> };

/** Writes values onto a row as a new version (or leaves it be when nothing really changes). */
function applyValues(env: OpEnv, op: PushOp, current: ServerRow, values: Values): Applied {
  const type = op.entity_type;
  const next: ServerRow = { ...current, ...values };
  if (type === 'collections') {
    const repriced = next.product_uuid !== current.product_uuid || next.collected_at !== current.collected_at;
    if (repriced) {
      const priced = priceCollection(
        env.state.ratesOf(next.product_uuid as string),
        next.collected_at as string,
        next.quantity_milli as number,
        env.orgTimeZone,
      );
      if (!priced.ok)
        return {
          error: `No rate in force on ${priced.date}`,
          fields: { product_uuid: `has no rate in force on ${priced.date}` },
        };
      Object.assign(next, { rate_minor: priced.rate_minor, amount_minor: priced.amount_minor });
    } else if (next.quantity_milli !== current.quantity_milli) {
      // Neither product nor date moved: the stored rate stands (PROTOCOL.md "Push").
      next.amount_minor = amountMinor(next.quantity_milli as number, current.rate_minor as number);
    }
  }
  const changed = [...ENTITY_FIELDS[type], 'deleted_at'].filter((f) => next[f] !== current[f]);
  if (changed.length === 0) return { row: current };
  const version = current.version + 1;
  const fieldVersions = { ...current.field_versions };
  for (const f of changed) fieldVersions[f] = version;
  const row: ServerRow = {
    ...next,
    version,
    updated_at: env.now,
    updated_by: env.claims.sub,
    seq: env.state.nextSeq(),
    field_versions: fieldVersions,
    last_hlc: stampOf(env, op) ?? current.last_hlc,
  };
  const key = `${type}:${current.uuid}`;
  if (!env.batchBase.has(key)) env.batchBase.set(key, current.version);
  env.state.put(type, row, current);
  const action =
    'deleted_at' in values && values.deleted_at
      ? 'delete'
      : 'voided_at' in values && values.voided_at
        ? 'void'
        : 'update';
  env.audit.push({ entity_type: type, entity_uuid: current.uuid, action, before: current, after: row });
  return { row };
}

function idOf(op: PushOp, uuid: string) {
  return { ...(op.op_id ? { op_id: op.op_id } : {}), entity_type: op.entity_type, uuid };
}

function describe(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([f, m]) => `${f} ${m}`)
    .join('; ');
}
