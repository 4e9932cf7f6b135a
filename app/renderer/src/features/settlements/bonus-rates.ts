import { parseMoney, type BonusRate } from '../../../../../shared';

export interface BonusProduct {
  uuid: string;
  code: string;
  name: string;
  unit: string;
}

export type BonusRatesRead =
  { ok: true; rates: (BonusRate & { product: BonusProduct })[] } | { ok: false; errors: Record<string, string> };

/**
 * The second-payment form's rate per unit of each product, typed in the currency's decimals ("0.50"), as the
 * integer minor units the server takes; a blank rate pays that product nothing. Errors are keyed by product uuid
 * so each sits beside its input.
 */
export function readBonusRates(
  products: readonly BonusProduct[],
  typed: Readonly<Record<string, string>>,
  currency: string,
): BonusRatesRead {
  const errors: Record<string, string> = {};
  const rates: (BonusRate & { product: BonusProduct })[] = [];
  for (const product of products) {
    const text = (typed[product.uuid] ?? '').trim();
    if (text === '') continue;
    const parsed = parseMoney(text, currency, 'Rate');
    if (!parsed.ok) errors[product.uuid] = parsed.error;
    else if (parsed.value === 0) errors[product.uuid] = 'Rate must be more than zero (leave it blank to pay nothing)';
    else rates.push({ product_uuid: product.uuid, rate_minor: parsed.value, product });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  if (rates.length === 0) return { ok: false, errors: { _: 'Give a rate per unit for at least one product' } };
  return { ok: true, rates };
}
