import type { BonusRate } from '../domain/settlement-runs';
import type { SettlementResult } from '../domain/settlement-lines';
import { amountMinor } from '../money/money';
import { computeSettlement } from './compute-settlement';
import type { CollectionTotal, SettlementInput } from './input';
import { addMinor, assertMinor } from './sums';

/** A past period's quantities per supplier and product (any grouping; they are summed first). */
interface QuantityTotal {
  supplier_uuid: string;
  product_uuid: string;
  entries: number;
  quantity_milli: number;
}

/**
 * Second payment (bonus) gross: per supplier and product, round_half_up(Σ quantity × rate per unit) — one
 * rounding per line, on the summed quantity. Products without a bonus rate earn nothing.
 */
function bonusGross(quantities: QuantityTotal[], rates: BonusRate[], day: string): CollectionTotal[] {
  const rateOf = new Map(rates.map((r) => [r.product_uuid, assertMinor(r.rate_minor, 'bonus rate')]));
  const sums = new Map<string, CollectionTotal>();
  for (const q of quantities) {
    const rate = rateOf.get(q.product_uuid);
    if (rate === undefined) continue;
    assertMinor(q.quantity_milli, 'quantity');
    const key = `${q.supplier_uuid}|${q.product_uuid}`;
    const sum = sums.get(key);
    if (sum) {
      sum.entries += q.entries;
      sum.quantity_milli = addMinor(sum.quantity_milli, q.quantity_milli, 'quantity');
    } else
      sums.set(key, {
        supplier_uuid: q.supplier_uuid,
        product_uuid: q.product_uuid,
        day,
        entries: q.entries,
        quantity_milli: q.quantity_milli,
        amount_minor: 0,
        rate_minor: rate,
      });
  }
  const rows = [...sums.values()];
  for (const row of rows) row.amount_minor = amountMinor(row.quantity_milli, row.rate_minor!);
  return rows.filter((r) => r.amount_minor > 0);
}

export type BonusInput = Omit<SettlementInput, 'kind' | 'collections' | 'payments'> & {
  /** The past period's quantities; `period` is that past period. */
  quantities: QuantityTotal[];
  rates: BonusRate[];
};

/**
 * A bonus run: the bonus is the gross; charges, credit instalments and brought-forward amounts passed in are
 * recovered from it as in a regular run (pass none to pay the bonus whole). Payments are not deducted again.
 */
export function computeSecondPayment(input: BonusInput): SettlementResult {
  const { quantities, rates, ...rest } = input;
  return computeSettlement({
    ...rest,
    kind: 'bonus',
    collections: bonusGross(quantities, rates, input.period.to),
    payments: [],
  });
}
