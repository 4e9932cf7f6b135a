import type { Transaction } from 'kysely';
import { localDateOf, SHIFT_LABELS, type PushOp, type Shift } from '../../../../shared';
import type { ServerDatabase } from '../../db/schema';
import { fromMysqlDateTime, toMysqlDateTime } from '../../db/time';
import type { BatchState } from '../batch-state';
import { invalid, type OpEnv, type Refusal, type Values } from '../op/env';

/**
 * One delivery of a product per supplier per shift and day unless the clerk confirmed a second: the desk checks it at entry,
 * and the server again, since two desks may each take one offline. Only the pushed collections' suppliers,
 * within a day and a half of the pushed times, are read.
 */
const nearby = new WeakMap<BatchState, Neighbour[]>();

interface Neighbour {
  uuid: string;
  supplier: string;
  product: string;
  shift: string;
  at: string;
}

const WINDOW_MS = 36 * 3_600_000;

export async function loadShiftNeighbours(
  trx: Transaction<ServerDatabase>,
  state: BatchState,
  ops: readonly PushOp[],
): Promise<void> {
  const times = ops.flatMap((op) =>
    typeof op.data.collected_at === 'string' && typeof op.data.supplier_uuid === 'string'
      ? [{ supplier: op.data.supplier_uuid, at: Date.parse(op.data.collected_at) }]
      : [],
  );
  const found: Neighbour[] = [];
  for (const { supplier, at } of times) {
    if (Number.isNaN(at)) continue;
    const rows = await trx
      .selectFrom('collections')
      .select(['uuid', 'supplier_uuid', 'product_uuid', 'shift', 'collected_at'])
      .where('supplier_uuid', '=', supplier)
      .where('deleted_at', 'is', null)
      .where('shift', 'is not', null)
      .where('collected_at', '>=', toMysqlDateTime(new Date(at - WINDOW_MS)))
      .where('collected_at', '<', toMysqlDateTime(new Date(at + WINDOW_MS)))
      .execute();
    for (const r of rows)
      found.push({
        uuid: r.uuid,
        supplier: r.supplier_uuid,
        product: r.product_uuid,
        shift: String(r.shift),
        at: fromMysqlDateTime(r.collected_at)!,
      });
  }
  nearby.set(state, found);
}

export function checkOnePerShift(env: OpEnv, uuid: string, next: Values): Refusal | null {
  const shift = next.shift as Shift | null;
  if (shift === null || shift === undefined || next.second_delivery === true) return null;
  const date = localDateOf(next.collected_at as string, env.orgTimeZone);
  const clash = (nearby.get(env.state) ?? []).some(
    (c) =>
      c.uuid !== uuid &&
      c.supplier === next.supplier_uuid &&
      c.product === next.product_uuid &&
      c.shift === shift &&
      localDateOf(c.at, env.orgTimeZone) === date &&
      !env.state.get('collections', c.uuid)?.deleted_at,
  );
  if (!clash) return null;
  return invalid({
    second_delivery: `this supplier already delivered this product in the ${SHIFT_LABELS[shift].toLowerCase()} shift on ${date}: confirm a second delivery`,
  });
}
