import { z } from 'zod';
import { type FieldErrors } from '../errors';
import { commonRowShape, dateField, nonNegativeInt, positiveInt, refineWith, textField, uuidField } from './fields';

/** Loans in cash and inputs given on credit (fertiliser, feed, seedlings); advances stay payments of type advance. */
export const CREDIT_KINDS = ['loan', 'input'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

export const supplierCreditFields = {
  supplier_uuid: uuidField,
  kind: z.enum(CREDIT_KINDS),
  /** What was lent or supplied ("Fertiliser NPK 2 bags"); printed on payslips. */
  description: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  principal_minor: positiveInt,
  /** Falls due on every run until the credit is recovered (the last instalment is what remains). */
  instalment_minor: positiveInt,
  /** Not yet due; settlement runs lower it by each instalment. */
  remaining_minor: nonNegativeInt,
  issued_on: dateField,
  notes: textField(1000),
};

type CreditRuleInput = Pick<
  z.infer<z.ZodObject<typeof supplierCreditFields>>,
  'principal_minor' | 'instalment_minor' | 'remaining_minor'
>;

export function supplierCreditRuleErrors(credit: CreditRuleInput): FieldErrors {
  const errors: FieldErrors = {};
  if (credit.instalment_minor > credit.principal_minor) errors.instalment_minor = 'cannot be more than the principal';
  if (credit.remaining_minor > credit.principal_minor) errors.remaining_minor = 'cannot be more than the principal';
  return errors;
}

export const SupplierCreditRowSchema = z
  .object({ ...commonRowShape, ...supplierCreditFields })
  .superRefine(refineWith(supplierCreditRuleErrors));
export type SupplierCreditRow = z.infer<typeof SupplierCreditRowSchema>;

/** A new credit owes its whole principal. */
export const SupplierCreditCreateSchema = z
  .strictObject({
    uuid: uuidField.optional(),
    supplier_uuid: supplierCreditFields.supplier_uuid,
    kind: supplierCreditFields.kind,
    description: supplierCreditFields.description,
    principal_minor: supplierCreditFields.principal_minor,
    instalment_minor: supplierCreditFields.instalment_minor,
    issued_on: supplierCreditFields.issued_on,
    notes: supplierCreditFields.notes.default(''),
  })
  .transform((credit) => ({ ...credit, remaining_minor: credit.principal_minor }))
  .superRefine(refineWith(supplierCreditRuleErrors));
export type SupplierCreditCreate = z.input<typeof SupplierCreditCreateSchema>;

/** People may correct what a credit is and its instalment; the remaining balance moves only through runs. */
export const SupplierCreditPatchSchema = z
  .strictObject({
    description: supplierCreditFields.description,
    instalment_minor: supplierCreditFields.instalment_minor,
    notes: supplierCreditFields.notes,
  })
  .partial();
export type SupplierCreditPatch = z.infer<typeof SupplierCreditPatchSchema>;

/** What the settlement engine needs of a credit. */
export type CreditTerms = Pick<
  SupplierCreditRow,
  'uuid' | 'supplier_uuid' | 'kind' | 'description' | 'instalment_minor' | 'remaining_minor' | 'issued_on'
>;
