import type { Kysely } from 'kysely';
import { localDateOf, type PushOp } from '../../../../shared';
import type { ServerDatabase } from '../../db/schema';
import type { BatchState } from '../batch-state';
import type { OpEnv, Refusal, Values } from '../op/env';
import type { ServerRow } from '../rows';
import type { EntityRules } from '.';

/** A period an approved run closed for one supplier. */
interface ClosedPeriod {
  code: string;
  name: string;
  from: string;
  to: string;
  /** A run of one product closes only that product's collections (and every payment). */
  product_uuid: string | null;
}

/** What each batch loaded: the closed periods of the suppliers its ops touch. */
const closedByBatch = new WeakMap<BatchState, Map<string, ClosedPeriod[]>>();

type Dated = 'collections' | 'payments';
const DATE_FIELD: Record<Dated, string> = { collections: 'collected_at', payments: 'paid_at' };
const WHAT: Record<Dated, string> = { collections: 'collections', payments: 'payments' };

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

export function closedFor(env: OpEnv, type: Dated, row: Values): { period: ClosedPeriod; day: string } | null {
  const periods = closedByBatch.get(env.state)?.get(row.supplier_uuid as string) ?? [];
  const instant = row[DATE_FIELD[type]];
  if (periods.length === 0 || typeof instant !== 'string') return null;
  const day = localDateOf(instant, env.orgTimeZone);
  for (const period of periods) {
    if (day < period.from || day > period.to) continue;
    if (type === 'collections' && period.product_uuid && period.product_uuid !== row.product_uuid) continue;
    return { period, day };
  }
  return null;
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
      const { period, day } = hit;
      const field = DATE_FIELD[type];
      return {
        status: 422,
        code: 'PERIOD_CLOSED',
        message:
          `${period.from} to ${period.to} is closed for this supplier by settlement run ${period.code} ` +
          `"${period.name}": ${WHAT[type]} dated ${day} can no longer change; record an adjustment dated in the open period instead`,
        fields: {
          [field]: `is in the period closed by settlement run ${period.code} (${period.from} to ${period.to})`,
        },
      };
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
