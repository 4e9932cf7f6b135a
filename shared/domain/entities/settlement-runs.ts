import { z } from 'zod';
import { defineEntity } from '../entity-kit';
import { codeSpec, dateField, instantField, nameSpec, nonNegativeInt, textField, uuidField } from '../fields';
import { jsonTextField } from '../json-text';
import { DeductionTotalSchema, RUN_KINDS } from '../settlement-lines';
import { BonusRateSchema, RUN_STATUSES } from '../settlement-runs';

const SERVER_ONLY = 'computed on the server; desks only read them';
const money = { kind: 'money', schema: nonNegativeInt } as const;

/**
 * A pay run of a period, computed by the server from every desk's records and synced to desks read-only:
 * draft (may be recomputed) → approved (never changes; closes the period for its suppliers) → paid.
 */
export const settlementRuns = defineEntity({
  type: 'settlement_runs',
  label: { one: 'settlement run', many: 'settlement runs' },
  fields: {
    code: codeSpec,
    name: nameSpec,
    kind: { kind: 'enum', label: 'Run kind', schema: z.enum(RUN_KINDS) },
    period_from: { kind: 'date', label: 'Period from', schema: dateField },
    period_to: { kind: 'date', label: 'Period to', schema: dateField },
    /** Only suppliers of this route ('' = every route). */
    route: { kind: 'text', label: 'Route', schema: textField(80) },
    /** Only collections of this product (null = every product). */
    product_uuid: { kind: 'ref', label: 'Product', ref: 'products', schema: uuidField.nullable() },
    bonus_rates_json: {
      kind: 'text',
      label: 'Bonus rates',
      schema: jsonTextField(z.array(BonusRateSchema), 'a list of bonus rates'),
    },
    status: { kind: 'enum', label: 'Status', schema: z.enum(RUN_STATUSES) },
    computed_at: { kind: 'instant', label: 'Computed at', schema: instantField },
    approved_at: { kind: 'instant', label: 'Approved at', schema: instantField.nullable() },
    approved_by: { kind: 'text', label: 'Approved by', schema: textField(120).nullable() },
    suppliers: { kind: 'quantity', label: 'Suppliers', schema: nonNegativeInt },
    gross_minor: { ...money, label: 'Gross' },
    due_minor: { ...money, label: 'Due' },
    deductions_minor: { ...money, label: 'Deductions' },
    net_minor: { ...money, label: 'Net pay' },
    carried_forward_minor: { ...money, label: 'Carried forward' },
    credit_remaining_minor: { ...money, label: 'Credit remaining' },
    by_deduction_json: {
      kind: 'text',
      label: 'Deductions by kind',
      schema: jsonTextField(z.array(DeductionTotalSchema), 'a list of deduction totals'),
    },
  },
  access: { create: 'supervisor', update: 'supervisor', delete: 'supervisor', serverOnly: SERVER_ONLY },
  conflictPolicy: 'server_wins',
});
