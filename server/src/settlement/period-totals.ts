import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  dayBounds,
  deliveryAdjustmentLabel,
  localDateOf,
  paymentAdjustmentLabel,
  type AdjustmentEntry,
  type ChargeTerms,
  type CollectionTotal,
  type PaymentTotal,
  type PaymentType,
  type ProductRef,
  type SettlementPeriod,
  type SupplierRef,
} from '../../../shared';
import type { ServerDatabase } from '../db/schema';
import { fromMysqlDateTime, toMysqlDateTime } from '../db/time';

/** Which records a run reads: its period (organisation calendar days) and optional route / product filters. */
export interface RunScope {
  period: SettlementPeriod;
  orgTimeZone: string;
  /** Only suppliers whose route (region) is this; '' or undefined = all. */
  route?: string;
  product_uuid?: string | null;
}

/** SUM() of BIGINT comes back as a DECIMAL string; counts as numbers. Both must be safe integers. */
function safeInt(value: unknown, label: string): number {
  const n = typeof value === 'number' ? value : Number(BigInt(String(value)));
  if (!Number.isSafeInteger(n)) throw new RangeError(`${label} is too large`);
  return n;
}

/** A uuid read back from a binary key (uuids are ASCII). */
function uuidOf(key: Buffer | string): string {
  return typeof key === 'string' ? key : key.toString('latin1');
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The UTC instants a run's period spans: [start, end). */
export function periodInstants(scope: RunScope): { start: string; end: string } {
  return {
    start: toMysqlDateTime(dayBounds(scope.period.from, scope.orgTimeZone).start),
    end: toMysqlDateTime(dayBounds(scope.period.to, scope.orgTimeZone).end),
  };
}

/**
 * The days inside the period where a percent or per-unit charge starts or stops: collections are summed per
 * stretch between them, so the engine applies each charge to exactly the days it was active on.
 */
export function chargeCutDays(period: SettlementPeriod, charges: ChargeTerms[]): string[] {
  const cuts = new Set<string>();
  for (const charge of charges) {
    if (charge.kind === 'fixed') continue;
    if (charge.active_from > period.from && charge.active_from <= period.to) cuts.add(charge.active_from);
    if (charge.active_to !== null && charge.active_to >= period.from && charge.active_to < period.to)
      cuts.add(nextDay(charge.active_to));
  }
  return [...cuts].sort();
}

/** Only the suppliers of the scope's route, as a semi-join the optimiser turns into a lookup. */
function onRoute(db: Kysely<ServerDatabase>, route: string) {
  return db.selectFrom('suppliers').select('uuid').where('region', '=', route);
}

/** Collections of the period summed per supplier, product and charge stretch — one aggregating query. */
export async function collectionTotals(
  db: Kysely<ServerDatabase>,
  scope: RunScope,
  charges: ChargeTerms[],
): Promise<CollectionTotal[]> {
  const { start, end } = periodInstants(scope);
  const cuts = chargeCutDays(scope.period, charges);
  const days = [scope.period.from, ...cuts];
  const stretch: RawBuilder<number> =
    cuts.length === 0
      ? sql<number>`0`
      : sql<number>`case ${sql.join(
          cuts.map(
            (day, i) =>
              sql`when t.collected_at < ${toMysqlDateTime(dayBounds(day, scope.orgTimeZone).start)} then ${i}`,
          ),
          sql` `,
        )} else ${cuts.length} end`;
  const rows = await db
    .selectFrom('collections as t')
    .where('t.deleted_at', 'is', null)
    .where('t.collected_at', '>=', start)
    .where('t.collected_at', '<', end)
    .where('t.adjusts_uuid', 'is', null)
    // Binary keys: grouping on the utf8mb4 collation of the uuid columns costs several times the scan itself.
    .select([
      sql<Buffer>`cast(t.supplier_uuid as binary)`.as('supplier_key'),
      sql<Buffer>`cast(t.product_uuid as binary)`.as('product_key'),
      stretch.as('stretch'),
      sql<number>`count(*)`.as('entries'),
      sql<string>`sum(t.quantity_milli)`.as('quantity_milli'),
      sql<string>`sum(t.amount_minor)`.as('amount_minor'),
      sql<number>`min(t.rate_minor)`.as('rate_min'),
      sql<number>`max(t.rate_minor)`.as('rate_max'),
    ])
    .$if(Boolean(scope.route), (q) => q.where('t.supplier_uuid', 'in', onRoute(db, scope.route!)))
    .$if(Boolean(scope.product_uuid), (q) => q.where('t.product_uuid', '=', scope.product_uuid!))
    .groupBy(['supplier_key', 'product_key', 'stretch'])
    .execute();
  return rows.map((r) => {
    const min = safeInt(r.rate_min, 'rate');
    return {
      supplier_uuid: uuidOf(r.supplier_key),
      product_uuid: uuidOf(r.product_key),
      day: days[safeInt(r.stretch, 'stretch')]!,
      entries: safeInt(r.entries, 'entries'),
      quantity_milli: safeInt(r.quantity_milli, 'quantity'),
      amount_minor: safeInt(r.amount_minor, 'gross'),
      rate_minor: min === safeInt(r.rate_max, 'rate') ? min : null,
    };
  });
}

/** Advances and part payments of the period, not voided, summed per supplier and type. */
export async function paymentTotals(db: Kysely<ServerDatabase>, scope: RunScope): Promise<PaymentTotal[]> {
  const { start, end } = periodInstants(scope);
  const rows = await db
    .selectFrom('payments as t')
    .where('t.deleted_at', 'is', null)
    .where('t.paid_at', '>=', start)
    .where('t.paid_at', '<', end)
    .where('t.voided_at', 'is', null)
    .where('t.adjusts_uuid', 'is', null)
    .where('t.type', 'in', ['advance', 'partial'])
    .select([
      't.supplier_uuid',
      't.type',
      sql<number>`count(*)`.as('entries'),
      sql<string>`sum(t.amount_minor)`.as('amount'),
    ])
    .$if(Boolean(scope.route), (q) => q.where('t.supplier_uuid', 'in', onRoute(db, scope.route!)))
    .groupBy(['t.supplier_uuid', 't.type'])
    .execute();
  return rows.map((r) => ({
    supplier_uuid: r.supplier_uuid,
    type: r.type as PaymentType,
    entries: safeInt(r.entries, 'entries'),
    amount_minor: safeInt(r.amount, 'payments'),
  }));
}

/**
 * Adjustments dated in the period, one by one (they are few), each named after the record it corrects: a
 * collection's difference at its amount, a payment's minus its amount (a reversal is owed back to the supplier).
 */
export async function adjustmentEntries(db: Kysely<ServerDatabase>, scope: RunScope): Promise<AdjustmentEntry[]> {
  const { start, end } = periodInstants(scope);
  const collections = await db
    .selectFrom('collections as t')
    .innerJoin('collections as o', 'o.uuid', 't.adjusts_uuid')
    .innerJoin('products as p', 'p.uuid', 't.product_uuid')
    .where('t.deleted_at', 'is', null)
    .where('t.collected_at', '>=', start)
    .where('t.collected_at', '<', end)
    .select(['t.uuid', 't.supplier_uuid', 't.product_uuid', 't.quantity_milli', 't.amount_minor', 't.adjusts_uuid'])
    .select(['o.collected_at as original_at', 'p.code as product_code'])
    .$if(Boolean(scope.route), (q) => q.where('t.supplier_uuid', 'in', onRoute(db, scope.route!)))
    .$if(Boolean(scope.product_uuid), (q) => q.where('t.product_uuid', '=', scope.product_uuid!))
    .execute();
  const payments = await db
    .selectFrom('payments as t')
    .innerJoin('payments as o', 'o.uuid', 't.adjusts_uuid')
    .where('t.deleted_at', 'is', null)
    .where('t.voided_at', 'is', null)
    .where('t.paid_at', '>=', start)
    .where('t.paid_at', '<', end)
    .select(['t.uuid', 't.supplier_uuid', 't.amount_minor', 't.adjusts_uuid', 'o.paid_at as original_at', 'o.type'])
    .$if(Boolean(scope.route), (q) => q.where('t.supplier_uuid', 'in', onRoute(db, scope.route!)))
    .execute();
  const day = (at: string) => localDateOf(fromMysqlDateTime(at)!, scope.orgTimeZone);
  return [
    ...collections.map((c) => ({
      supplier_uuid: c.supplier_uuid,
      uuid: c.uuid,
      adjusts_uuid: c.adjusts_uuid!,
      label: deliveryAdjustmentLabel(day(c.original_at), c.product_code),
      product_uuid: c.product_uuid,
      quantity_milli: safeInt(c.quantity_milli, 'quantity'),
      owed_minor: safeInt(c.amount_minor, 'adjustment'),
    })),
    ...payments.map((p) => ({
      supplier_uuid: p.supplier_uuid,
      uuid: p.uuid,
      adjusts_uuid: p.adjusts_uuid!,
      label: paymentAdjustmentLabel(day(p.original_at), p.type),
      product_uuid: null,
      quantity_milli: 0,
      owed_minor: -safeInt(p.amount_minor, 'adjustment'),
    })),
  ];
}

/** Suppliers and products by uuid for the lines' names, routes and codes. */
export async function references(
  db: Kysely<ServerDatabase>,
  supplierUuids: Iterable<string>,
): Promise<{ suppliers: SupplierRef[]; products: ProductRef[] }> {
  const wanted = new Set(supplierUuids);
  const [suppliers, products] = await Promise.all([
    wanted.size === 0
      ? Promise.resolve([])
      : db.selectFrom('suppliers').select(['uuid', 'code', 'name', 'region']).execute(),
    db.selectFrom('products').select(['uuid', 'code', 'name', 'unit']).execute(),
  ]);
  return {
    suppliers: suppliers
      .filter((s) => wanted.has(s.uuid))
      .map((s) => ({ uuid: s.uuid, code: s.code, name: s.name, route: s.region })),
    products,
  };
}
