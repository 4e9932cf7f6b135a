import { entity, shapeOfEntity, type EntityType, type FieldSpec, type PushOp } from '../../../shared';
import { toWire, type ServerRow } from './rows';
import { RULES } from './rules';
import { trustedStamp } from './op/client-clock';
import { classifyUpdate, rebase } from './op/conflict-kind';
import { createDispute, implicitBase } from './op/unversioned';
import { idOf, invalid, refused, type OpEnv, type OpOutcome, type Values } from './op/env';
import { mergeThenSettle } from './op/field-merge';
import { integrityProblems } from './op/integrity';
import { checkPermission } from './op/permission';
import { resolveConflict } from './op/resolve';
import { checkChangedFields, checkClientTimestamp, parseData, valuesOf, type ParsedData } from './op/validation';
import { writeVersion } from './op/versioning';

export type { OpEnv, OpOutcome } from './op/env';

/**
 * Applies one op of a batch to the batch state; never throws for bad input (that is an error item). Each step
 * lives in its own file under op/: permission, validation, integrity, conflict kind, resolution (with
 * last-write-wins), versioning and audit; the type's own rules (pricing, voids) in rules/.
 */
export function applyOp(env: OpEnv, op: PushOp, checked?: ParsedData): OpOutcome {
  const refusal = checkPermission(env.claims.role, op) ?? checkClientTimestamp(op);
  if (refusal) return refused(op, refusal);
  // parseOps already checked the data (for the op's hash): not parsed again.
  const parsed = checked ?? parseData(op);
  if (!parsed.ok) return refused(op, parsed.refusal);
  if (op.operation === 'create') return applyCreate(env, op, parsed.data);
  if (op.operation === 'update') return applyUpdate(env, op, parsed.data);
  return applyDelete(env, op, parsed.data);
}

type OpData = Extract<ParsedData, { ok: true }>['data'];

function applyCreate(env: OpEnv, op: PushOp, data: OpData): OpOutcome {
  const type = op.entity_type;
  const uuid = data.uuid;
  const shape = shapeOfEntity(type);
  const values = valuesOf(type, data, shape.fields);
  const existing = env.state.get(type, uuid);
  if (existing) {
    // Another desk made this uuid with other values: a dispute the policy settles, its data kept either way.
    const disputed = createDispute(existing, values);
    if (disputed) {
      const problems = integrityProblems(env, type, uuid, values);
      if (problems) return refused(op, invalid(problems));
      return resolveConflict(env, op, existing, disputed, 0, values);
    }
    return {
      kind: 'success',
      item: { ...idOf(op, uuid), entity: toWire(existing), merged: false, message: 'Already exists' },
    };
  }
  const { fills, fieldVersions } = createFactsOf(type);
  for (const { name, now } of fills) {
    if (now) values[name] ??= env.now;
    else values[name] = null;
  }
  const problems = integrityProblems(env, type, uuid, values);
  if (problems) return refused(op, invalid(problems));
  const computed = RULES[type]?.compute?.(env, values, null);
  if (computed) return refused(op, computed);
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
    field_versions: { ...fieldVersions },
    last_hlc: trustedStamp(env, op),
  } as ServerRow;
  env.batchBase.set(`${type}:${uuid}`, 0);
  env.state.put(type, row, null);
  env.audit.push({ entity_type: type, entity_uuid: uuid, action: 'create', before: null, after: row });
  return { kind: 'success', item: { ...idOf(op, uuid), entity: toWire(row), merged: false } };
}

/** What a create of a type fills in, from the registry once per type (in the registry's order). */
interface CreateFacts {
  /**
   * In the registry's order, the fields a create fills in: given the moment of the write when the op leaves them
   * out (`now`), or null to start with (`unset`, set later by a field action).
   */
  fills: readonly { name: string; now: boolean }[];
  /** A new row's per-field versions: every field at 1 (copied for each row). */
  fieldVersions: Readonly<Record<string, number>>;
}

const CREATE_FACTS = new Map<EntityType, CreateFacts>();

function createFactsOf(type: EntityType): CreateFacts {
  let facts = CREATE_FACTS.get(type);
  if (facts) return facts;
  const fields = Object.entries(entity(type).fields) as [string, FieldSpec][];
  facts = {
    fills: fields
      .filter(([, field]) => field.create === 'now' || field.create === 'unset')
      .map(([name, field]) => ({ name, now: field.create === 'now' })),
    fieldVersions: Object.fromEntries(shapeOfEntity(type).fields.map((f) => [f, 1])),
  };
  CREATE_FACTS.set(type, facts);
  return facts;
}

function applyUpdate(env: OpEnv, op: PushOp, data: OpData): OpOutcome {
  const type = op.entity_type;
  const uuid = data.uuid;
  const current = env.state.get(type, uuid);
  if (!current) return refused(op, { status: 404, code: 'NOT_FOUND', message: `No ${type} record has uuid ${uuid}` });
  const badFields = checkChangedFields(op, data);
  if (badFields) return refused(op, badFields);
  const fields = op.changed_fields ?? shapeOfEntity(type).updatable.filter((f) => f in data && data[f] !== undefined);
  const values: Values = valuesOf(type, data, fields);
  const forbidden = RULES[type]?.checkUpdate?.(values, current);
  if (forbidden) return refused(op, forbidden);
  const problems = integrityProblems(env, type, uuid, values);
  if (problems) return refused(op, invalid(problems));

  const base = rebase(env, type, uuid, current, data.version ?? implicitBase(type, data.updated_at));
  if (base !== undefined && base > current.version) {
    return refused(
      op,
      invalid(
        { version: `is ahead of the server (${current.version})` },
        `data.version ${base} is ahead of the server's ${current.version}`,
      ),
    );
  }
  const { conflict, merged, overlap } = classifyUpdate(op, current, base, data.updated_at, fields, values);
  if (conflict === 'concurrent' && overlap && base !== undefined)
    return mergeThenSettle(env, op, current, base, overlap, values);
  if (conflict) return resolveConflict(env, op, current, conflict, base, values);
  const written = writeVersion(env, op, current, values);
  if (!('row' in written)) return refused(op, written);
  return { kind: 'success', item: { ...idOf(op, uuid), entity: toWire(written.row), merged } };
}

function applyDelete(env: OpEnv, op: PushOp, data: OpData): OpOutcome {
  const type = op.entity_type;
  const { uuid, version } = data;
  const current = env.state.get(type, uuid);
  if (!current) return refused(op, { status: 404, code: 'NOT_FOUND', message: `No ${type} record has uuid ${uuid}` });
  if (current.deleted_at) {
    return {
      kind: 'success',
      item: { ...idOf(op, uuid), entity: toWire(current), merged: false, message: 'Already deleted' },
    };
  }
  const base = rebase(env, type, uuid, current, version);
  const values = { deleted_at: env.now };
  if (base !== undefined && base < current.version) return resolveConflict(env, op, current, 'deleted', base, values);
  const written = writeVersion(env, op, current, values);
  if (!('row' in written)) return refused(op, written);
  return { kind: 'success', item: { ...idOf(op, uuid), entity: toWire(written.row), merged: false } };
}
