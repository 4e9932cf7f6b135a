import type { PushOp } from '../../../../shared';
import type { ServerRow } from '../rows';
import { trustedStamp } from './client-clock';
import { refused, type OpEnv, type OpOutcome, type Values } from './env';
import { clientWins } from './last-write-wins';
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
  // When the edit wins the overlap (last_write_wins, later stamp) all of it is written as one version; an error
  // item must change nothing, so no half of it is written before the other half could still be refused.
  const wins = env.policy[op.entity_type] === 'last_write_wins' && clientWins(trustedStamp(env, op), current);
  if (wins || Object.keys(clean).length === 0) return resolveConflict(env, op, current, 'concurrent', base, values);
  const merged = writeVersion(env, op, current, clean);
  if (!('row' in merged)) return refused(op, merged);
  return resolveConflict(env, op, current, 'concurrent', base, contested, merged.row);
}
