import { z } from 'zod';
import { ContainerCountSchema } from './tare';
import { ReadingsSchema } from './readings';
import { RuleTermsSchema, type PricingRuleVersion } from './rule';
import { fromJsonText, jsonColumnField } from './json-text';

/** How the registry's rows carry a rule's terms and a delivery's readings and containers: JSON text columns. */

/** A rule's terms fit a MySQL TEXT column (65,535 bytes): 16,000 characters even at 4 bytes each. */
export const ruleTermsText = jsonColumnField(RuleTermsSchema, 16_000);
export const readingsText = jsonColumnField(ReadingsSchema, 2_000);
const ContainerListSchema = z
  .array(ContainerCountSchema, { error: 'must be a list of containers' })
  .max(50, 'may list at most 50 kinds of container');
export const containersText = jsonColumnField(ContainerListSchema, 4_000);

/** What a stored pricing_rules row has (its registry fields). */
export interface StoredPricingRule {
  uuid: string;
  product_uuid: string;
  effective_from: string;
  terms: string;
  notes: string;
}

/** A stored pricing rule as the version priceDelivery prices by. */
export function ruleVersionOf(row: StoredPricingRule): PricingRuleVersion {
  const terms = fromJsonText(RuleTermsSchema, row.terms);
  return {
    uuid: row.uuid,
    product_uuid: row.product_uuid,
    effective_from: row.effective_from,
    notes: row.notes,
    ...terms,
  };
}
