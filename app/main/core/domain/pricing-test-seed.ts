import { termsOf } from '../../../../shared';
import { HILL_ROUTE, MILK_RULE, TEA_RULE } from '../../../../shared/pricing/fixtures';
import type { Core } from '../create-core';

/** Tea priced by grade (TEA_RULE) and milk by a fat × SNF chart (MILK_RULE), on a desk. */
export async function seedPriced(core: Core) {
  const hill = await core.routes.create({ uuid: HILL_ROUTE, code: 'HILL', name: 'Hill route' });
  const supplier = await core.suppliers.create({ code: 'S-1', name: 'Amina', route_uuid: hill.uuid });
  const plainSupplier = await core.suppliers.create({ code: 'S-2', name: 'Baraka' });
  const tea = await core.products.create({ code: 'TEA', name: 'Tea leaf', unit: 'kg' });
  const milk = await core.products.create({ code: 'MILK', name: 'Milk', unit: 'l' });
  const teaRule = await core.pricingRules.create({
    product_uuid: tea.uuid,
    effective_from: '2026-03-01',
    terms: termsOf(TEA_RULE),
  });
  const milkRule = await core.pricingRules.create({
    product_uuid: milk.uuid,
    effective_from: '2026-03-01',
    terms: termsOf(MILK_RULE),
  });
  return { hill, supplier, plainSupplier, tea, milk, teaRule, milkRule };
}
