import { toIsoInstant, type ConflictType, type EntityType, type PushOp } from '../../../../shared';
import type { ServerRow } from '../rows';
import type { OpEnv, Values } from './env';
import { overlappingFields } from './field-merge';

/** A later op of the same batch on a row this batch already changed builds on that change, not on a conflict. */
export function rebase(
  env: OpEnv,
  type: EntityType,
  uuid: string,
  current: ServerRow,
  base: number | undefined,
): number | undefined {
  const before = env.batchBase.get(`${type}:${uuid}`);
  if (base !== undefined && before !== undefined && base === before) return current.version;
  return base;
}

/**
 * Which conflict an update meets, if any: the row was deleted; without a base version, a client edit older than
 * the server's (timestamp); with changed_fields, a field someone else changed since the base to another value
 * (concurrent), other fields merging; without them, any newer server version (version).
 */
export function classifyUpdate(
  op: PushOp,
  current: ServerRow,
  base: number | undefined,
  clientTime: string | undefined,
  fields: readonly string[],
  values: Values,
): { conflict: ConflictType | null; merged: boolean; overlap?: string[] } {
  if (current.deleted_at) return { conflict: 'deleted', merged: false };
  if (base === undefined) {
    const older = !!clientTime && toIsoInstant(clientTime) < current.updated_at;
    return { conflict: older ? 'timestamp' : null, merged: false };
  }
  if (op.changed_fields) {
    const overlap = overlappingFields(current, base, fields, values);
    if (overlap.length) return { conflict: 'concurrent', merged: false, overlap };
    return { conflict: null, merged: base < current.version };
  }
  return { conflict: base < current.version ? 'version' : null, merged: false };
}
