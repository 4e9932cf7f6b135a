import { z } from 'zod';
import { commonRowShape, instantField, positiveInt, textField, uuidField } from './fields';

export const PAYMENT_TYPES = ['advance', 'partial', 'settlement'] as const;
export const PAYMENT_METHODS = ['cash', 'bank', 'mobile', 'cheque'] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const paymentFields = {
  supplier_uuid: uuidField,
  paid_at: instantField,
  amount_minor: positiveInt,
  type: z.enum(PAYMENT_TYPES),
  method: z.enum(PAYMENT_METHODS),
  reference: textField(80),
  notes: textField(1000),
  voided_at: instantField.nullable(),
  void_reason: textField(500).nullable(),
};

export const PaymentRowSchema = z.object({ ...commonRowShape, ...paymentFields });
export type PaymentRow = z.infer<typeof PaymentRowSchema>;

export const PaymentCreateSchema = z.strictObject({
  uuid: uuidField.optional(),
  supplier_uuid: paymentFields.supplier_uuid,
  paid_at: paymentFields.paid_at.optional(),
  amount_minor: paymentFields.amount_minor,
  type: paymentFields.type,
  method: paymentFields.method,
  reference: paymentFields.reference.default(''),
  notes: paymentFields.notes.default(''),
});
export type PaymentCreate = z.input<typeof PaymentCreateSchema>;

/** Editable fields of a payment that is not voided; voiding has its own input. */
export const PaymentPatchSchema = z
  .strictObject({
    paid_at: paymentFields.paid_at,
    amount_minor: paymentFields.amount_minor,
    type: paymentFields.type,
    method: paymentFields.method,
    reference: paymentFields.reference,
    notes: paymentFields.notes,
  })
  .partial();
export type PaymentPatch = z.infer<typeof PaymentPatchSchema>;

export const PaymentVoidSchema = z.strictObject({
  uuid: uuidField,
  reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500, 'must be at most 500 characters'),
});
export type PaymentVoid = z.infer<typeof PaymentVoidSchema>;
