import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentMethod, PaymentType } from '../../../../shared';
import { tempCore } from '../test-support';

/** Balance = Σ collections − Σ non-voided payments, checked against an independent sum of what was written. */
describe('balances over 10,000 random records', () => {
  let core: Awaited<ReturnType<typeof tempCore>>;
  afterEach(async () => core?.cleanup());

  it('equals the independent sum for every supplier, to the minor unit', async () => {
    core = await tempCore();
    const suppliers = [];
    for (let i = 0; i < 20; i++) suppliers.push(await core.suppliers.create({ code: `S-${i}`, name: `Supplier ${i}` }));
    const products = [];
    for (let i = 0; i < 3; i++) {
      const product = await core.products.create({ code: `P-${i}`, name: `Product ${i}`, unit: 'kg' });
      await core.rates.set({ product_uuid: product.uuid, rate_minor: 1 + i * 1237, effective_from: '2026-01-01' });
      await core.rates.set({ product_uuid: product.uuid, rate_minor: 999 + i * 31, effective_from: '2026-06-01' });
      products.push(product);
    }
    const expected = new Map<string, bigint>(suppliers.map((s) => [s.uuid, 0n]));
    const rates = [
      [1, 999],
      [1238, 1030],
      [2475, 1061],
    ] as const;
    const records = fc.sample(
      fc.record({
        kind: fc.constantFrom('collection', 'collection', 'payment', 'void'),
        supplier: fc.integer({ min: 0, max: 19 }),
        product: fc.integer({ min: 0, max: 2 }),
        quantity: fc.integer({ min: 1, max: 2_000_000 }),
        amount: fc.integer({ min: 1, max: 5_000_000 }),
        day: fc.integer({ min: 0, max: 300 }),
      }),
      { numRuns: 10_000, seed: 42 },
    );
    const payments: { uuid: string; supplier: string; amount: number }[] = [];
    for (const r of records) {
      const supplier = suppliers[r.supplier]!.uuid;
      const at = new Date(Date.UTC(2026, 0, 1) + r.day * 86_400_000 + 3_600_000).toISOString();
      if (r.kind === 'collection') {
        await core.collections.create({
          supplier_uuid: supplier,
          product_uuid: products[r.product]!.uuid,
          quantity_milli: r.quantity,
          collected_at: at,
        });
        const rate = BigInt(rates[r.product]![r.day >= 151 ? 1 : 0]);
        // Independent half-up rounding, in BigInt, not the shared function.
        const exact = BigInt(r.quantity) * rate;
        const amount = exact / 1000n + (exact % 1000n >= 500n ? 1n : 0n);
        expected.set(supplier, expected.get(supplier)! + amount);
      } else if (r.kind === 'payment') {
        const types: PaymentType[] = ['advance', 'partial', 'settlement'];
        const methods: PaymentMethod[] = ['cash', 'bank', 'mobile', 'cheque'];
        const p = await core.payments.create({
          supplier_uuid: supplier,
          amount_minor: r.amount,
          type: types[r.day % 3]!,
          method: methods[r.day % 4]!,
          paid_at: at,
        });
        payments.push({ uuid: p.uuid, supplier, amount: r.amount });
        expected.set(supplier, expected.get(supplier)! - BigInt(r.amount));
      } else {
        const victim = payments.pop();
        if (!victim) continue;
        await core.payments.void({ uuid: victim.uuid, reason: 'random void' });
        expected.set(victim.supplier, expected.get(victim.supplier)! + BigInt(victim.amount));
      }
    }
    for (const s of suppliers) {
      expect((await core.balances.of(s.uuid)).balance_minor).toBe(Number(expected.get(s.uuid)));
    }
  }, 240_000);
});
