import { sql } from 'kysely';
import type { DashboardSummary } from '../../../../shared/ipc/types';
import type { Executor } from './context';

/** The day's collections (quantities per unit: kilograms and litres never add up) and payments, for the dashboard. */
export async function dayTotals(
  exec: Executor,
  day: { start: string; end: string },
): Promise<Pick<DashboardSummary, 'collections' | 'payments'>> {
  const byUnit = await exec
    .selectFrom('collections')
    .innerJoin('products', 'products.uuid', 'collections.product_uuid')
    .select([
      'products.unit as unit',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(collections.quantity_milli)`.as('q'),
      sql<number>`sum(collections.amount_minor)`.as('a'),
    ])
    .where('collections.deleted_at', 'is', null)
    .where('collections.collected_at', '>=', day.start)
    .where('collections.collected_at', '<', day.end)
    .groupBy('products.unit')
    .orderBy('products.unit')
    .execute();
  const p = await exec
    .selectFrom('payments')
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount_minor), 0)`.as('a')])
    .where('deleted_at', 'is', null)
    .where('voided_at', 'is', null)
    .where('paid_at', '>=', day.start)
    .where('paid_at', '<', day.end)
    .executeTakeFirstOrThrow();
  return {
    collections: {
      count: byUnit.reduce((n, u) => n + Number(u.n), 0),
      amount_minor: byUnit.reduce((a, u) => a + Number(u.a), 0),
      by_unit: byUnit.map((u) => ({ unit: u.unit, quantity_milli: Number(u.q) })),
    },
    payments: { count: Number(p.n), amount_minor: Number(p.a) },
  };
}
