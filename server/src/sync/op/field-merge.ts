import type { PushOp } from '../../../../shared';
import type { ServerRow } from '../rows';
import { refused, type OpEnv, type OpOutcome, type Values } from './env';
import { resolveConflict } from './resolve';
import { writeVersion } from './versioning';

/** The fields of an edit that someone else changed since its base, to another value: what the policy decides. */
export function overlappingFields(current: ServerRow, base: number, fields: readonly string[], values: Values) {
  return fields.filter((f) => (current.field_versions[f] ?? 0) > base && current[f] !== values[f]);
}

/**
 * Field merge first, policy second: the fields only this edit changed are written at once (another desk's
 * phone never costs this desk its notes); only the overlapping ones go to the type's conflict policy.
 */
export function mergeThenSettle(
  env: OpEnv,
  op: PushOp,
  current: ServerRow,
  base: number,
  overlap: readonly string[],
  values: Values,
): OpOutcome {
  const clean = Object.fromEntries(Object.entries(values).filter(([f]) => !overlap.includes(f)));
  const contested = Object.fromEntries(Object.entries(values).filter(([f]) => overlap.includes(f)));
  if (Object.keys(clean).length === 0) return resolveConflict(env, op, current, 'concurrent', base, contested);
  const merged = writeVersion(env, op, current, clean);
  if (!('row' in merged)) return refused(op, merged);
  return resolveConflict(env, op, current, 'concurrent', base, contested, merged.row);
}
