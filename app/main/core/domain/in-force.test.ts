import { afterEach, describe, expect, it } from 'vitest';
import { termsOf } from '../../../../shared';
import { TEA_RULE } from '../../../../shared/pricing/fixtures';
import { tempCore } from '../test-support';
import { versionInForce } from './in-force';

describe('the version in force (rates and pricing rules alike)', () => {
  let core: Awaited<ReturnType<typeof tempCore>>;
  afterEach(async () => core?.cleanup());

  it('is the latest on or before the date, the later-made of one day, never a withdrawn one', async () => {
    core = await tempCore();
    const tea = await core.products.create({ code: 'TEA', name: 'Tea leaf', unit: 'kg' });
    const rate = (rate_minor: number, effective_from: string) =>
      core.rates.set({ product_uuid: tea.uuid, rate_minor, effective_from });
    await rate(3000, '2026-01-01');
    await rate(3100, '2026-02-01');
    const later = await rate(3200, '2026-02-01');
    await rate(3300, '2026-03-01');
    expect(await versionInForce(core.db, 'product_rates', tea.uuid, '2025-12-31')).toBeUndefined();
    expect((await versionInForce(core.db, 'product_rates', tea.uuid, '2026-01-31'))?.rate_minor).toBe(3000);
    expect((await versionInForce(core.db, 'product_rates', tea.uuid, '2026-02-15'))?.uuid).toBe(later.uuid);

    const rule = (effective_from: string) =>
      core.pricingRules.create({ product_uuid: tea.uuid, effective_from, terms: termsOf(TEA_RULE) });
    const first = await rule('2026-01-01');
    const second = await rule('2026-02-01');
    expect((await versionInForce(core.db, 'pricing_rules', tea.uuid, '2026-02-02'))?.uuid).toBe(second.uuid);
    await core.pricingRules.remove(second.uuid);
    expect((await versionInForce(core.db, 'pricing_rules', tea.uuid, '2026-02-02'))?.uuid).toBe(first.uuid);
  });
});
