import { z } from 'zod';
import { defineEntity } from '../entity-kit';
import { instantField, notesSpec, textField, uuidField, voidReasonField } from '../fields';
import { adjustmentSignErrors, adjustsSpec, signedInt } from '../adjustments';

export const PAYMENT_TYPES = ['advance', 'partial', 'settlement'] as const;
export const PAYMENT_METHODS = ['cash', 'bank', 'mobile', 'cheque'] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Money paid to a supplier. Never deleted: a wrong one is voided with a reason and stays on the ledger. */
export const payments = defineEntity({
  type: 'payments',
  label: { one: 'payment', many: 'payments' },
  fields: {
    supplier_uuid: { kind: 'ref', label: 'Supplier', ref: 'suppliers', schema: uuidField, patch: false },
    paid_at: { kind: 'instant', label: 'Paid at', schema: instantField, create: 'now' },
    /** Negative only on an adjustment: a reversal of a payment voided after its period closed. */
    amount_minor: { kind: 'money', label: 'Amount', schema: signedInt },
    type: { kind: 'enum', label: 'Type', schema: z.enum(PAYMENT_TYPES) },
    method: { kind: 'enum', label: 'Method', schema: z.enum(PAYMENT_METHODS) },
    reference: { kind: 'text', label: 'Reference', schema: textField(80), create: { default: '' } },
    notes: notesSpec,
    voided_at: { kind: 'instant', label: 'Voided at', schema: instantField.nullable(), create: 'unset' },
    void_reason: { kind: 'text', label: 'Void reason', schema: textField(500).nullable(), create: 'unset' },
    /** The payment in a closed period this entry corrects (an adjustment); null for an ordinary payment. */
    adjusts_uuid: adjustsSpec,
  },
  access: {
    create: 'clerk',
    update: 'clerk',
    delete: { never: 'void the payment instead' },
    // The first field marks the action done: a payment is voided once voided_at is set.
    fieldActions: { void: { role: 'supervisor', fields: ['voided_at', 'void_reason'] } },
  },
  conflictPolicy: 'manual',
  rowRules: (row) => adjustmentSignErrors(row, 'amount_minor'),
});

export const PaymentVoidSchema = z.strictObject({
  uuid: uuidField,
  reason: voidReasonField,
});
export type PaymentVoid = z.infer<typeof PaymentVoidSchema>;
