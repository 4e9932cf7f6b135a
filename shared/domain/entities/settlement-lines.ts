import { z } from 'zod';
import { defineEntity } from '../entity-kit';
import { instantField, nonNegativeInt, textField, uuidField } from '../fields';
import { jsonTextField } from '../json-text';
import { CarriedItemSchema, CreditBalanceSchema, DeductionSchema, GrossLineSchema } from '../settlement-lines';
import { PAYOUT_STATUSES } from '../settlement-runs';

const money = { kind: 'money', schema: nonNegativeInt } as const;
const label = { kind: 'text', schema: z.string().max(200, 'must be at most 200 characters') } as const;

/** One supplier's line of a settlement run, with its payout; written by the server only, like its run. */
export const settlementLines = defineEntity({
  type: 'settlement_lines',
  label: { one: 'settlement line', many: 'settlement lines' },
  fields: {
    run_uuid: { kind: 'ref', ref: 'settlement_runs', schema: uuidField },
    supplier_uuid: { kind: 'ref', ref: 'suppliers', schema: uuidField },
    supplier_code: label,
    supplier_name: label,
    route: label,
    gross_minor: money,
    deductions_minor: money,
    net_minor: money,
    carried_forward_minor: money,
    credit_remaining_minor: money,
    gross_lines_json: { kind: 'text', schema: jsonTextField(z.array(GrossLineSchema), 'a list of gross lines') },
    deductions_json: { kind: 'text', schema: jsonTextField(z.array(DeductionSchema), 'a list of deductions') },
    carried_forward_json: {
      kind: 'text',
      schema: jsonTextField(z.array(CarriedItemSchema), 'a list of carried items'),
    },
    credits_json: { kind: 'text', schema: jsonTextField(z.array(CreditBalanceSchema), 'a list of credit balances') },
    /** The reference written in payout files and matched on import. */
    payout_reference: { kind: 'text', schema: textField(80) },
    payout_status: { kind: 'enum', schema: z.enum(PAYOUT_STATUSES) },
    payout_provider_reference: { kind: 'text', schema: textField(120) },
    payout_message: { kind: 'text', schema: textField(500) },
    paid_at: { kind: 'instant', schema: instantField.nullable() },
  },
  access: {
    create: 'supervisor',
    update: 'supervisor',
    delete: 'supervisor',
    serverOnly: 'computed on the server; desks only read them',
  },
  conflictPolicy: 'server_wins',
});
