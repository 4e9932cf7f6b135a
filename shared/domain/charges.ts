import { z } from 'zod';
import { type FieldErrors } from '../errors';
import { parseDecimal, toDecimalString } from '../money/decimal';
import { currencyScale, parseMoney } from '../money/money';
import {
  codeField,
  dateField,
  refineWith,
  nameField,
  nonNegativeInt,
  positiveInt,
  textField,
  uuidField,
} from './fields';

/** How a charge is computed: a share of gross, an amount per unit of one product, or a flat fee per supplier. */
export const CHARGE_KINDS = ['percent', 'per_unit', 'fixed'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

/** `value` of a percent charge is in thousandths of a percent: 1.5 % → 1500; 100 % → 100000. */
export const PERCENT_SCALE = 3;
export const PERCENT_DENOMINATOR = 100_000n;
const HUNDRED_PERCENT = 100_000;

export const chargeFields = {
  code: codeField,
  name: nameField,
  kind: z.enum(CHARGE_KINDS),
  /** percent: thousandths of a percent; per_unit: minor units per whole unit; fixed: minor units per supplier per run. */
  value: positiveInt,
  /** The product a per_unit charge counts (required), or the only product a percent charge applies to (optional). */
  product_uuid: uuidField.nullable(),
  /** Deduction order among charges: lower first. */
  sort_order: nonNegativeInt.max(1_000_000, 'must be at most 1000000'),
  active_from: dateField,
  /** Last day the charge applies; null while it runs on. */
  active_to: dateField.nullable(),
  notes: textField(1000),
};

type ChargeRuleInput = Pick<
  z.infer<z.ZodObject<typeof chargeFields>>,
  'kind' | 'value' | 'product_uuid' | 'active_from' | 'active_to'
>;

/** Rules across fields, as `{ field: problem }` — used by the schemas below and after merging a patch. */
export function chargeRuleErrors(charge: ChargeRuleInput): FieldErrors {
  const errors: FieldErrors = {};
  if (charge.kind === 'per_unit' && !charge.product_uuid) errors.product_uuid = 'is required for a per-unit charge';
  if (charge.kind === 'fixed' && charge.product_uuid)
    errors.product_uuid = 'must be empty for a fixed charge (it is per supplier)';
  if (charge.kind === 'percent' && charge.value > HUNDRED_PERCENT) errors.value = 'cannot be more than 100%';
  if (charge.active_to !== null && charge.active_to < charge.active_from)
    errors.active_to = 'must be on or after the first active day';
  return errors;
}

/** A charge's own fields, as the create schema hands them on. */
type ChargeFields = z.infer<z.ZodObject<typeof chargeFields>>;

export const ChargeCreateSchema = z
  .strictObject({
    uuid: uuidField.optional(),
    code: chargeFields.code,
    name: chargeFields.name,
    kind: chargeFields.kind,
    value: chargeFields.value,
    product_uuid: chargeFields.product_uuid.default(null),
    sort_order: chargeFields.sort_order.default(100),
    active_from: chargeFields.active_from,
    active_to: chargeFields.active_to.default(null),
    notes: chargeFields.notes.default(''),
  })
  .superRefine(refineWith(chargeRuleErrors));

/** What the settlement engine needs of a charge. */
export type ChargeTerms = { uuid: string } & Pick<ChargeFields, 'code' | 'name' | 'sort_order'> & ChargeRuleInput;

/** "1.5" (percent), "2.00" (per unit, money) or "150.00" (fixed, money) → the stored integer `value`. */
export function parseChargeValue(kind: ChargeKind, text: string, currency: string) {
  return kind === 'percent'
    ? parseDecimal(text, { scale: PERCENT_SCALE, label: 'percent' })
    : parseMoney(text, currency, kind === 'per_unit' ? 'rate' : 'amount');
}

/** The stored `value` as people write it: "1.5%", "2.00 per kg", "150.00". */
export function describeChargeValue(kind: ChargeKind, value: number, currency: string, unit = 'unit'): string {
  if (kind === 'percent') return `${toDecimalString(value, PERCENT_SCALE).replace(/\.?0+$/, '')}%`;
  const money = toDecimalString(value, currencyScale(currency));
  return kind === 'per_unit' ? `${money} per ${unit}` : money;
}
