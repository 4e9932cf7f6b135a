import { z } from 'zod';
import type { FieldErrors } from '../errors';
import { dateField, positiveInt, uuidField } from './fields';

/** Loans in cash and inputs given on credit (fertiliser, feed, seedlings); advances stay payments of type advance. */
export const CREDIT_KINDS = ['loan', 'input'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

/**
 * A credit's fields (the entity is `entities/supplier-credits.ts`). It stores no balance: what remains is the
 * principal less the instalments that fell due in approved runs, worked out by the server when it computes a run.
 */
export const supplierCreditFields = {
  supplier_uuid: uuidField,
  kind: z.enum(CREDIT_KINDS),
  /** What was lent or supplied ("Fertiliser NPK 2 bags"); printed on payslips. */
  description: z.string().trim().max(120, 'must be at most 120 characters'),
  principal_minor: positiveInt,
  /** Falls due on every run until the credit is recovered (the last instalment is what remains). */
  instalment_minor: positiveInt,
  issued_on: dateField,
};

/** The instalment cannot be more than the principal (checked on create, and after an edit on the merged row). */
export function supplierCreditRuleErrors(credit: { principal_minor: number; instalment_minor: number }): FieldErrors {
  return credit.instalment_minor > credit.principal_minor
    ? { instalment_minor: 'cannot be more than the principal' }
    : {};
}

/** The name a credit goes by on payslips: its description, or its kind and date. */
export function creditName(credit: { kind: CreditKind; description: string; issued_on: string }): string {
  return credit.description || `${credit.kind === 'loan' ? 'Loan' : 'Inputs on credit'} of ${credit.issued_on}`;
}

/** What the settlement engine needs of a credit; `remaining_minor` is what is not yet due. */
export interface CreditTerms {
  uuid: string;
  supplier_uuid: string;
  kind: CreditKind;
  description: string;
  instalment_minor: number;
  remaining_minor: number;
  issued_on: string;
}
