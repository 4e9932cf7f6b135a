import { localDateOf, priceCollectionByRate, type CollectionPricingInputs } from '../../../../shared';
import { invalid } from '../op/env';
import { rateInForce } from '../pricing';
import { priceByStoredRule } from './collection-by-rule';
import { checkOnePerShift, loadShiftNeighbours } from './collection-shift';
import type { EntityRules } from '.';

/**
 * A collection is priced where it is written: by the pricing rule version it names (re-priced from that
 * version), or else by the rate in force on its date in the organisation's zone. An edit that moves neither
 * product nor date keeps the stored rate (docs/protocol.md "Rules of a type").
 */
export const collectionRules: EntityRules = {
  async load(trx, state, ops) {
    const products = new Set<string>();
    const rules = new Set<string>();
    for (const op of ops) {
      if (typeof op.data.product_uuid === 'string') products.add(op.data.product_uuid);
      if (typeof op.data.rule_version_uuid === 'string') rules.add(op.data.rule_version_uuid);
      const current = typeof op.data.uuid === 'string' ? state.get('collections', op.data.uuid) : null;
      if (current) products.add(current.product_uuid as string);
      if (typeof current?.rule_version_uuid === 'string') rules.add(current.rule_version_uuid);
    }
    await Promise.all([
      state.loadReferring(trx, 'product_rates', 'product_uuid', products),
      // The versions collections name, withdrawn ones too: a stored collection keeps its version.
      state.load(trx, new Map([['pricing_rules', rules]])),
      loadShiftNeighbours(trx, state, ops),
    ]);
  },

  compute(env, next, current) {
    try {
      const refusal =
        typeof next.rule_version_uuid === 'string' ? priceByStoredRule(env, next) : priceByRate(env, next, current);
      return refusal ?? checkOnePerShift(env, next.uuid as string, next);
    } catch (error) {
      // amountMinor refuses a product beyond the safe integer range: the op's own 422, not the batch's 5xx.
      if (error instanceof RangeError)
        return invalid(
          { quantity_milli: `makes an amount too large to hold (${error.message})` },
          'quantity × rate is too large',
        );
      throw error;
    }
  },
};

function priceByRate(...[env, next, current]: Parameters<NonNullable<EntityRules['compute']>>) {
  const repriced =
    !current ||
    next.product_uuid !== current.product_uuid ||
    next.collected_at !== current.collected_at ||
    current.rule_version_uuid !== null;
  let rateMinor = current?.rate_minor as number;
  if (repriced) {
    const date = localDateOf(next.collected_at as string, env.orgTimeZone);
    const rate = rateInForce(env.state.referringTo('product_rates', 'product_uuid', next.product_uuid as string), date);
    if (!rate) return invalid({ product_uuid: `has no rate in force on ${date}` }, `No rate in force on ${date}`);
    rateMinor = rate.rate_minor as number;
  }
  const priced = priceCollectionByRate(rateMinor, next as unknown as CollectionPricingInputs);
  if (!priced.ok) return invalid(priced.errors);
  Object.assign(next, priced.priced);
  return null;
}
