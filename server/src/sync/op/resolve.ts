import { newId, type ConflictType, type PushOp } from '../../../../shared';
import { toWire, type ServerRow } from '../rows';
import { trustedStamp } from './client-clock';
import { idOf, refused, type OpEnv, type OpOutcome, type Values } from './env';
import { clientWins } from './last-write-wins';
import { writeVersion } from './versioning';

const MESSAGES: Record<ConflictType, string> = {
  deleted: 'The record was deleted or changed on the server',
  concurrent: 'The same field was changed on the server',
  version: 'Server data is newer',
  timestamp: 'Server data is newer',
};

/**
 * Settles a conflict by the type's policy: server_wins keeps the row; last_write_wins applies the op when its
 * trusted stamp is later; manual keeps the row and leaves the conflict open for a supervisor. Either way the
 * conflict is recorded with both sides, so the losing one can be restored. `merged` is the row after the op's
 * uncontested fields were written (field-merge.ts); the stamp is still judged against the row the op met.
 */
export function resolveConflict(
  env: OpEnv,
  op: PushOp,
  current: ServerRow,
  type: ConflictType,
  base: number | undefined,
  values: Values,
  merged: ServerRow = current,
): OpOutcome {
  const resolution = env.policy[op.entity_type];
  let final = merged;
  if (resolution === 'last_write_wins' && clientWins(trustedStamp(env, op), current)) {
    // A client that wins over a deletion brings the row back.
    const winning = type === 'deleted' && !('deleted_at' in values) ? { ...values, deleted_at: null } : values;
    const written = writeVersion(env, op, merged, winning);
    if (!('row' in written)) return refused(op, written);
    final = written.row;
  }
  const conflictId = newId();
  const serverData = toWire(merged);
  // A desk's delete says "deleted" in what it sent, so the supervisor sees that side of the conflict.
  const clientData = op.operation === 'delete' ? { ...op.data, deleted_at: values.deleted_at } : op.data;
  env.conflicts.push({
    id: conflictId,
    entity_type: op.entity_type,
    entity_uuid: current.uuid,
    type,
    resolution,
    status: resolution === 'manual' ? 'open' : 'auto',
    op_id: op.op_id ?? null,
    client_data: clientData,
    server_data: serverData,
  });
  const message = MESSAGES[type];
  return {
    kind: 'conflict',
    item: {
      ...idOf(op, current.uuid),
      conflict_id: conflictId,
      type,
      client_version: base ?? null,
      server_version: merged.version,
      client_data: clientData,
      server_data: serverData,
      resolution,
      entity: toWire(final),
      message: resolution === 'manual' ? `${message}; a supervisor will resolve it` : message,
    },
  };
}
