import { amountMinor } from '../../../../shared';
import { invalid, type OpEnv, type Refusal, type Values } from '../op/env';
import type { ServerRow } from '../rows';
import { priceCollection } from '../pricing';
import type { EntityRules } from '.';

/**
 * A collection is priced where it is written: by the rate in force on its date in the organisation's zone.
 * An edit that moves neither product nor date keeps the stored rate (docs/protocol.md "Rules of a type").
 */
export const collectionRules: EntityRules = {
  async load(trx, state, ops) {
    const products = new Set<string>();
    for (const op of ops) {
      if (typeof op.data.product_uuid === 'string') products.add(op.data.product_uuid);
      const current = typeof op.data.uuid === 'string' ? state.get('collections', op.data.uuid) : null;
      if (current) products.add(current.product_uuid as string);
    }
    await state.loadReferring(trx, 'product_rates', 'product_uuid', products);
  },

  compute(env, next, current) {
    try {
      return price(env, next, current);
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

/** Prices a new or moved collection by the rate in force; a changed quantity alone keeps the stored rate. */
function price(env: OpEnv, next: Values, current: ServerRow | null): Refusal | null {
  const repriced = !current || next.product_uuid !== current.product_uuid || next.collected_at !== current.collected_at;
  if (repriced) {
    const priced = priceCollection(
      env.state.referringTo('product_rates', 'product_uuid', next.product_uuid as string),
      next.collected_at as string,
      next.quantity_milli as number,
      env.orgTimeZone,
    );
    if (!priced.ok)
      return invalid({ product_uuid: `has no rate in force on ${priced.date}` }, `No rate in force on ${priced.date}`);
    Object.assign(next, { rate_minor: priced.rate_minor, amount_minor: priced.amount_minor });
  } else if (next.quantity_milli !== current.quantity_milli) {
    next.amount_minor = amountMinor(next.quantity_milli as number, current.rate_minor as number);
  }
  return null;
}
