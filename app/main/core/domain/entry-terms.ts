import { ruleVersionOf, USUAL_SAMPLE, usualQuantity } from '../../../../shared';
import type { EntryTerms } from '../../../../shared/ipc/types';
import type { Executor } from './context';
import { findEntity } from './entity-writer';
import { ruleInForce } from './pricing-rules-service';
import { rateInForce } from './rates-service';

/**
 * What the entry form prices by for a product on a local date: the same rule version (or plain rate) that
 * collections.create will pick, so the screen's preview and the saved amount agree, plus the supplier's place
 * and the product's usual delivery (the form asks before saving far more than that: a typo).
 */
export async function entryTerms(
  exec: Executor,
  input: { product_uuid: string; supplier_uuid?: string; date: string },
): Promise<EntryTerms> {
  const rule = await ruleInForce(exec, input.product_uuid, input.date);
  const rate = await rateInForce(exec, input.product_uuid, input.date);
  const supplier = input.supplier_uuid ? await findEntity(exec, 'suppliers', input.supplier_uuid) : undefined;
  const centres = await exec
    .selectFrom('centres')
    .select(['uuid', 'code', 'name'])
    .where('deleted_at', 'is', null)
    .where('active', '=', 1 as never)
    .orderBy('code')
    .execute();
  // The product's last ordinary deliveries (not voided, refused or adjustments), by the product/time index.
  const recent = await exec
    .selectFrom('collections')
    .select('quantity_milli')
    .where('product_uuid', '=', input.product_uuid)
    .where('deleted_at', 'is', null)
    .where('adjusts_uuid', 'is', null)
    .where('rejection_reason', 'is', null)
    .orderBy('collected_at', 'desc')
    .limit(USUAL_SAMPLE)
    .execute();
  return {
    date: input.date,
    usual_milli: usualQuantity(recent.map((r) => r.quantity_milli)),
    rule: rule ? ruleVersionOf(rule) : null,
    rate_minor: rate?.rate_minor ?? null,
    route_uuid: supplier?.route_uuid ?? null,
    centre_uuid: supplier?.centre_uuid ?? null,
    centres,
  };
}
