import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import { deliveryFor, ruleArb } from './arbitraries';
import { HILL_ROUTE, MILK_PRODUCT, MILK_RULE, TEA_PRODUCT, TEA_RULE, UPPER_CENTRE } from './fixtures';
import { storedRuleVersion } from './in-force';
import { priceDelivery, priceDeliveryOrThrow } from './price';
import { resolveRule, type PricingRuleVersion } from './rule';

const tea = (extra: object = {}) => ({
  product_uuid: TEA_PRODUCT,
  gross_weight_milli: 52_300,
  containers: [{ code: 'ROPE', count: 2 }],
  grade: 'A',
  ...extra,
});

describe('priceDelivery: examples', () => {
  it('prices tea by grade, less the sacks', () => {
    expect(priceDelivery(TEA_RULE, tea())).toEqual({
      ok: true,
      priced: {
        rule_version_uuid: TEA_RULE.uuid,
        product_uuid: TEA_PRODUCT,
        gross_weight_milli: 52_300,
        tare_milli: 2_000,
        net_quantity_milli: 50_300,
        grade: 'A',
        readings: {},
        rate_minor: 2400,
        amount_minor: 120_720, // 50.3 kg × 24.00
        rejection: null,
        basis: { by: 'grade', grade: 'A', cell: null, limited: null, override: null },
      },
    });
  });

  it('applies the route and centre overrides', () => {
    const hill = priceDeliveryOrThrow(TEA_RULE, tea({ route_uuid: HILL_ROUTE, grade: 'B' }));
    expect([hill.rate_minor, hill.amount_minor, hill.basis.override]).toEqual([
      2100,
      105_630,
      { route_uuid: HILL_ROUTE, centre_uuid: null },
    ]);
    const wet = priceDeliveryOrThrow(
      TEA_RULE,
      tea({ route_uuid: HILL_ROUTE, centre_uuid: UPPER_CENTRE, containers: [{ code: 'WET', count: 1 }] }),
    );
    expect([wet.tare_milli, wet.net_quantity_milli, wet.rate_minor]).toEqual([2_000, 50_300, 2400]);
  });

  it('prices milk from the fat × SNF chart, less the can by its number', () => {
    const milk = priceDeliveryOrThrow(MILK_RULE, {
      product_uuid: MILK_PRODUCT,
      gross_weight_milli: 24_760,
      containers: [{ code: 'CAN-12', count: 1 }],
      readings: { fat: 365, snf: 855 },
    });
    expect(milk).toMatchObject({
      tare_milli: 2_410,
      net_quantity_milli: 22_350,
      rate_minor: 4600,
      amount_minor: 102_810,
      readings: { fat: 365, snf: 855 },
      basis: { by: 'chart', cell: [1, 1] },
    });
  });

  it('records a rejection at no amount, still weighed', () => {
    const rejected = priceDeliveryOrThrow(MILK_RULE, {
      product_uuid: MILK_PRODUCT,
      gross_weight_milli: 24_760,
      containers: [{ code: 'CAN-7', count: 1 }],
      readings: { fat: 120 }, // far below the chart: the reason it was refused
      rejection: { reason: 'adulterated', note: 'water added' },
    });
    expect(rejected).toMatchObject({
      net_quantity_milli: 22_410,
      rate_minor: 0,
      amount_minor: 0,
      rejection: { reason: 'adulterated', note: 'water added' },
      basis: { by: 'rejected' },
    });
  });

  it('names each field to correct, all at once', () => {
    expect(priceDelivery(TEA_RULE, tea({ gross_weight_milli: 1_500, grade: 'E' }))).toEqual({
      ok: false,
      errors: {
        gross_weight_milli: "gross weight 1.5 is less than the containers' tare 2: check the weight or the containers",
        grade: '"E" is not a grade of this product (A, B, C)',
      },
    });
    expect(priceDelivery(TEA_RULE, tea({ grade: null, containers: [{ code: 'CAN-7', count: 1 }] }))).toEqual({
      ok: false,
      errors: {
        'containers.0.code': '"CAN-7" is not a container of this product (ROPE, WET)',
        grade: 'is required: one of A, B, C',
      },
    });
    expect(priceDelivery(TEA_RULE, tea({ readings: { fat: 300 } }))).toEqual({
      ok: false,
      errors: { 'readings.fat': 'this product is not priced by quality readings' },
    });
    expect(priceDelivery(TEA_RULE, tea({ product_uuid: MILK_PRODUCT }))).toEqual({
      ok: false,
      errors: { product_uuid: 'is not the product this pricing rule is for' },
    });
    expect(priceDelivery(TEA_RULE, tea({ gross_weight_milli: -5 }))).toEqual({
      ok: false,
      errors: { gross_weight_milli: 'must be greater than zero' },
    });
    expect(priceDelivery(TEA_RULE, tea({ gross_weight_milli: Number.MAX_SAFE_INTEGER, containers: [] }))).toEqual({
      ok: false,
      errors: { gross_weight_milli: 'net quantity × rate is too large to record' },
    });
  });

  it('allows a net weight of exactly zero (containers only) and prices it at nothing', () => {
    expect(priceDeliveryOrThrow(TEA_RULE, tea({ gross_weight_milli: 2_000 }))).toMatchObject({
      net_quantity_milli: 0,
      amount_minor: 0,
    });
  });

  it('throws a VALIDATION_FAILED error with the fields when asked to', () => {
    try {
      priceDeliveryOrThrow(TEA_RULE, tea({ grade: 'Z' }));
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('VALIDATION_FAILED');
      expect(isAppError(error) && error.fields).toEqual({ grade: '"Z" is not a grade of this product (A, B, C)' });
    }
  });
});

const ruleAndDelivery = ruleArb.chain((rule) => fc.tuple(fc.constant(rule), deliveryFor(rule)));

/** The tare of a delivery by the terms that apply where it was made, summed independently. */
function expectedTare(
  rule: PricingRuleVersion,
  delivery: ReturnType<typeof deliveryFor> extends fc.Arbitrary<infer D> ? D : never,
) {
  const { tares } = resolveRule(rule, {
    route_uuid: delivery.route_uuid ?? null,
    centre_uuid: delivery.centre_uuid ?? null,
  });
  return (delivery.containers ?? []).reduce(
    (sum, c) => sum + c.count * tares.find((t) => t.code === c.code)!.tare_milli,
    0,
  );
}

describe('priceDelivery: properties', () => {
  it('is deterministic: the same rule and delivery — or copies of them — price the same, every time', () => {
    fc.assert(
      fc.property(ruleAndDelivery, ([rule, delivery]) => {
        const first = priceDelivery(rule, delivery);
        expect(priceDelivery(rule, delivery)).toEqual(first);
        expect(priceDelivery(structuredClone(rule), structuredClone(delivery))).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('is exact: amount = round_half_up(net × rate / 1000) in integers, never negative, zero when rejected', () => {
    fc.assert(
      fc.property(ruleAndDelivery, ([rule, delivery]) => {
        const result = priceDelivery(rule, delivery);
        if (!result.ok) return;
        const { net_quantity_milli: net, rate_minor: rate, amount_minor: amount } = result.priced;
        for (const n of [net, rate, amount, result.priced.tare_milli])
          expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
        const product = BigInt(net) * BigInt(rate);
        const expected = delivery.rejection ? 0n : product / 1000n + (product % 1000n >= 500n ? 1n : 0n);
        expect(BigInt(amount)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('net = gross − tare ≥ 0, or an error on the gross weight that says so', () => {
    fc.assert(
      fc.property(ruleAndDelivery, ([rule, delivery]) => {
        const tare = expectedTare(rule, delivery);
        const result = priceDelivery(rule, delivery);
        if (delivery.gross_weight_milli < tare) {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.errors.gross_weight_milli).toMatch(/is less than the containers' tare/);
        } else if (result.ok) {
          expect(result.priced.tare_milli).toBe(tare);
          expect(result.priced.net_quantity_milli).toBe(delivery.gross_weight_milli - tare);
        } else {
          expect(result.errors.gross_weight_milli).toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a rule changed or superseded after the fact does not change a stored result', () => {
    fc.assert(
      fc.property(ruleAndDelivery, ruleArb, ([rule, delivery], later) => {
        const result = priceDelivery(rule, delivery);
        if (!result.ok) return;
        const stored = JSON.parse(JSON.stringify(result.priced));
        // A newer version arrives, in force from the same day: re-pricing reads the stored version, not it.
        const newer = { ...later, product_uuid: rule.product_uuid, effective_from: rule.effective_from };
        const versions = [rule, newer];
        const pinned = storedRuleVersion(versions, stored.rule_version_uuid)!;
        expect(priceDelivery(pinned, delivery)).toEqual({ ok: true, priced: stored });
        // Someone edits the rule object in place afterwards: what was priced does not move with it.
        scramble(rule);
        expect(result.priced).toEqual(stored);
      }),
      { numRuns: 300 },
    );
  });
});

/** Bumps every number in a rule, in place. */
function scramble(value: unknown): void {
  if (Array.isArray(value))
    value.forEach((item, i) => (typeof item === 'number' ? (value[i] = item + 7) : scramble(item)));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value))
      if (typeof item === 'number') (value as Record<string, unknown>)[key] = item + 7;
      else scramble(item);
}
