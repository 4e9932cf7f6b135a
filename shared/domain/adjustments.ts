import { z } from 'zod';
import { amountMinor } from '../money/money';
import { uuidField } from './fields';

/**
 * A correction of a collection or payment in a closed period is an adjustment entry dated in the open period,
 * naming the record it corrects in `adjusts_uuid` (docs/pay-runs.md "Adjustments"). Only an adjustment may carry
 * a negative quantity or amount: less delivered than recorded, or a payment reversed.
 */
export const signedInt = z
  .number()
  .int('must be a whole number')
  .min(-Number.MAX_SAFE_INTEGER, 'is too large')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');

/**
 * Not a `ref` field: a type refers only to types before it in the registry, and this one names its own type.
 * The server checks the record it names (push rule `withAdjustments`).
 */
export const adjustsSpec = {
  kind: 'text',
  label: 'Adjusts',
  schema: uuidField.nullable(),
  create: { default: null },
  patch: false,
} as const;

/** A field that must be above zero on an ordinary entry; on an adjustment anything but zero. */
export function adjustmentSignErrors(row: Readonly<Record<string, unknown>>, field: string): Record<string, string> {
  const value = row[field];
  if (typeof value !== 'number') return {};
  if (row.adjusts_uuid == null) return value > 0 ? {} : { [field]: 'must be greater than zero' };
  return value !== 0 ? {} : { [field]: 'cannot be zero on an adjustment' };
}

/** What an adjustment of a collection reads of the collection it corrects. */
export interface AdjustedCollection {
  quantity_milli: number;
  rate_minor: number;
  amount_minor: number;
}

/**
 * A collection adjustment is priced at the corrected record's stored rate, as the difference it makes: the
 * amount the record would have with the adjusted quantity, less the amount it has. So record + adjustment comes
 * to exactly what the corrected record would have been, to the minor unit, and a reversal of the whole quantity
 * is minus the stored amount.
 */
export function priceCollectionAdjustment(
  original: AdjustedCollection,
  deltaMilli: number,
): { rate_minor: number; amount_minor: number; tare_milli: number } {
  const amount = amountMinor(original.quantity_milli + deltaMilli, original.rate_minor) - original.amount_minor;
  return { rate_minor: original.rate_minor, amount_minor: amount, tare_milli: 0 };
}
