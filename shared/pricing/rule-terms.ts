import type { PricingRuleVersion } from './rule';

/** The JSON a pricing_rules row stores for a rule version: its rate, tares and overrides. */
export function termsOf(rule: Pick<PricingRuleVersion, 'rate' | 'tares' | 'overrides'>): string {
  return JSON.stringify({ rate: rule.rate, tares: rule.tares, overrides: rule.overrides });
}
