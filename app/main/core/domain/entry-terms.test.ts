import { afterEach, describe, expect, it } from 'vitest';
import { TEA_RULE } from '../../../../shared/pricing/fixtures';
import { collectionViews } from '../views';
import { tempCore } from '../test-support';
import { entryTerms } from './entry-terms';
import { seedPriced } from './pricing-test-seed';

type TempCore = Awaited<ReturnType<typeof tempCore>>;
const AT = '2026-03-10T06:00:00Z';

describe('what the entry form prices by, and the typed-weights filter', () => {
  let core: TempCore;
  afterEach(async () => core?.cleanup());

  it('gives the rule version in force, the supplier’s place and the centres; a plain product its rate', async () => {
    core = await tempCore();
    const { supplier, tea, teaRule, hill, plainSupplier } = await seedPriced(core);
    const centre = await core.centres.create({ code: 'UP', name: 'Upper shed' });
    await core.suppliers.update(supplier.uuid, { centre_uuid: centre.uuid });
    const terms = await entryTerms(core.db, {
      product_uuid: tea.uuid,
      supplier_uuid: supplier.uuid,
      date: '2026-03-10',
    });
    expect(terms).toMatchObject({ route_uuid: hill.uuid, centre_uuid: centre.uuid, rate_minor: null });
    expect(terms.rule).toMatchObject({ uuid: teaRule.uuid, rate: TEA_RULE.rate, tares: TEA_RULE.tares });
    expect(terms.centres).toEqual([{ uuid: centre.uuid, code: 'UP', name: 'Upper shed' }]);
    // Before the rule takes effect there is nothing to price by.
    expect(await entryTerms(core.db, { product_uuid: tea.uuid, date: '2026-02-28' })).toMatchObject({
      rule: null,
      rate_minor: null,
      route_uuid: null,
    });
    const plain = await core.products.create({ code: 'COF', name: 'Coffee', unit: 'kg' });
    await core.rates.set({ product_uuid: plain.uuid, rate_minor: 5000, effective_from: '2026-01-01' });
    expect(
      await entryTerms(core.db, { product_uuid: plain.uuid, supplier_uuid: plainSupplier.uuid, date: '2026-03-10' }),
    ).toMatchObject({ rule: null, rate_minor: 5000, route_uuid: null, centre_uuid: null });
  });

  it('lists only weights typed in when a supervisor asks', async () => {
    core = await tempCore();
    const { supplier, tea } = await seedPriced(core);
    const entry = { supplier_uuid: supplier.uuid, product_uuid: tea.uuid, collected_at: AT, grade: 'A' } as const;
    await core.collections.create({ ...entry, gross_weight_milli: 20_000, weighed_on_scale: true, shift: 'morning' });
    const typed = await core.collections.create({ ...entry, gross_weight_milli: 9_000, shift: 'evening' });
    // A plain-rate product's quantity typed by hand is a typed weight too.
    const plain = await core.products.create({ code: 'COF', name: 'Coffee', unit: 'kg' });
    await core.rates.set({ product_uuid: plain.uuid, rate_minor: 5000, effective_from: '2026-01-01' });
    const typedQuantity = await core.collections.create({
      supplier_uuid: supplier.uuid,
      product_uuid: plain.uuid,
      quantity_milli: 4_000,
      collected_at: '2026-03-10T09:00:00Z',
    });
    const all = await collectionViews(core, {});
    expect(all.total).toBe(3);
    const flagged = await collectionViews(core, { typedOnly: true });
    expect(flagged.rows.map((r) => r.uuid).sort()).toEqual([typed.uuid, typedQuantity.uuid].sort());
    expect(flagged.total).toBe(2);
  });
});
