import { entityTypeOf, type PushOp } from '../../../../shared';
import type { BatchState } from '../batch-state';
import { toWire } from '../rows';
import { idOf, type OpOutcome } from './env';

/**
 * The stored answer to an op sent again, with its row as it is now. The desk resends only when it never read
 * the first answer, and it stores the answer's row as synced; while its op waited it left that row out of its
 * pulls and its cursor moved on, so a row from the first answer would hide for good any version written since.
 * A success is stored without what the op itself says (`storedForm`): taken from the op sent again, which is the
 * same op (its request hash matched). An answer stored whole (by an earlier server) keeps its own.
 */
export function replayedOutcome(state: BatchState, stored: OpOutcome, op: PushOp, uuid: string): OpOutcome {
  if (stored.kind !== 'success') return stored;
  const item = { ...idOf(op, uuid), ...stored.item };
  const now = state.get(entityTypeOf(item.entity_type), item.uuid);
  return { kind: 'success', item: now ? { ...item, entity: toWire(now) } : item };
}

/**
 * What is stored for replay: a success without its row, which a replay takes from the table as it is then
 * (the row is never removed, only marked deleted), and without the op's id, type and record (the op sent again
 * gives them): a fifth of a push's bytes to MySQL were these copies.
 */
export function storedForm(outcome: OpOutcome): OpOutcome {
  if (outcome.kind !== 'success') return outcome;
  const { entity: _entity, op_id: _opId, entity_type: _type, uuid: _uuid, ...item } = outcome.item;
  return { kind: 'success', item } as OpOutcome;
}
