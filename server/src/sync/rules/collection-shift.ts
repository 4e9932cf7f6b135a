import type { Kysely } from 'kysely';
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
  trx: Kysely<ServerDatabase>,
  state: BatchState,
  ops: readonly PushOp[],
): Promise<void> {
  // Only a collection with a shift (pushed, or kept from the stored row) can clash.
  const withShift = ops.filter((op) => {
    const current = typeof op.data.uuid === 'string' ? state.get('collections', op.data.uuid) : null;
    return (op.data.shift ?? null) !== null || (current?.shift ?? null) !== null;
  });
  const windows = shiftWindows(withShift);
  if (windows.length) state.noteRead('collections', 'supplier_uuid', new Set(windows.map((w) => w.supplier)));
  const found: Neighbour[] = [];
  // One query for the whole batch (a query per op was 100 round trips a batch under the sequence lock).
  for (let i = 0; i < windows.length; i += WINDOWS_PER_QUERY) {
    const part = windows.slice(i, i + WINDOWS_PER_QUERY);
    const rows = await trx
      .selectFrom('collections')
      .select(['uuid', 'supplier_uuid', 'product_uuid', 'shift', 'collected_at'])
      .where('deleted_at', 'is', null)
      .where('shift', 'is not', null)
      .where((eb) =>
        eb.or(
          part.map((w) =>
            eb.and([
              eb('supplier_uuid', '=', w.supplier),
              eb('collected_at', '>=', toMysqlDateTime(new Date(w.from))),
              eb('collected_at', '<', toMysqlDateTime(new Date(w.to))),
            ]),
          ),
        ),
      )
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

/** Bounds the size of one statement; a batch is at most a few hundred ops, so this is one query in practice. */
const WINDOWS_PER_QUERY = 500;

/**
 * The time windows to read, per supplier: a day and a half either side of each pushed time, overlapping
 * windows merged (a batch of one supplier's day is one window, not one per op).
 */
export function shiftWindows(ops: readonly PushOp[]): { supplier: string; from: number; to: number }[] {
  const bySupplier = new Map<string, number[]>();
  for (const op of ops) {
    if (typeof op.data.collected_at !== 'string' || typeof op.data.supplier_uuid !== 'string') continue;
    const at = Date.parse(op.data.collected_at);
    if (Number.isNaN(at)) continue;
    const list = bySupplier.get(op.data.supplier_uuid) ?? [];
    list.push(at);
    bySupplier.set(op.data.supplier_uuid, list);
  }
  const windows: { supplier: string; from: number; to: number }[] = [];
  for (const [supplier, times] of bySupplier) {
    times.sort((a, b) => a - b);
    let current: { supplier: string; from: number; to: number } | null = null;
    for (const at of times) {
      if (current && at - WINDOW_MS <= current.to) current.to = at + WINDOW_MS;
      else windows.push((current = { supplier, from: at - WINDOW_MS, to: at + WINDOW_MS }));
    }
  }
  return windows;
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
