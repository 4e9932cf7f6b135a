import { afterEach, describe, expect, it } from 'vitest';
import { termsOf } from '../../../../shared';
import { TEA_RULE } from '../../../../shared/pricing/fixtures';
import { seedPriced } from './pricing-test-seed';
import { CLERK, tempCore } from '../test-support';

type TempCore = Awaited<ReturnType<typeof tempCore>>;

const AT = '2026-03-10T06:00:00Z';

describe('collections priced by pricing rules (desk)', () => {
  let core: TempCore;
  afterEach(async () => core?.cleanup());

  it('prices tea by grade on the supplier’s route, deducting the sacks’ tare, and keeps what it read', async () => {
    core = await tempCore();
    const { supplier, tea, teaRule, hill } = await seedPriced(core);
    const row = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: tea.uuid,
      collected_at: AT,
      gross_weight_milli: 25_000,
      containers: JSON.stringify([{ code: 'ROPE', count: 2 }]),
      grade: 'A',
      shift: 'morning',
      weighed_on_scale: true,
    });
    // Hill route pays 25.00 for grade A; two rope sacks are 2 kg.
    expect(row).toMatchObject({
      rule_version_uuid: teaRule.uuid,
      route_uuid: hill.uuid,
      gross_weight_milli: 25_000,
      tare_milli: 2_000,
      quantity_milli: 23_000,
      rate_minor: 2_500,
      amount_minor: 57_500,
      grade: 'A',
      weighed_on_scale: true,
    });
    expect(await core.collections.get(row.uuid)).toMatchObject({ amount_minor: 57_500, weighed_on_scale: true });
  });

  it('prices milk from the fat × SNF chart, less the can', async () => {
    core = await tempCore();
    const { supplier, milk, milkRule } = await seedPriced(core);
    const row = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: milk.uuid,
      collected_at: AT,
      gross_weight_milli: 20_000,
      containers: JSON.stringify([{ code: 'CAN-7', count: 1 }]),
      readings: JSON.stringify({ fat: 375, snf: 860 }),
    });
    // fat 3.75 is the second band, SNF 8.60 the second: 46.00 a litre on 17.65 l.
    expect(row).toMatchObject({ rule_version_uuid: milkRule.uuid, quantity_milli: 17_650, rate_minor: 4_600 });
    expect(row.amount_minor).toBe(81_190);
  });

  it('refuses a tare heavier than the gross weight, an unknown grade and a reading out of range, naming the field', async () => {
    core = await tempCore();
    const { supplier, tea, milk } = await seedPriced(core);
    const base = { supplier_uuid: supplier.uuid, collected_at: AT };
    await expect(
      core.collections.create({
        ...base,
        product_uuid: tea.uuid,
        gross_weight_milli: 1_500,
        containers: JSON.stringify([{ code: 'ROPE', count: 2 }]),
        grade: 'A',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { gross_weight_milli: expect.any(String) } });
    await expect(
      core.collections.create({ ...base, product_uuid: tea.uuid, gross_weight_milli: 5_000, grade: 'Z' }),
    ).rejects.toMatchObject({ fields: { grade: expect.any(String) } });
    await expect(
      core.collections.create({
        ...base,
        product_uuid: milk.uuid,
        gross_weight_milli: 5_000,
        readings: JSON.stringify({ fat: 3750, snf: 860 }),
      }),
    ).rejects.toMatchObject({ fields: { 'readings.fat': expect.any(String) } });
    expect(await core.collections.list()).toMatchObject({ total: 0 });
  });

  it('records a refused delivery at no amount with its reason; "other" needs a note', async () => {
    core = await tempCore();
    const { supplier, tea } = await seedPriced(core);
    const base = { supplier_uuid: supplier.uuid, product_uuid: tea.uuid, collected_at: AT, gross_weight_milli: 9_000 };
    const wet = await core.collections.create({ ...base, grade: 'B', rejection_reason: 'wet' });
    expect(wet).toMatchObject({ rejection_reason: 'wet', rate_minor: 0, amount_minor: 0, quantity_milli: 9_000 });
    await expect(core.collections.create({ ...base, rejection_reason: 'other' })).rejects.toMatchObject({
      fields: { rejection_note: expect.any(String) },
    });
    const other = await core.collections.create({
      ...base,
      rejection_reason: 'other',
      rejection_note: 'stones in the sack',
    });
    expect(other).toMatchObject({ amount_minor: 0, rejection_note: 'stones in the sack' });
  });

  it('keeps a collection’s amount when a new rule version comes in, and re-prices an edit by its own version', async () => {
    core = await tempCore();
    const { supplier, tea, teaRule } = await seedPriced(core);
    const first = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: tea.uuid,
      collected_at: AT,
      gross_weight_milli: 10_000,
      grade: 'B',
    });
    expect(first.amount_minor).toBe(21_000);
    const dearer = await core.pricingRules.create({
      product_uuid: tea.uuid,
      effective_from: '2026-03-05',
      terms: termsOf({
        ...TEA_RULE,
        overrides: [],
        rate: { by: 'grade', grades: [{ code: 'B', label: 'Coarse', rate_minor: 9_900 }] },
      }),
    });
    expect((await core.collections.get(first.uuid)).amount_minor).toBe(21_000);
    const edited = await core.collections.update(first.uuid, { gross_weight_milli: 11_000 });
    expect(edited).toMatchObject({ rule_version_uuid: teaRule.uuid, rate_minor: 2_100, amount_minor: 23_100 });
    const later = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: tea.uuid,
      collected_at: AT,
      gross_weight_milli: 1_000,
      grade: 'B',
    });
    expect(later).toMatchObject({ rule_version_uuid: dearer.uuid, rate_minor: 9_900 });
    // A version's terms never change: a change is a new version.
    await expect(
      core.pricingRules.create({ product_uuid: tea.uuid, effective_from: '2026-03-06', terms: '{"rate":{}}' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('takes one delivery per supplier per shift unless the clerk confirms a second', async () => {
    core = await tempCore();
    const { supplier, tea } = await seedPriced(core);
    core.setSession(CLERK);
    const base = {
      supplier_uuid: supplier.uuid,
      product_uuid: tea.uuid,
      gross_weight_milli: 5_000,
      grade: 'A',
    } as const;
    await core.collections.create({ ...base, collected_at: '2026-03-10T05:00:00Z', shift: 'morning' });
    await expect(
      core.collections.create({ ...base, collected_at: '2026-03-10T07:00:00Z', shift: 'morning' }),
    ).rejects.toMatchObject({ fields: { second_delivery: expect.stringContaining('morning shift') } });
    await core.collections.create({
      ...base,
      collected_at: '2026-03-10T07:00:00Z',
      shift: 'morning',
      second_delivery: true,
    });
    await core.collections.create({ ...base, collected_at: '2026-03-10T15:00:00Z', shift: 'evening' });
    await core.collections.create({ ...base, collected_at: '2026-03-11T05:00:00Z', shift: 'morning' });
    expect((await core.collections.list()).total).toBe(4);
  });

  it('weighs a product with no pricing rule at its plain rate, and refuses grades it cannot price', async () => {
    core = await tempCore();
    const { plainSupplier } = await seedPriced(core);
    const maize = await core.products.create({ code: 'MAIZE', name: 'Maize', unit: 'kg' });
    await core.rates.set({ product_uuid: maize.uuid, rate_minor: 3_000, effective_from: '2026-01-01' });
    const base = { supplier_uuid: plainSupplier.uuid, product_uuid: maize.uuid, collected_at: AT };
    expect(await core.collections.create({ ...base, quantity_milli: 2_000 })).toMatchObject({
      rule_version_uuid: null,
      amount_minor: 6_000,
      weighed_on_scale: false,
    });
    expect(await core.collections.create({ ...base, gross_weight_milli: 3_000, weighed_on_scale: true })).toMatchObject(
      {
        quantity_milli: 3_000,
        amount_minor: 9_000,
      },
    );
    await expect(core.collections.create({ ...base, quantity_milli: 1_000, grade: 'A' })).rejects.toMatchObject({
      fields: { grade: expect.any(String) },
    });
  });
});
