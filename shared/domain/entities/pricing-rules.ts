import { defineEntity } from '../entity-kit';
import { dateField, notesSpec, uuidField } from '../fields';
import { ruleTermsText } from '../../pricing/stored-rule';

/**
 * A pricing rule version: how a product is priced (base, grade, chart or formula; tares; route/centre
 * overrides) from a date on. Its product, date and terms never change once written — a change is a new
 * version — because collections keep the version they were priced by and are re-priced from it.
 */
export const pricingRules = defineEntity({
  type: 'pricing_rules',
  label: { one: 'pricing rule', many: 'pricing rules' },
  fields: {
    product_uuid: { kind: 'ref', ref: 'products', schema: uuidField, patch: false },
    effective_from: { kind: 'date', schema: dateField, patch: false },
    /** JSON: `{rate, tares, overrides}` as shared/pricing's RuleTermsSchema says. */
    terms: { kind: 'text', schema: ruleTermsText, patch: false },
    notes: notesSpec,
  },
  access: { create: 'supervisor', update: 'supervisor', delete: 'supervisor', says: 'set pricing rules' },
  conflictPolicy: 'server_wins',
});
