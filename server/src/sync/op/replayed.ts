import { entityTypeOf } from '../../../../shared';
import type { BatchState } from '../batch-state';
import { toWire } from '../rows';
import type { OpOutcome } from './env';

/**
 * The stored answer to an op sent again, with its row as it is now. The desk resends only when it never read
 * the first answer, and it stores the answer's row as synced; while its op waited it left that row out of its
 * pulls and its cursor moved on, so a row from the first answer would hide for good any version written since.
 */
export function replayedOutcome(state: BatchState, stored: OpOutcome): OpOutcome {
  if (stored.kind === 'error') return stored;
  const now = state.get(entityTypeOf(stored.item.entity_type), stored.item.uuid);
  if (!now) return stored;
  return { ...stored, item: { ...stored.item, entity: toWire(now) } } as OpOutcome;
}

/**
 * What is stored for replay: a success without its row, which a replay takes from the table as it is then
 * (the row is never removed, only marked deleted), so each answer's row is not written a second time.
 */
export function storedForm(outcome: OpOutcome): OpOutcome {
  if (outcome.kind !== 'success') return outcome;
  const { entity: _entity, ...item } = outcome.item;
  return { kind: 'success', item } as OpOutcome;
}
