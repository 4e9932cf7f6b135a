import { type FieldErrors, validationError } from '../errors';
import { amountMinor } from '../money/money';
import { fieldErrorsOf } from '../validation';
import { lookupChart } from './chart';
import { DeliverySchema, type Delivery, type DeliveryInput, type Rejection } from './delivery';
import { formulaRate } from './formula';
import { lookupGrade } from './grades';
import { readingOf, type Readings } from './readings';
import {
  readingsOf,
  resolveRule,
  type OverrideScope,
  type PricingMethod,
  type PricingRuleVersion,
  type RateMethod,
} from './rule';
import { netWeight } from './tare';

/**
 * The one pricing function: the desk prices a delivery with it at the scale and the server re-prices the same
 * stored inputs with it, so both agree to the minor unit by construction. It reads nothing but its arguments
 * — no clock, time zone, locale or process state — and the caller hands it the exact rule version, so a
 * later rule never changes an earlier amount.
 */

/** How the rate was arrived at, kept with the collection so any amount can be explained later. */
interface PricingBasis {
  by: PricingMethod | 'rejected';
  /** The grade priced (by grade). */
  grade: string | null;
  /** Band index per reading (by chart). */
  cell: number[] | null;
  /** Whether the formula's result was held at a limit (by formula). */
  limited: 'min' | 'max' | null;
  /** The route/centre override that applied, or null for the rule's own terms. */
  override: OverrideScope | null;
}

/** Everything a priced collection stores. */
export interface PricedDelivery {
  rule_version_uuid: string;
  product_uuid: string;
  gross_weight_milli: number;
  tare_milli: number;
  net_quantity_milli: number;
  grade: string | null;
  readings: Readings;
  rate_minor: number;
  amount_minor: number;
  rejection: Rejection | null;
  basis: PricingBasis;
}

export type PricingResult = { ok: true; priced: PricedDelivery } | { ok: false; errors: FieldErrors };

type RateFound =
  | { ok: true; rate_minor: number; basis: Omit<PricingBasis, 'override'> }
  | { ok: false; field: string; message: string };

const NO_DETAIL = { grade: null, cell: null, limited: null } as const;

function rateFor(method: RateMethod, delivery: Delivery): RateFound {
  switch (method.by) {
    case 'base':
      return { ok: true, rate_minor: method.base_rate_minor, basis: { by: 'base', ...NO_DETAIL } };
    case 'grade': {
      const found = lookupGrade(method, delivery.grade);
      if (!found.ok) return found;
      return {
        ok: true,
        rate_minor: found.grade.rate_minor,
        basis: { by: 'grade', ...NO_DETAIL, grade: found.grade.code },
      };
    }
    case 'chart': {
      const found = lookupChart(method, delivery.readings);
      if (!found.ok) return found;
      return { ok: true, rate_minor: found.rate_minor, basis: { by: 'chart', ...NO_DETAIL, cell: found.cell } };
    }
    case 'formula': {
      const found = formulaRate(method, delivery.readings);
      if (!found.ok) return found;
      return { ok: true, rate_minor: found.rate_minor, basis: { by: 'formula', ...NO_DETAIL, limited: found.limited } };
    }
  }
}

/** A rejected delivery is recorded at no amount; what it does carry must still make sense. */
function checkRejected(method: RateMethod, delivery: Delivery): RateFound {
  if (delivery.grade !== null && method.by === 'grade') {
    const found = lookupGrade(method, delivery.grade);
    if (!found.ok) return found;
  }
  for (const def of readingsOf(method)) {
    if (delivery.readings[def.key] === undefined) continue;
    const reading = readingOf(delivery.readings, def);
    if (!reading.ok) return reading;
  }
  return { ok: true, rate_minor: 0, basis: { by: 'rejected', ...NO_DETAIL, grade: delivery.grade } };
}

/** Readings the method does not use are refused rather than silently dropped: they are usually a mix-up. */
function unknownReadings(method: RateMethod, readings: Readings, errors: FieldErrors): void {
  const known = new Set(readingsOf(method).map((def) => def.key));
  for (const key of Object.keys(readings).sort()) {
    if (!known.has(key))
      errors[`readings.${key}`] = known.size
        ? `is not a reading this product is priced by (${[...known].join(', ')})`
        : 'this product is not priced by quality readings';
  }
}

/** Prices a delivery by an explicit rule version, or says which fields are wrong. */
export function priceDelivery(rule: PricingRuleVersion, input: DeliveryInput): PricingResult {
  const parsed = DeliverySchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error, input) };
  const delivery = parsed.data;
  if (delivery.product_uuid !== rule.product_uuid)
    return { ok: false, errors: { product_uuid: 'is not the product this pricing rule is for' } };

  const terms = resolveRule(rule, { route_uuid: delivery.route_uuid, centre_uuid: delivery.centre_uuid });
  const errors: FieldErrors = {};
  const net = netWeight(terms.tares, delivery.containers, delivery.gross_weight_milli);
  if (!net.ok) errors[net.field] = net.message;
  unknownReadings(terms.rate, delivery.readings, errors);
  const rate = delivery.rejection ? checkRejected(terms.rate, delivery) : rateFor(terms.rate, delivery);
  if (!rate.ok) errors[rate.field] ??= rate.message;
  if (!net.ok || !rate.ok || Object.keys(errors).length > 0) return { ok: false, errors };

  let amount: number;
  try {
    amount = delivery.rejection ? 0 : amountMinor(net.net_quantity_milli, rate.rate_minor);
  } catch {
    return { ok: false, errors: { gross_weight_milli: 'net quantity × rate is too large to record' } };
  }
  return {
    ok: true,
    priced: {
      rule_version_uuid: rule.uuid,
      product_uuid: rule.product_uuid,
      gross_weight_milli: delivery.gross_weight_milli,
      tare_milli: net.tare_milli,
      net_quantity_milli: net.net_quantity_milli,
      grade: delivery.grade,
      readings: { ...delivery.readings },
      rate_minor: rate.rate_minor,
      amount_minor: amount,
      rejection: delivery.rejection,
      basis: { ...rate.basis, override: terms.override },
    },
  };
}

/** priceDelivery for callers that report errors by throwing (IPC handlers, the server's push). */
export function priceDeliveryOrThrow(rule: PricingRuleVersion, input: DeliveryInput): PricedDelivery {
  const result = priceDelivery(rule, input);
  if (!result.ok) throw validationError(result.errors);
  return result.priced;
}
