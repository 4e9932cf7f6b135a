import { localDateOf, priceCollectionByRule, ruleVersionOf, type CollectionPricingInputs } from '../../../../shared';
import { invalid, type OpEnv, type Refusal, type Values } from '../op/env';

/**
 * A collection that names a pricing rule version is re-priced from that version — the stored one, never the
 * latest — and from the inputs it carries, with the desk's own pricing function, so both sides agree.
 */
export function priceByStoredRule(env: OpEnv, next: Values): Refusal | null {
  const uuid = next.rule_version_uuid as string;
  const rule = env.state.get('pricing_rules', uuid);
  if (!rule) return invalid({ rule_version_uuid: 'is not a known pricing rule' });
  const date = localDateOf(next.collected_at as string, env.orgTimeZone);
  if ((rule.effective_from as string) > date)
    return invalid({ rule_version_uuid: `takes effect only on ${String(rule.effective_from)}, after ${date}` });
  const version = ruleVersionOf({
    uuid: rule.uuid,
    product_uuid: rule.product_uuid as string,
    effective_from: rule.effective_from as string,
    terms: rule.terms as string,
    notes: rule.notes as string,
  });
  const priced = priceCollectionByRule(version, next as unknown as CollectionPricingInputs);
  if (!priced.ok) return invalid(priced.errors);
  Object.assign(next, priced.priced);
  return null;
}
