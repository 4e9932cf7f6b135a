import { formatQuantityGrouped, isImplausibleQuantity } from '../../../../../shared';
import type { CollectionEntry } from '../../../../../shared';
import type { EntryTerms } from '../../../../../shared/ipc/types';
import type { Preview } from './entry-form';

/**
 * The question the entry form asks before saving a weight far above the product's usual delivery (the rule is
 * shared/domain/usual-quantity.ts): a typo caught here never reaches balances or a pay run. Null: save at once.
 * The net quantity when it is priced already, else the weight as entered.
 */
export function unusualWeightQuestion(
  fields: Pick<CollectionEntry, 'quantity_milli' | 'gross_weight_milli'>,
  preview: Preview | null,
  terms: EntryTerms | null,
  unit: string,
): string | null {
  const quantity = preview?.ok ? preview.quantity_milli : (fields.quantity_milli ?? fields.gross_weight_milli ?? 0);
  const usual = terms?.usual_milli ?? null;
  if (usual === null || !isImplausibleQuantity(quantity, usual)) return null;
  const amount = (milli: number) => `${formatQuantityGrouped(milli)} ${unit}`;
  return `${amount(quantity)} is far above this product's usual (median ${amount(usual)}). Save anyway?`;
}
