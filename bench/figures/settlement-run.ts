import { sql } from 'kysely';
import type { ChargeTerms, CreditTerms } from '../../shared';
import { computeRun } from '../../server/src/settlement/compute-run';
import { createRun } from '../../server/src/settlement/runs-service';
import { periodInstants } from '../../server/src/settlement/period-totals';
import { createTestDatabase } from '../../server/test/mysql';
import { seedPayPeriod } from '../../server/test/seed-pay-period';
import type { BenchFigure } from '../figure';
import { now, type Figure } from '../lib';

const TZ = 'Africa/Nairobi';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Figure 16a: a pay run of 10,000 suppliers × 30 days (600,000 collections, both products every day) computed on
 * the server with charges (one starting mid-period), credit and payments. Raw: the bare GROUP BY supplier, product
 * over the same period (binary keys, as the run groups) and the bare payments GROUP BY, on the same pool. Own
 * database, dropped after.
 */
async function settlementRun(quick: boolean): Promise<Figure[]> {
  const suppliers = quick ? 1_000 : 10_000;
  const test = await createTestDatabase();
  try {
    const seeded = await seedPayPeriod(test.url, {
      suppliers,
      days: 30,
      from: '2026-11-01',
      orgTimeZone: TZ,
      milkEvery: 1,
    });
    await sql`analyze table collections, payments`.execute(test.db);
    const period = { from: '2026-11-01', to: '2026-11-30' };
    const charges: ChargeTerms[] = [
      ['MGT', 'percent', 1_500, null, '2026-01-01'],
      ['TRN', 'per_unit', 200, seeded.products.tea, '2026-11-16'],
      ['SOC', 'fixed', 15_000, null, '2026-01-01'],
    ].map(([code, kind, value, product, from], i) => ({
      uuid: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      code: code as string,
      name: code as string,
      kind: kind as ChargeTerms['kind'],
      value: value as number,
      product_uuid: product as string | null,
      sort_order: i,
      active_from: from as string,
      active_to: null,
    }));
    const credits: CreditTerms[] = seeded.suppliers
      .filter((_, i) => i % 5 === 0)
      .map((supplier, i) => ({
        uuid: `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`,
        supplier_uuid: supplier,
        kind: 'loan',
        description: 'Loan',
        instalment_minor: 200_000,
        remaining_minor: 1_000_000,
        issued_on: '2026-06-01',
      }));
    const { start, end } = periodInstants({ period, orgTimeZone: TZ });
    const raw = async () => {
      const t = now();
      await sql`select cast(supplier_uuid as binary) s, cast(product_uuid as binary) p, count(*), sum(quantity_milli), sum(amount_minor) from collections where deleted_at is null and collected_at >= ${start} and collected_at < ${end} group by s, p`.execute(
        test.db,
      );
      await sql`select supplier_uuid, type, count(*), sum(amount_minor) from payments where deleted_at is null and voided_at is null and paid_at >= ${start} and paid_at < ${end} group by supplier_uuid, type`.execute(
        test.db,
      );
      return now() - t;
    };
    const run = async () => {
      const t = now();
      const result = await computeRun(test.db, { period, orgTimeZone: TZ, charges, credits, brought_forward: [] });
      if (result.lines.length !== suppliers) throw new Error(`run has ${result.lines.length} lines`);
      return now() - t;
    };
    await raw(); // warm the buffer pool
    const rawTimes: number[] = [];
    const runTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      rawTimes.push(await raw());
      runTimes.push(await run());
    }
    const value = Math.round(median(runTimes));
    const baseline = Math.round(median(rawTimes));
    // 16c: the whole draft as a supervisor starts it (inputs read from the tables, every line checked against
    // the registry and written through the sync clock) against the computation alone, on the same records.
    const bare = async () => {
      const t = now();
      await computeRun(test.db, { period, orgTimeZone: TZ, charges: [], credits: [], brought_forward: [] });
      return now() - t;
    };
    const claims = { sub: 'bench', role: 'supervisor' as const, device_id: 'bench' };
    const stored = async (i: number) => {
      const t = now();
      const view = await createRun({ db: test.db, orgTimeZone: TZ }, claims, {
        period_from: period.from,
        period_to: period.to,
        code: `BENCH-${i}`,
      });
      if (view.lines.length !== suppliers) throw new Error(`stored run has ${view.lines.length} lines`);
      return now() - t;
    };
    const bareTimes: number[] = [];
    const storedTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      bareTimes.push(await bare());
      storedTimes.push(await stored(i));
    }
    const storedValue = Math.round(median(storedTimes));
    const bareValue = Math.round(median(bareTimes));
    return [
      {
        id: '16c',
        name: `Draft run of ${suppliers.toLocaleString('en')} suppliers computed and stored (lines synced to desks)`,
        value: storedValue,
        unit: 'ms',
        baseline: bareValue,
        baselineName: 'computation alone',
        ratio: bareValue / Math.max(1, storedValue),
        target: '< 10000 ms',
        met: storedValue < 10_000,
      },
      {
        id: '16a',
        name: `Pay run of ${suppliers.toLocaleString('en')} suppliers × 30 days (${seeded.collections.toLocaleString('en')} collections)`,
        value,
        unit: 'ms',
        baseline,
        baselineName: 'bare GROUP BY',
        ratio: baseline / Math.max(1, value),
        target: '< 10000 ms',
        met: value < 10_000,
      },
    ];
  } finally {
    await test.drop();
  }
}

export const settlementRunFigure: BenchFigure = {
  id: '16a',
  name: 'Pay run on the server',
  unit: 'ms',
  target: '< 10000 ms',
  step: 'pay run',
  run: (env) => settlementRun(env.quick),
};
