import { z } from 'zod';
import { codeField, dateField, nameField, positiveInt, textField, uuidField } from './fields';
import { RUN_KINDS } from './settlement-lines';

/** A run is computed as a draft (and may be recomputed), approved (then it never changes), then paid. */
export const RUN_STATUSES = ['draft', 'approved', 'paid'] as const;

export const PAYOUT_STATUSES = ['pending', 'paid', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** A second payment pays this much per whole unit of a product over the period's quantities. */
export const BonusRateSchema = z.strictObject({ product_uuid: uuidField, rate_minor: positiveInt });
export type BonusRate = z.infer<typeof BonusRateSchema>;

const periodRule = {
  path: ['period_to'],
  message: 'must be on or after the start date',
};

/**
 * What a supervisor asks for when starting a run (the stored run is `entities/settlement-runs.ts`); the server
 * computes everything else. Code and name default to the period's.
 */
export const SettlementRunCreateSchema = z
  .strictObject({
    uuid: uuidField.optional(),
    code: codeField.optional(),
    name: nameField.optional(),
    kind: z.enum(RUN_KINDS).default('regular'),
    period_from: dateField,
    period_to: dateField,
    route: textField(80).default(''),
    product_uuid: uuidField.nullable().default(null),
    bonus_rates: z.array(BonusRateSchema).max(100, 'must be at most 100').default([]),
  })
  .refine((r) => r.period_to >= r.period_from, periodRule)
  .refine((r) => (r.kind === 'bonus') === r.bonus_rates.length > 0, {
    path: ['bonus_rates'],
    message: 'are required for a bonus run, and only for one',
  });
export type SettlementRunCreate = z.input<typeof SettlementRunCreateSchema>;
export type SettlementRunRequest = z.output<typeof SettlementRunCreateSchema>;

/** The reference a line travels under to the bank or provider and back: "<run code>-<supplier code>". */
export function payoutReference(runCode: string, supplierCode: string): string {
  return `${runCode}-${supplierCode}`;
}
