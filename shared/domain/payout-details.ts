import { z } from 'zod';
import type { FieldErrors } from '../errors';
import { refineWith, textField } from './fields';

/** How a supplier prefers to be paid by a run. */
export const PAYOUT_METHODS = ['none', 'bank', 'mobile'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

const E164 = /^\+[1-9]\d{7,14}$/;
const E164_MESSAGE = 'must be in international format: + then the country code and number, e.g. +254712345678';

/** Optional text with a format: '' means "not given". */
function optionalFormatted(normalize: (v: string) => string, pattern: RegExp, message: string) {
  return z
    .string()
    .transform(normalize)
    .refine((v) => v === '' || pattern.test(v), message);
}

export const payoutDetailsFields = {
  payout_method: z.enum(PAYOUT_METHODS),
  /** The name on the bank account when it differs from the supplier's. */
  bank_account_name: textField(120),
  bank_account_number: optionalFormatted(
    (v) => v.replace(/[\s-]/g, '').toUpperCase(),
    /^[A-Z0-9]{4,34}$/,
    'must be 4 to 34 letters or digits (spaces and dashes are ignored)',
  ),
  /** Bank and branch code, sort code or SWIFT/BIC. */
  bank_code: optionalFormatted(
    (v) => v.trim().toUpperCase(),
    /^[A-Z0-9]{2,11}$/,
    'must be 2 to 11 letters or digits (bank/branch code or SWIFT code)',
  ),
  mobile_phone: optionalFormatted((v) => v.replace(/[\s().-]/g, ''), E164, E164_MESSAGE),
};

/** The chosen method's details are required (on a new supplier, and on the merged row after an edit). */
export function supplierPayoutErrors(d: {
  payout_method: PayoutMethod;
  bank_account_number: string;
  bank_code: string;
  mobile_phone: string;
}): FieldErrors {
  const errors: FieldErrors = {};
  if (d.payout_method === 'bank') {
    if (d.bank_account_number === '') errors.bank_account_number = 'is required to pay by bank';
    if (d.bank_code === '') errors.bank_code = 'is required to pay by bank';
  }
  if (d.payout_method === 'mobile' && d.mobile_phone === '') errors.mobile_phone = 'is required to pay by mobile money';
  return errors;
}

/** Optional bank and mobile-money details of a supplier; the chosen method's details are required. */
export const SupplierPayoutDetailsSchema = z
  .strictObject({
    payout_method: payoutDetailsFields.payout_method.default('none'),
    bank_account_name: payoutDetailsFields.bank_account_name.default(''),
    bank_account_number: payoutDetailsFields.bank_account_number.default(''),
    bank_code: payoutDetailsFields.bank_code.default(''),
    mobile_phone: payoutDetailsFields.mobile_phone.default(''),
  })
  .superRefine(refineWith(supplierPayoutErrors));
export type SupplierPayoutDetails = z.output<typeof SupplierPayoutDetailsSchema>;
