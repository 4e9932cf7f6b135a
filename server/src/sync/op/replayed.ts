import { entityTypeOf, type PushOp } from '../../../../shared';
import type { BatchState } from '../batch-state';
import { toWire } from '../rows';
import { idOf, refused, type OpOutcome } from './env';

/**
 * The stored answer to an op sent again, with its row as it is now. The desk resends only when it never read
 * the first answer, and it stores the answer's row as synced; while its op waited it left that row out of its
 * pulls and its cursor moved on, so a row from the first answer would hide for good any version written since.
 * That holds for a conflict's row as for a success's.
 */
export function replayedOutcome(state: BatchState, stored: OpOutcome, op: PushOp, uuid: string): OpOutcome {
  if (stored.kind === 'error') return stored;
  const item = { ...idOf(op, uuid), ...stored.item };
  const now = state.get(entityTypeOf(item.entity_type), item.uuid);
  // Rows are never removed, only marked deleted: a row gone is a database restored from before the op.
  if (!now)
    return refused(op, { status: 404, code: 'NOT_FOUND', message: `No ${op.entity_type} record has uuid ${uuid}` });
  return { kind: stored.kind, item: { ...item, entity: toWire(now) } } as OpOutcome;
}

/**
 * What is stored for replay: a success without its row, which a replay takes from the table as it is then. The
 * op's id, type and record stay: a server from before (a rolling upgrade, a rollback) replays what this one
 * stored, and it takes them from there.
 */
export function storedForm(outcome: OpOutcome): OpOutcome {
  if (outcome.kind !== 'success') return outcome;
  const { entity: _entity, ...item } = outcome.item;
  return { kind: 'success', item } as OpOutcome;
}
