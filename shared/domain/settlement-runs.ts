import { z } from 'zod';
import {
  codeField,
  commonRowShape,
  dateField,
  instantField,
  nameField,
  positiveInt,
  textField,
  uuidField,
} from './fields';
import { DeductionTotalSchema, RUN_KINDS, settlementLineShape, settlementTotalsShape } from './settlement-lines';

/** A run is computed as a draft (and may be recomputed), approved (then it never changes), then paid. */
export const RUN_STATUSES = ['draft', 'approved', 'paid'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const PAYOUT_STATUSES = ['pending', 'paid', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** A second payment pays this much per whole unit of a product over the period's quantities. */
export const BonusRateSchema = z.strictObject({ product_uuid: uuidField, rate_minor: positiveInt });
export type BonusRate = z.infer<typeof BonusRateSchema>;

const periodRule = {
  path: ['period_to'],
  message: 'must be on or after the start date',
};

export const settlementRunFields = {
  code: codeField,
  name: nameField,
  kind: z.enum(RUN_KINDS),
  period_from: dateField,
  period_to: dateField,
  /** Only suppliers of this route ('' = every route). */
  route: textField(80),
  /** Only collections of this product (null = every product). */
  product_uuid: uuidField.nullable(),
  /** The run whose carried-forward amounts this one brings forward. */
  previous_run_uuid: uuidField.nullable(),
  bonus_rates: z.array(BonusRateSchema),
  status: z.enum(RUN_STATUSES),
  computed_at: instantField,
  approved_at: instantField.nullable(),
  approved_by: z.string().nullable(),
  ...settlementTotalsShape,
  by_deduction: z.array(DeductionTotalSchema),
};

export const SettlementRunRowSchema = z
  .object({ ...commonRowShape, ...settlementRunFields })
  .refine((r) => r.period_to >= r.period_from, periodRule);
export type SettlementRunRow = z.infer<typeof SettlementRunRowSchema>;

/** What a supervisor asks for when starting a run; the server computes everything else. */
export const SettlementRunCreateSchema = z
  .strictObject({
    uuid: uuidField.optional(),
    code: settlementRunFields.code,
    name: settlementRunFields.name,
    kind: settlementRunFields.kind.default('regular'),
    period_from: settlementRunFields.period_from,
    period_to: settlementRunFields.period_to,
    route: settlementRunFields.route.default(''),
    product_uuid: settlementRunFields.product_uuid.default(null),
    bonus_rates: settlementRunFields.bonus_rates.default([]),
  })
  .refine((r) => r.period_to >= r.period_from, periodRule)
  .refine((r) => (r.kind === 'bonus') === r.bonus_rates.length > 0, {
    path: ['bonus_rates'],
    message: 'are required for a bonus run, and only for one',
  });
export type SettlementRunCreate = z.input<typeof SettlementRunCreateSchema>;

export const settlementLineFields = {
  run_uuid: uuidField,
  ...settlementLineShape,
  /** The reference written in payout files and matched on import. */
  payout_reference: textField(80),
  payout_status: z.enum(PAYOUT_STATUSES),
  payout_provider_reference: textField(120),
  payout_message: textField(500),
  paid_at: instantField.nullable(),
};

export const SettlementLineRowSchema = z.object({ ...commonRowShape, ...settlementLineFields });
export type SettlementLineRow = z.infer<typeof SettlementLineRowSchema>;
