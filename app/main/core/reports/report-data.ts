import { sql } from 'kysely';
import { AppError, dayBounds, type PaymentRow, type SupplierRow } from '../../../../shared';
import type { Core } from '../create-core';
import { balanceOf } from '../domain/balances-service';
import { fromStored } from '../db/row-codec';
import { dailyWeighing } from './daily-weighing';

/** Report data straight from the desk's database; every figure an integer sum (docs/architecture.md "Reports"). */

export interface Period {
  from: string;
  to: string;
}

export function bounds(core: Core, period: Period) {
  if (period.from > period.to)
    throw new AppError('VALIDATION_FAILED', 'The period ends before it starts', {
      to: 'must be on or after the start date',
    });
  return {
    start: dayBounds(period.from, core.ctx.orgTimeZone).start,
    end: dayBounds(period.to, core.ctx.orgTimeZone).end,
  };
}

export async function dailyData(core: Core, date: string) {
  const { start, end } = dayBounds(date, core.ctx.orgTimeZone);
  const base = core.db
    .selectFrom('collections')
    .innerJoin('products', 'products.uuid', 'collections.product_uuid')
    .innerJoin('suppliers', 'suppliers.uuid', 'collections.supplier_uuid')
    .where('collections.deleted_at', 'is', null)
    .where('collections.collected_at', '>=', start)
    .where('collections.collected_at', '<', end);
  const byProduct = await base
    .select(['products.code as code', 'products.name as name', 'products.unit as unit'])
    .select([
      sql<number>`count(*)`.as('entries'),
      sql<number>`sum(collections.quantity_milli)`.as('quantity_milli'),
      sql<number>`sum(collections.amount_minor)`.as('amount_minor'),
    ])
    .groupBy(['products.uuid', 'products.code', 'products.name', 'products.unit'])
    .orderBy('products.code')
    .execute();
  const bySupplier = await base
    .select([
      'suppliers.code as code',
      'suppliers.name as name',
      'products.code as product_code',
      'products.unit as unit',
    ])
    .select([
      sql<number>`count(*)`.as('entries'),
      sql<number>`sum(collections.quantity_milli)`.as('quantity_milli'),
      sql<number>`sum(collections.amount_minor)`.as('amount_minor'),
    ])
    .groupBy(['suppliers.uuid', 'suppliers.code', 'suppliers.name', 'products.uuid', 'products.code', 'products.unit'])
    .orderBy('suppliers.code')
    .orderBy('products.code')
    .execute();
  const num = <T extends { entries: number; quantity_milli: number; amount_minor: number }>(rows: T[]) =>
    rows.map((r) => ({
      ...r,
      entries: Number(r.entries),
      quantity_milli: Number(r.quantity_milli),
      amount_minor: Number(r.amount_minor),
    }));
  const products = num(byProduct);
  return {
    date,
    byProduct: products,
    bySupplier: num(bySupplier),
    weighing: await dailyWeighing(core, start, end),
    total: {
      entries: products.reduce((s, r) => s + r.entries, 0),
      amount_minor: products.reduce((s, r) => s + r.amount_minor, 0),
    },
  };
}

export async function receiptData(core: Core, paymentUuid: string) {
  const stored = await core.db.selectFrom('payments').selectAll().where('uuid', '=', paymentUuid).executeTakeFirst();
  if (!stored) throw new AppError('NOT_FOUND', 'Payment was not found');
  const payment = fromStored('payments', stored) as PaymentRow;
  const supplierRow = await core.db
    .selectFrom('suppliers')
    .selectAll()
    .where('uuid', '=', payment.supplier_uuid)
    .executeTakeFirstOrThrow();
  const supplier = fromStored('suppliers', supplierRow) as SupplierRow;
  // The balance right after this payment: everything up to and including its moment.
  const after = await balanceOf(core.db, supplier.uuid, new Date(Date.parse(payment.paid_at) + 1).toISOString());
  return { payment, supplier, balanceAfter: after.balance_minor };
}

export async function settlementData(core: Core, period: Period) {
  const { start, end } = bounds(core, period);
  const suppliers = (
    await core.db.selectFrom('suppliers').selectAll().where('deleted_at', 'is', null).orderBy('code').execute()
  ).map((s) => fromStored('suppliers', s) as SupplierRow);
  const sums = async (
    table: 'collections' | 'payments',
    column: 'collected_at' | 'paid_at',
    from: string | null,
    to: string,
  ) => {
    let q = core.db
      .selectFrom(table)
      .select(['supplier_uuid', sql<number>`sum(amount_minor)`.as('total')])
      .where('deleted_at', 'is', null)
      .where(sql.ref(column), '<', to)
      .groupBy('supplier_uuid');
    if (from) q = q.where(sql.ref(column), '>=', from);
    if (table === 'payments') q = q.where(sql.ref('voided_at'), 'is', null);
    return new Map((await q.execute()).map((r) => [r.supplier_uuid, Number(r.total)]));
  };
  const [collectedBefore, paidBefore, collected, paid] = await Promise.all([
    sums('collections', 'collected_at', null, start),
    sums('payments', 'paid_at', null, start),
    sums('collections', 'collected_at', start, end),
    sums('payments', 'paid_at', start, end),
  ]);
  const rows = suppliers
    .map((s) => {
      const opening = (collectedBefore.get(s.uuid) ?? 0) - (paidBefore.get(s.uuid) ?? 0);
      const c = collected.get(s.uuid) ?? 0;
      const p = paid.get(s.uuid) ?? 0;
      return { code: s.code, name: s.name, opening, collected: c, paid: p, due: opening + c - p };
    })
    .filter((r) => r.opening !== 0 || r.collected !== 0 || r.paid !== 0);
  const total = rows.reduce(
    (t, r) => ({
      opening: t.opening + r.opening,
      collected: t.collected + r.collected,
      paid: t.paid + r.paid,
      due: t.due + r.due,
    }),
    { opening: 0, collected: 0, paid: 0, due: 0 },
  );
  return { period, rows, total };
}
