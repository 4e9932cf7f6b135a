import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeSecondPayment,
  computeSettlement,
  localDateOf,
  type BroughtForward,
  type ChargeTerms,
  type CollectionTotal,
  type CreditTerms,
  type PaymentTotal,
  type PaymentType,
} from '../../../shared';
import type { ServerEntityTable } from '../db/schema';
import { fromMysqlDateTime } from '../db/time';
import { createTestDatabase, type TestDatabase } from '../../test/mysql';
import { seedPayPeriod, type SeededPayPeriod } from '../../test/seed-pay-period';
import { computeRun } from './compute-run';
import { chargeCutDays } from './period-totals';

const TZ = 'Africa/Nairobi';
const PERIOD = { from: '2026-11-01', to: '2026-11-10' };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

type RawCollection = Pick<
  ServerEntityTable<'collections'>,
  'supplier_uuid' | 'product_uuid' | 'collected_at' | 'quantity_milli' | 'rate_minor' | 'amount_minor' | 'deleted_at'
> & { region: string };
type RawPayment = Pick<
  ServerEntityTable<'payments'>,
  'supplier_uuid' | 'paid_at' | 'amount_minor' | 'voided_at' | 'deleted_at'
> & {
  type: PaymentType;
  region: string;
};

describe('computeRun over MySQL', () => {
  let test: TestDatabase;
  let seeded: SeededPayPeriod;
  let raw: {
    collections: RawCollection[];
    payments: RawPayment[];
    suppliers: { uuid: string; code: string; name: string; region: string }[];
  };
  let charges: ChargeTerms[];
  let credits: CreditTerms[];
  let brought: BroughtForward[];

  beforeAll(async () => {
    test = await createTestDatabase();
    // One day either side of the period, to be left out.
    seeded = await seedPayPeriod(test.url, { suppliers: 90, days: 12, from: '2026-10-31', orgTimeZone: TZ });
    const { tea } = seeded.products;
    charges = [
      {
        uuid: id(1),
        code: 'MGT',
        name: 'Management fee',
        kind: 'percent',
        value: 1_500,
        product_uuid: null,
        sort_order: 1,
        active_from: '2026-01-01',
        active_to: null,
      },
      {
        uuid: id(2),
        code: 'TRN',
        name: 'Transport',
        kind: 'per_unit',
        value: 200,
        product_uuid: tea,
        sort_order: 2,
        active_from: '2026-11-04',
        active_to: null,
      },
      {
        uuid: id(3),
        code: 'CESS',
        name: 'Old cess',
        kind: 'percent',
        value: 250,
        product_uuid: tea,
        sort_order: 3,
        active_from: '2026-01-01',
        active_to: '2026-11-06',
      },
      {
        uuid: id(4),
        code: 'SOC',
        name: 'Society fee',
        kind: 'fixed',
        value: 15_000,
        product_uuid: null,
        sort_order: 4,
        active_from: '2026-11-10',
        active_to: null,
      },
    ];
    credits = seeded.suppliers.slice(0, 30).map((supplier, i) => ({
      uuid: id(100 + i),
      supplier_uuid: supplier,
      kind: i % 2 ? 'loan' : 'input',
      description: `Credit ${i}`,
      instalment_minor: 100_000 + i * 1_000,
      remaining_minor: 250_000,
      issued_on: '2026-09-01',
    }));
    brought = [
      { supplier_uuid: seeded.suppliers[7]!, kind: 'credit', name: 'Old loan', ref: id(999), amount_minor: 123_456 },
    ];
    const conn = await createConnection({ uri: test.url, timezone: 'Z', dateStrings: true, supportBigNumbers: true });
    const [collections] = await conn.query(
      'select c.supplier_uuid, c.product_uuid, c.collected_at, c.quantity_milli, c.rate_minor, c.amount_minor, c.deleted_at, s.region from collections c join suppliers s on s.uuid = c.supplier_uuid',
    );
    const [payments] = await conn.query(
      'select p.supplier_uuid, p.paid_at, p.amount_minor, p.type, p.voided_at, p.deleted_at, s.region from payments p join suppliers s on s.uuid = p.supplier_uuid',
    );
    const [suppliers] = await conn.query('select uuid, code, name, region from suppliers');
    await conn.end();
    raw = { collections, payments, suppliers } as typeof raw;
  }, 120_000);
  afterAll(async () => {
    await test?.drop();
  });

  /** The same run the plain way: every record on its own, its day in the organisation's calendar (the oracle). */
  function expected(route?: string) {
    const inPeriod = (instant: string) => {
      const day = localDateOf(fromMysqlDateTime(instant)!, TZ);
      return day >= PERIOD.from && day <= PERIOD.to ? day : null;
    };
    const collections: CollectionTotal[] = [];
    for (const c of raw.collections) {
      const day = inPeriod(c.collected_at);
      if (!day || c.deleted_at || (route && c.region !== route)) continue;
      collections.push({
        ...c,
        day,
        entries: 1,
        quantity_milli: Number(c.quantity_milli),
        amount_minor: Number(c.amount_minor),
        rate_minor: Number(c.rate_minor),
      });
    }
    const payments: PaymentTotal[] = raw.payments
      .filter((p) => inPeriod(p.paid_at) && !p.deleted_at && (!route || p.region === route))
      .map((p) => ({
        supplier_uuid: p.supplier_uuid,
        type: p.type,
        entries: 1,
        amount_minor: Number(p.amount_minor),
        voided: p.voided_at !== null,
      }));
    const suppliers = raw.suppliers.map((s) => ({ uuid: s.uuid, code: s.code, name: s.name, route: s.region }));
    const products = [
      { uuid: seeded.products.tea, code: 'TEA', name: 'Green tea leaf', unit: 'kg' },
      { uuid: seeded.products.milk, code: 'MILK', name: 'Fresh milk', unit: 'l' },
    ];
    return { period: PERIOD, suppliers, products, collections, payments, charges, credits, brought_forward: brought };
  }

  it('matches the engine run record by record, to the minor unit', async () => {
    const run = await computeRun(test.db, {
      period: PERIOD,
      orgTimeZone: TZ,
      charges,
      credits,
      brought_forward: brought,
    });
    expect(run).toEqual(computeSettlement(expected()));
    expect(run.lines).toHaveLength(90);
    // Something of everything happened: rate changes, cut charges, payments, credit, carried forward.
    const deductions = run.lines.flatMap((l) => l.deductions);
    expect(new Set(deductions.map((d) => d.kind))).toEqual(
      new Set(['brought_forward', 'advance', 'partial', 'charge', 'credit']),
    );
    expect(new Set(deductions.filter((d) => d.kind === 'charge').map((d) => d.name))).toEqual(
      new Set(['Management fee', 'Transport', 'Old cess', 'Society fee']),
    );
    expect(run.lines.some((l) => l.gross_lines.some((g) => g.rate_minor === null))).toBe(true);
    expect(run.totals.carried_forward_minor).toBeGreaterThan(0);
  });

  it('filters by route', async () => {
    const run = await computeRun(test.db, {
      period: PERIOD,
      orgTimeZone: TZ,
      route: 'Route B',
      charges,
      credits,
      brought_forward: [],
    });
    expect(run.lines.length).toBe(30);
    expect(run).toEqual(computeSettlement({ ...expected('Route B'), brought_forward: [] }));
  });

  it('computes a second payment over the period quantities', async () => {
    const rates = [{ product_uuid: seeded.products.tea, rate_minor: 150 }];
    const run = await computeRun(test.db, {
      kind: 'bonus',
      period: PERIOD,
      orgTimeZone: TZ,
      charges: [],
      credits: [],
      brought_forward: [],
      bonus_rates: rates,
    });
    const inp = expected();
    expect(run).toEqual(
      computeSecondPayment({
        ...inp,
        quantities: inp.collections,
        rates,
        charges: [],
        credits: [],
        brought_forward: [],
      }),
    );
    expect(run.lines.every((l) => l.gross_lines.every((g) => g.rate_minor === 150))).toBe(true);
  });

  it('cuts the period only where a percent or per-unit charge starts or stops inside it', () => {
    expect(chargeCutDays(PERIOD, charges)).toEqual(['2026-11-04', '2026-11-07']);
    expect(chargeCutDays(PERIOD, [])).toEqual([]);
  });
});
