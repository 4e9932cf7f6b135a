import { z } from 'zod';
import { dateField, nonNegativeInt, positiveInt, uuidField } from './fields';
import { CREDIT_KINDS } from './supplier-credits';

/**
 * What a settlement run computes per supplier: the settlement engine's output, stored with the run and printed on
 * payslips. All amounts are integer minor units.
 */

/** Deductions in the order they are recovered from gross. */
export const DEDUCTION_KINDS = ['brought_forward', 'adjustment', 'advance', 'partial', 'charge', 'credit'] as const;
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];
/** What an unrecovered remainder carries forward as (brought-forward items keep their first kind). */
export const CARRIED_KINDS = ['adjustment', 'advance', 'partial', 'charge', 'credit'] as const;
export type CarriedKind = (typeof CARRIED_KINDS)[number];

export const RUN_KINDS = ['regular', 'bonus'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

const label = z.string().max(200, 'must be at most 200 characters');
const ref = z.string().max(64, 'must be at most 64 characters').nullable();

/** The adjustment entry behind a gross line, and the record in a closed period it corrects. */
export const AdjustsSchema = z.object({ uuid: uuidField, adjusts_uuid: uuidField });

export const GrossLineSchema = z.object({
  /** Null only on the adjustment of a payment (a reversal owed back to the supplier). */
  product_uuid: uuidField.nullable(),
  product_code: label,
  product_name: label,
  unit: label,
  entries: nonNegativeInt,
  quantity_milli: nonNegativeInt,
  /** The rate of a bonus line; null for collections, whose rates vary over the period. */
  rate_minor: nonNegativeInt.nullable(),
  amount_minor: nonNegativeInt,
  /** Set on an "Adjustment of <date> <record>" line; its product_name is that label. */
  adjusts: AdjustsSchema.optional(),
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

export const settlementLineShape = {
  supplier_uuid: uuidField,
  supplier_code: label,
  supplier_name: label,
  route: label,
  gross_minor: nonNegativeInt,
  gross_lines: z.array(GrossLineSchema),
  deductions: z.array(DeductionSchema),
  deductions_minor: nonNegativeInt,
  net_minor: nonNegativeInt,
  carried_forward: z.array(CarriedItemSchema),
  carried_forward_minor: nonNegativeInt,
  credits: z.array(CreditBalanceSchema),
  credit_remaining_minor: nonNegativeInt,
};
export const SettlementLineSchema = z.object(settlementLineShape);
export type SettlementLine = z.infer<typeof SettlementLineSchema>;

/** One total per distinct deduction (kind + ref + name) across the run: what each levy raised. */
export const DeductionTotalSchema = DeductionSchema;
export type DeductionTotal = Deduction;

export const settlementTotalsShape = {
  suppliers: nonNegativeInt,
  gross_minor: nonNegativeInt,
  due_minor: nonNegativeInt,
  deductions_minor: nonNegativeInt,
  net_minor: nonNegativeInt,
  carried_forward_minor: nonNegativeInt,
  credit_remaining_minor: nonNegativeInt,
};
export const SettlementTotalsSchema = z.object({
  ...settlementTotalsShape,
  by_deduction: z.array(DeductionTotalSchema),
});
export type SettlementTotals = z.infer<typeof SettlementTotalsSchema>;

export const PeriodSchema = z
  .strictObject({ from: dateField, to: dateField })
  .refine((p) => p.to >= p.from, { path: ['to'], message: 'must be on or after the start date' });
export type SettlementPeriod = z.infer<typeof PeriodSchema>;

/** A computed run before it is stored: the plain object payslips and payout files are made from. */
export const SettlementResultSchema = z.object({
  kind: z.enum(RUN_KINDS),
  period: PeriodSchema,
  lines: z.array(SettlementLineSchema),
  totals: SettlementTotalsSchema,
});
export type SettlementResult = z.infer<typeof SettlementResultSchema>;
