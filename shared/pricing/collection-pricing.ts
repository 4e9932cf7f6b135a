import type { FieldErrors } from '../errors';
import { amountMinor } from '../money/money';
import { RejectionSchema, type DeliveryInput, type RejectionReason } from './delivery';
import { priceDelivery } from './price';
import type { PricingRuleVersion } from './rule';

/**
 * How a collection row is priced, the same on the desk (at entry) and on the server (at push): by the rule
 * version it names, from the inputs it stores, or — with no rule — by the product's plain rate. Nothing here
 * reads a clock or the latest rule: the caller hands over the stored version.
 */

/** The inputs a collection row stores for pricing (its registry fields). */
export interface CollectionPricingInputs {
  product_uuid: string;
  quantity_milli?: number;
  gross_weight_milli: number | null;
  containers: string;
  grade: string | null;
  readings: string;
  route_uuid: string | null;
  centre_uuid: string | null;
  rejection_reason: RejectionReason | null;
  rejection_note: string;
}

/** The computed fields of a collection. */
export interface CollectionPriced {
  quantity_milli: number;
  tare_milli: number;
  rate_minor: number;
  amount_minor: number;
}

export type CollectionPricing = { ok: true; priced: CollectionPriced } | { ok: false; errors: FieldErrors };

/** A delivery's field as the collection row names it (rejection.note → rejection_note). */
function collectionField(field: string): string {
  if (field.startsWith('rejection.')) return `rejection_${field.slice('rejection.'.length)}`;
  return field;
}

function parsedJson(text: string, field: string, errors: FieldErrors): unknown {
  try {
    return JSON.parse(text);
  } catch {
    errors[field] = 'must be valid JSON';
    return undefined;
  }
}

/** The delivery priceDelivery reads, from a collection's stored inputs. */
function deliveryOf(
  row: CollectionPricingInputs,
): { ok: true; delivery: DeliveryInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const containers = parsedJson(row.containers, 'containers', errors);
  const readings = parsedJson(row.readings, 'readings', errors);
  if (row.gross_weight_milli === null)
    errors.gross_weight_milli = 'is required: this product is priced by a pricing rule';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    delivery: {
      product_uuid: row.product_uuid,
      gross_weight_milli: row.gross_weight_milli as number,
      containers: containers as DeliveryInput['containers'],
      grade: row.grade,
      readings: readings as DeliveryInput['readings'],
      route_uuid: row.route_uuid,
      centre_uuid: row.centre_uuid,
      rejection: row.rejection_reason ? { reason: row.rejection_reason, note: row.rejection_note } : null,
    },
  };
}

/** Prices a collection by the rule version it names (never the latest one). Net must leave something to record. */
export function priceCollectionByRule(rule: PricingRuleVersion, row: CollectionPricingInputs): CollectionPricing {
  const delivery = deliveryOf(row);
  if (!delivery.ok) return delivery;
  const result = priceDelivery(rule, delivery.delivery);
  if (!result.ok) {
    const errors: FieldErrors = {};
    for (const [field, message] of Object.entries(result.errors)) errors[collectionField(field)] = message;
    return { ok: false, errors };
  }
  const { priced } = result;
  if (priced.net_quantity_milli === 0)
    return { ok: false, errors: { gross_weight_milli: 'leaves nothing after the containers’ tare (net 0)' } };
  return {
    ok: true,
    priced: {
      quantity_milli: priced.net_quantity_milli,
      tare_milli: priced.tare_milli,
      rate_minor: priced.rate_minor,
      amount_minor: priced.amount_minor,
    },
  };
}

/**
 * A collection with no pricing rule: priced by the product's plain rate. A scale's gross weight is the
 * quantity (there is no tare list to deduct); grades, readings and containers need a rule.
 */
export function priceCollectionByRate(rateMinor: number, row: CollectionPricingInputs): CollectionPricing {
  const errors: FieldErrors = {};
  if (row.grade !== null) errors.grade = 'this product has no pricing rule with grades';
  if (row.readings !== '{}' && row.readings.trim() !== '{}')
    errors.readings = 'this product has no pricing rule with quality readings';
  if (row.containers.replace(/\s/g, '') !== '[]')
    errors.containers = 'this product has no pricing rule with container tares';
  if (row.rejection_reason) {
    const rejection = RejectionSchema.safeParse({ reason: row.rejection_reason, note: row.rejection_note });
    if (!rejection.success)
      for (const issue of rejection.error.issues)
        errors[collectionField(`rejection.${issue.path.join('.')}`)] = issue.message;
  }
  const quantity = row.gross_weight_milli ?? row.quantity_milli;
  if (quantity === undefined) errors.quantity_milli = 'is required';
  if (Object.keys(errors).length) return { ok: false, errors };
  const rate = row.rejection_reason ? 0 : rateMinor;
  let amount: number;
  try {
    amount = amountMinor(quantity as number, rate);
  } catch {
    return { ok: false, errors: { quantity_milli: 'quantity × rate is too large to record' } };
  }
  return {
    ok: true,
    priced: { quantity_milli: quantity as number, tare_milli: 0, rate_minor: rate, amount_minor: amount },
  };
}

/** The issue-18 fields of a collection typed in with no rule, no place and no shift (older collections). */
export const PLAIN_COLLECTION_FIELDS = {
  rule_version_uuid: null,
  gross_weight_milli: null,
  containers: '[]',
  tare_milli: 0,
  grade: null,
  readings: '{}',
  shift: null,
  route_uuid: null,
  centre_uuid: null,
  weighed_on_scale: false,
  rejection_reason: null,
  rejection_note: '',
  second_delivery: false,
} as const;
