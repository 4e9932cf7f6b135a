import { entity, shapeOfEntity, type AccessSpec, type PushOp } from '../../../../shared';
import type { ServerRow } from '../rows';
import { RULES } from '../rules';
import { trustedStamp } from './client-clock';
import type { OpEnv, Refusal, Values } from './env';

/** The audit action of a write: delete, a field action once its first field is set (void), or update. */
function auditAction(op: PushOp, values: Values): string {
  if ('deleted_at' in values && values.deleted_at) return 'delete';
  const fieldActions = (entity(op.entity_type).access as AccessSpec).fieldActions ?? {};
  for (const [name, { fields }] of Object.entries(fieldActions)) {
    const marker = fields[0]!;
    if (marker in values && values[marker]) return name;
  }
  return 'update';
}

/**
 * Writes values onto a row as a new version: the type's computed fields are worked out again (a collection's
 * amount), each changed field records the version that set it, the row takes the next seq and the trusted
 * stamp, and an audit entry keeps before and after. Nothing really changing leaves the row be, unless `always`
 * (a supervisor's resolution is a version of its own even when it confirms what the row holds).
 */
export function writeVersion(
  env: OpEnv,
  op: PushOp,
  current: ServerRow,
  values: Values,
  options: { always?: boolean } = {},
): { row: ServerRow } | Refusal {
  const type = op.entity_type;
  const next: ServerRow = { ...current, ...values };
  const refused = RULES[type]?.compute?.(env, next, current);
  if (refused) return refused;
  const changed = [...shapeOfEntity(type).fields, 'deleted_at'].filter((f) => next[f] !== current[f]);
  if (changed.length === 0 && !options.always) return { row: current };
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
    last_hlc: trustedStamp(env, op) ?? current.last_hlc,
  };
  const key = `${type}:${current.uuid}`;
  if (!env.batchBase.has(key)) env.batchBase.set(key, current.version);
  env.state.put(type, row, current);
  env.audit.push({
    entity_type: type,
    entity_uuid: current.uuid,
    action: auditAction(op, values),
    before: current,
    after: row,
  });
  return { row };
}
