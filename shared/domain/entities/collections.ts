import { z } from 'zod';
import { defineEntity } from '../entity-kit';
import { instantField, nonNegativeInt, notesSpec, positiveInt, textField, uuidField } from '../fields';
import { gradeCodeField } from '../../pricing/grades';
import { REJECTION_REASONS } from '../../pricing/delivery';
import { containersText, readingsText } from '../../pricing/stored-rule';
import { SHIFTS } from '../shifts';
import { adjustmentSignErrors, adjustsSpec, signedInt } from '../adjustments';

const optionalRef = (ref: string) =>
  ({ kind: 'ref', ref, schema: uuidField.nullable(), create: { default: null } }) as const;

/**
 * Produce weighed in from a supplier; money conflicts wait for a supervisor. A collection priced by a
 * pricing rule keeps everything priceDelivery read — gross weight, containers, grade, readings, route,
 * centre, rejection and the rule version — so the server re-prices it from exactly that (docs/pricing-and-scales.md).
 */
export const collections = defineEntity({
  type: 'collections',
  label: { one: 'collection', many: 'collections' },
  fields: {
    supplier_uuid: { kind: 'ref', label: 'Supplier', ref: 'suppliers', schema: uuidField },
    product_uuid: { kind: 'ref', label: 'Product', ref: 'products', schema: uuidField },
    collected_at: { kind: 'instant', label: 'Collected at', schema: instantField, create: 'now' },
    /** Thousandths of the product's unit: the net quantity priced (gross − tare under a pricing rule). */
    /** Negative only on an adjustment (less delivered than the corrected record says). */
    quantity_milli: { kind: 'quantity', label: 'Quantity', schema: signedInt },
    /** Decided where the row is priced (the rate in force at collected_at); stored so history never moves. */
    rate_minor: { kind: 'money', label: 'Rate', schema: nonNegativeInt, create: 'computed' },
    amount_minor: { kind: 'money', label: 'Amount', schema: signedInt, create: 'computed' },
    notes: notesSpec,
    /** The pricing rule version it was priced by; null when priced by the product's plain rate. */
    rule_version_uuid: optionalRef('pricing_rules'),
    /** As weighed, before tare; null when only a quantity was entered (priced by the plain rate). */
    gross_weight_milli: { kind: 'quantity', schema: positiveInt.nullable(), create: { default: null } },
    /** JSON list of `{code, count}`: the containers whose tare the rule deducts. */
    containers: { kind: 'text', schema: containersText, create: { default: '[]' } },
    tare_milli: { kind: 'quantity', schema: nonNegativeInt, create: 'computed' },
    grade: { kind: 'text', schema: gradeCodeField.nullable(), create: { default: null } },
    /** JSON object of quality readings in their own scale (fat 3.75 % → 375). */
    readings: { kind: 'text', schema: readingsText, create: { default: '{}' } },
    shift: {
      kind: 'enum',
      schema: z.enum(SHIFTS, { error: `must be one of: ${SHIFTS.join(', ')}` }).nullable(),
      create: { default: null },
    },
    route_uuid: optionalRef('routes'),
    centre_uuid: optionalRef('centres'),
    /** Whether the weight came from the scale (true) or was typed (false: flagged on the daily summary). */
    weighed_on_scale: {
      kind: 'boolean',
      schema: z.boolean({ error: 'must be true or false' }),
      create: { default: false },
    },
    /** A delivery refused at the scale is kept at no amount, with its reason. */
    rejection_reason: {
      kind: 'enum',
      schema: z.enum(REJECTION_REASONS, { error: `must be one of: ${REJECTION_REASONS.join(', ')}` }).nullable(),
      create: { default: null },
    },
    rejection_note: { kind: 'text', schema: textField(500), create: { default: '' } },
    /** The clerk confirmed a second delivery by the supplier in the same shift. */
    second_delivery: {
      kind: 'boolean',
      schema: z.boolean({ error: 'must be true or false' }),
      create: { default: false },
    },
    /** The collection in a closed period this entry corrects (an adjustment); null for an ordinary delivery. */
    adjusts_uuid: adjustsSpec,
  },
  access: { create: 'clerk', update: 'clerk', delete: 'supervisor' },
  conflictPolicy: 'manual',
  rowRules: (row) => ({
    ...adjustmentSignErrors(row, 'quantity_milli'),
    ...(row.adjusts_uuid == null && typeof row.amount_minor === 'number' && row.amount_minor < 0
      ? { amount_minor: 'cannot be negative' }
      : {}),
  }),
});
