import { z } from 'zod';
import { defineEntity } from '../entity-kit';
import { codeSpec, dateField, instantField, nameSpec, nonNegativeInt, textField, uuidField } from '../fields';
import { jsonTextField } from '../json-text';
import { DeductionSchema, RUN_KINDS } from '../settlement-lines';
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
    kind: { kind: 'enum', schema: z.enum(RUN_KINDS) },
    period_from: { kind: 'date', schema: dateField },
    period_to: { kind: 'date', schema: dateField },
    /** Only suppliers of this route ('' = every route). */
    route: { kind: 'text', schema: textField(80) },
    /** Only collections of this product (null = every product). */
    product_uuid: { kind: 'ref', ref: 'products', schema: uuidField.nullable() },
    bonus_rates_json: { kind: 'text', schema: jsonTextField(z.array(BonusRateSchema), 'a list of bonus rates') },
    status: { kind: 'enum', schema: z.enum(RUN_STATUSES) },
    computed_at: { kind: 'instant', schema: instantField },
    approved_at: { kind: 'instant', schema: instantField.nullable() },
    approved_by: { kind: 'text', schema: textField(120).nullable() },
    suppliers: { kind: 'quantity', schema: nonNegativeInt },
    gross_minor: money,
    due_minor: money,
    deductions_minor: money,
    net_minor: money,
    carried_forward_minor: money,
    credit_remaining_minor: money,
    by_deduction_json: {
      kind: 'text',
      schema: jsonTextField(z.array(DeductionSchema), 'a list of deduction totals'),
    },
  },
  access: { create: 'supervisor', update: 'supervisor', delete: 'supervisor', serverOnly: SERVER_ONLY },
  conflictPolicy: 'server_wins',
});
