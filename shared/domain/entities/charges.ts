import { defineEntity } from '../entity-kit';
import { chargeFields, chargeRuleErrors, type ChargeTerms } from '../charges';
import { codeSpec, nameSpec, notesSpec } from '../fields';

/**
 * Levies and fees that come off pay (a management fee, transport per kg, a society fee); a supervisor keeps
 * them. Rules across fields (a per-unit charge names its product…) are `chargeRuleErrors`, checked by the
 * server's charge rules and the desk's charges service.
 */
export const charges = defineEntity({
  type: 'charges',
  label: { one: 'charge', many: 'charges' },
  fields: {
    code: codeSpec,
    name: nameSpec,
    kind: { kind: 'enum', label: 'Kind', schema: chargeFields.kind },
    /** percent: thousandths of a percent; per_unit: minor units per whole unit; fixed: minor units per run. */
    value: { kind: 'money', label: 'Rate or amount', schema: chargeFields.value },
    product_uuid: { kind: 'ref', label: 'Product', ref: 'products', schema: chargeFields.product_uuid },
    sort_order: { kind: 'quantity', label: 'Order', schema: chargeFields.sort_order, create: { default: 100 } },
    active_from: { kind: 'date', label: 'Active from', schema: chargeFields.active_from },
    active_to: { kind: 'date', label: 'Active to', schema: chargeFields.active_to },
    notes: notesSpec,
  },
  access: { create: 'supervisor', update: 'supervisor', delete: 'supervisor', says: 'manage charges' },
  conflictPolicy: 'server_wins',
  rowRules: (row) => chargeRuleErrors(row as unknown as ChargeTerms),
});
