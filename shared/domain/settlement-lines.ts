import { z } from 'zod';
import { nonNegativeInt, positiveInt, uuidField } from './fields';
import { CREDIT_KINDS } from './supplier-credits';

/**
 * What a settlement run computes per supplier: the settlement engine's output, stored with the run and printed on
 * payslips. All amounts are integer minor units.
 */

/** Deductions in the order they are recovered from gross. */
export const DEDUCTION_KINDS = ['brought_forward', 'advance', 'partial', 'charge', 'credit'] as const;
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];
/** What an unrecovered remainder carries forward as (brought-forward items keep their first kind). */
const CARRIED_KINDS = ['advance', 'partial', 'charge', 'credit'] as const;
export type CarriedKind = (typeof CARRIED_KINDS)[number];

export const RUN_KINDS = ['regular', 'bonus'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

const label = z.string().max(200, 'must be at most 200 characters');
const ref = z.string().max(64, 'must be at most 64 characters').nullable();

export const GrossLineSchema = z.object({
  product_uuid: uuidField,
  product_code: label,
  product_name: label,
  unit: label,
  entries: nonNegativeInt,
  quantity_milli: nonNegativeInt,
  /** The rate of a bonus line; null for collections, whose rates vary over the period. */
  rate_minor: nonNegativeInt.nullable(),
  amount_minor: nonNegativeInt,
});
export type GrossLine = z.infer<typeof GrossLineSchema>;

export const DeductionSchema = z.object({
  kind: z.enum(DEDUCTION_KINDS),
  name: label,
  /** The charge, credit or carried item behind it; null for payments, which are summed per type. */
  ref,
  /** For brought-forward amounts, what they were first. */
  origin: z.enum(CARRIED_KINDS).nullable(),
  /** What fell due in this run. */
  due_minor: nonNegativeInt,
  /** What gross could cover: the amount deducted. */
  amount_minor: nonNegativeInt,
});
export type Deduction = z.infer<typeof DeductionSchema>;

export const CarriedItemSchema = z.object({
  kind: z.enum(CARRIED_KINDS),
  name: label,
  ref,
  amount_minor: positiveInt,
});
export type CarriedItem = z.infer<typeof CarriedItemSchema>;

export const CreditBalanceSchema = z.object({
  credit_uuid: uuidField,
  kind: z.enum(CREDIT_KINDS),
  description: label,
  /** The instalment that fell due in this run (0 when the supplier delivered nothing). */
  due_minor: nonNegativeInt,
  remaining_minor: nonNegativeInt,
});
export type CreditBalance = z.infer<typeof CreditBalanceSchema>;

/** One supplier's line of a run. */
export interface SettlementLine {
  supplier_uuid: string;
  supplier_code: string;
  supplier_name: string;
  route: string;
  gross_minor: number;
  gross_lines: GrossLine[];
  deductions: Deduction[];
  deductions_minor: number;
  net_minor: number;
  carried_forward: CarriedItem[];
  carried_forward_minor: number;
  credits: CreditBalance[];
  credit_remaining_minor: number;
}

/** One total per distinct deduction (kind + ref + name) across the run: what each levy raised. */
export type DeductionTotal = Deduction;

export interface SettlementTotals {
  suppliers: number;
  gross_minor: number;
  due_minor: number;
  deductions_minor: number;
  net_minor: number;
  carried_forward_minor: number;
  credit_remaining_minor: number;
  by_deduction: DeductionTotal[];
}

/** The days a run covers, both included (the request schema checks `to` is not before `from`). */
export interface SettlementPeriod {
  from: string;
  to: string;
}

/** A computed run before it is stored: the plain object payslips and payout files are made from. */
export interface SettlementResult {
  kind: RunKind;
  period: SettlementPeriod;
  lines: SettlementLine[];
  totals: SettlementTotals;
}
