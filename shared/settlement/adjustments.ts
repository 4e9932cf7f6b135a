import type { GrossLine } from '../domain/settlement-lines';
import type { Due } from './dues';
import type { AdjustmentEntry, ProductRef } from './input';
import { assertMinor, compareText } from './sums';

function order(a: AdjustmentEntry, b: AdjustmentEntry): number {
  return compareText(a.label, b.label) || compareText(a.uuid, b.uuid);
}

/**
 * A supplier's adjustments split by who they favour: what is owed to the supplier (more delivered, a payment
 * reversed) is a gross line of its own; what the supplier owes back (less delivered, more paid) is a deduction,
 * recovered like the others and carried forward when gross cannot cover it. So gross, each deduction and net
 * stay ≥ 0 and gross − deductions = net still holds.
 */
export function splitAdjustments(
  entries: AdjustmentEntry[],
  products: Map<string, ProductRef>,
): { gross: GrossLine[]; dues: Due[] } {
  const gross: GrossLine[] = [];
  const dues: Due[] = [];
  for (const entry of [...entries].sort(order)) {
    const owed = assertMinor(Math.abs(entry.owed_minor), 'adjustment amount') * Math.sign(entry.owed_minor);
    if (owed > 0) {
      const product = entry.product_uuid ? products.get(entry.product_uuid) : undefined;
      if (entry.product_uuid && !product)
        throw new Error(`an adjustment names a product that is not in the input: ${entry.product_uuid}`);
      gross.push({
        product_uuid: entry.product_uuid,
        product_code: product?.code ?? '',
        product_name: entry.label,
        unit: product?.unit ?? '',
        entries: 1,
        quantity_milli: Math.abs(entry.quantity_milli),
        rate_minor: null,
        amount_minor: owed,
        adjusts: { uuid: entry.uuid, adjusts_uuid: entry.adjusts_uuid },
      });
    } else if (owed < 0)
      dues.push({ kind: 'adjustment', name: entry.label, ref: entry.uuid, origin: null, due_minor: -owed });
  }
  return { gross, dues };
}
