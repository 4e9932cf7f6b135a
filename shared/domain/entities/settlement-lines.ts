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
    run_uuid: { kind: 'ref', label: 'Settlement run', ref: 'settlement_runs', schema: uuidField },
    supplier_uuid: { kind: 'ref', label: 'Supplier', ref: 'suppliers', schema: uuidField },
    supplier_code: { ...label, label: 'Supplier code' },
    supplier_name: { ...label, label: 'Supplier name' },
    route: { ...label, label: 'Route' },
    gross_minor: { ...money, label: 'Gross' },
    deductions_minor: { ...money, label: 'Deductions' },
    net_minor: { ...money, label: 'Net pay' },
    carried_forward_minor: { ...money, label: 'Carried forward' },
    credit_remaining_minor: { ...money, label: 'Credit remaining' },
    gross_lines_json: {
      kind: 'text',
      label: 'Gross by product',
      schema: jsonTextField(z.array(GrossLineSchema), 'a list of gross lines'),
    },
    deductions_json: {
      kind: 'text',
      label: 'Deductions in order',
      schema: jsonTextField(z.array(DeductionSchema), 'a list of deductions'),
    },
    carried_forward_json: {
      kind: 'text',
      label: 'Carried forward items',
      schema: jsonTextField(z.array(CarriedItemSchema), 'a list of carried items'),
    },
    credits_json: {
      kind: 'text',
      label: 'Credit balances',
      schema: jsonTextField(z.array(CreditBalanceSchema), 'a list of credit balances'),
    },
    /** The reference written in payout files and matched on import. */
    payout_reference: { kind: 'text', label: 'Payout reference', schema: textField(80) },
    payout_status: { kind: 'enum', label: 'Payout status', schema: z.enum(PAYOUT_STATUSES) },
    payout_provider_reference: { kind: 'text', label: 'Provider reference', schema: textField(120) },
    payout_message: { kind: 'text', label: 'Payout message', schema: textField(500) },
    paid_at: { kind: 'instant', label: 'Paid at', schema: instantField.nullable() },
  },
  access: {
    create: 'supervisor',
    update: 'supervisor',
    delete: 'supervisor',
    serverOnly: 'computed on the server; desks only read them',
  },
  conflictPolicy: 'server_wins',
});
