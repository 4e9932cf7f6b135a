import { ruleVersionOf } from '../../../../shared';
import type { EntryTerms } from '../../../../shared/ipc/types';
import type { Executor } from './context';
import { findEntity } from './entity-writer';
import { ruleInForce } from './pricing-rules-service';
import { rateInForce } from './rates-service';

/**
 * What the entry form prices by for a product on a local date: the same rule version (or plain rate) that
 * collections.create will pick, so the screen's preview and the saved amount agree, plus the supplier's place.
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
  return {
    date: input.date,
    rule: rule ? ruleVersionOf(rule) : null,
    rate_minor: rate?.rate_minor ?? null,
    route_uuid: supplier?.route_uuid ?? null,
    centre_uuid: supplier?.centre_uuid ?? null,
    centres,
  };
}
