import type { Kysely } from 'kysely';
import {
  closedPeriodOf,
  periodClosedRefusal,
  type ClosedHit,
  type ClosedPeriod,
  type DatedType,
  type PushOp,
} from '../../../../shared';
import type { ServerDatabase } from '../../db/schema';
import type { BatchState } from '../batch-state';
import type { OpEnv, Refusal, Values } from '../op/env';
import type { ServerRow } from '../rows';
import type { EntityRules } from '.';

/** What each batch loaded: the closed periods of the suppliers its ops touch. */
const closedByBatch = new WeakMap<BatchState, Map<string, ClosedPeriod[]>>();

type Dated = DatedType;

async function loadClosed(trx: Kysely<ServerDatabase>, state: BatchState, type: Dated, ops: readonly PushOp[]) {
  const suppliers = new Set<string>();
  for (const op of ops) {
    if (typeof op.data.supplier_uuid === 'string') suppliers.add(op.data.supplier_uuid);
    const current = typeof op.data.uuid === 'string' ? state.get(type, op.data.uuid) : null;
    if (current) suppliers.add(current.supplier_uuid as string);
  }
  const known = closedByBatch.get(state) ?? new Map<string, ClosedPeriod[]>();
  closedByBatch.set(state, known);
  const missing = [...suppliers].filter((s) => !known.has(s));
  if (missing.length === 0) return;
  for (const s of missing) known.set(s, []);
  state.noteRead('settlement_lines', 'supplier_uuid', missing);
  state.noteRead('settlement_runs', null, []);
  const rows = await trx
    .selectFrom('settlement_lines as l')
    .innerJoin('settlement_runs as r', 'r.uuid', 'l.run_uuid')
    .select(['l.supplier_uuid', 'r.code', 'r.name', 'r.period_from', 'r.period_to', 'r.product_uuid'])
    .where('l.supplier_uuid', 'in', missing)
    .where('r.status', 'in', ['approved', 'paid'])
    .where('r.kind', '=', 'regular')
    .where('r.deleted_at', 'is', null)
    .where('l.deleted_at', 'is', null)
    .execute();
  for (const r of rows)
    known.get(r.supplier_uuid)!.push({
      code: r.code,
      name: r.name,
      from: r.period_from,
      to: r.period_to,
      product_uuid: r.product_uuid,
    });
}

export function closedFor(env: OpEnv, type: Dated, row: Values): ClosedHit | null {
  const periods = closedByBatch.get(env.state)?.get(row.supplier_uuid as string) ?? [];
  return closedPeriodOf(periods, type, row, env.orgTimeZone);
}

/**
 * Approving a run closes its period for its suppliers: no collection or payment dated in it may be created,
 * edited, voided or deleted any more (neither where it was nor where an edit would move it). Corrections are
 * new entries dated in the open period.
 */
function periodCloseRules(type: Dated): EntityRules {
  return {
    load: (trx, state, ops) => loadClosed(trx, state, type, ops),
    compute(env, next, current: ServerRow | null): Refusal | null {
      const hit = (current && closedFor(env, type, current)) || closedFor(env, type, next);
      if (!hit) return null;
      return { status: 422, code: 'PERIOD_CLOSED', ...periodClosedRefusal(type, hit) };
    },
  };
}

/** Runs the type's own rules, then the period-close check, in the order the push steps call them. */
export function withPeriodClose(type: Dated, own: EntityRules = {}): EntityRules {
  const close = periodCloseRules(type);
  return {
    async load(trx, state, ops) {
      // The closed periods need only the ops and their stored rows (loaded before): read beside the type's own
      // loads, not after them (one round trip less per batch).
      await Promise.all([own.load?.(trx, state, ops), close.load!(trx, state, ops)]);
    },
    ...(own.checkUpdate ? { checkUpdate: own.checkUpdate } : {}),
    compute(env, next, current) {
      return close.compute!(env, next, current) ?? own.compute?.(env, next, current) ?? null;
    },
  };
}
