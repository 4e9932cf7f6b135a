import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleArb, schemaErrors } from './arbitraries';
import { RejectionSchema, DeliverySchema } from './delivery';
import { HILL_ROUTE, TEA_RULE, UPPER_CENTRE } from './fixtures';
import { PricingRuleVersionSchema, resolveRule } from './rule';
import { ruleVersionInForce, storedRuleVersion } from './in-force';

const errorsOf = schemaErrors;
const ruleErrors = (input: unknown) => errorsOf(PricingRuleVersionSchema, input);

describe('pricing rule schema', () => {
  it('accepts the tea rule and every generated rule, and parsing again changes nothing', () => {
    expect(PricingRuleVersionSchema.parse(TEA_RULE)).toEqual(TEA_RULE);
    fc.assert(
      fc.property(ruleArb, (rule) => {
        const once = PricingRuleVersionSchema.parse(rule);
        expect(PricingRuleVersionSchema.parse(once)).toEqual(once);
      }),
    );
  });

  it('says how to state the method', () => {
    expect(ruleErrors({ ...TEA_RULE, rate: { by: 'weight' } })).toEqual({
      'rate.by': 'must say how the rate is found: by base, grade, chart or formula',
    });
    expect(ruleErrors({ ...TEA_RULE, rate: { by: 'base' } })).toEqual({ 'rate.base_rate_minor': 'is required' });
    expect(ruleErrors({ ...TEA_RULE, rate: { by: 'base', base_rate_minor: 12.5 } })).toEqual({
      'rate.base_rate_minor': 'must be a whole number',
    });
    expect(ruleErrors({ ...TEA_RULE, effective_from: '2026-02-30' })).toEqual({
      effective_from: 'must be a date as YYYY-MM-DD',
    });
  });

  it('refuses duplicate grades and containers, and grade lists that are empty', () => {
    const grades = TEA_RULE.rate.by === 'grade' ? TEA_RULE.rate.grades : [];
    expect(ruleErrors({ ...TEA_RULE, rate: { by: 'grade', grades: [...grades, grades[0]] } })).toEqual({
      'rate.grades.3.code': 'grade A is listed twice',
    });
    expect(ruleErrors({ ...TEA_RULE, rate: { by: 'grade', grades: [] } })).toEqual({
      'rate.grades': 'needs at least one grade',
    });
    expect(ruleErrors({ ...TEA_RULE, tares: [...TEA_RULE.tares, { code: 'ROPE', tare_milli: 900 }] })).toEqual({
      'tares.2.code': 'container ROPE is listed twice',
    });
    expect(ruleErrors({ ...TEA_RULE, tares: [{ code: 'ROPE', tare_milli: -1 }] })).toMatchObject({
      'tares.0.tare_milli': 'cannot be negative',
    });
  });

  it('checks overrides: a scope, a change, no two for the same place, tares of known containers', () => {
    const override = TEA_RULE.overrides[0]!;
    expect(ruleErrors({ ...TEA_RULE, overrides: [{ ...override, route_uuid: null }] })).toEqual({
      'overrides.0.route_uuid': 'name a route, a centre or both',
    });
    expect(ruleErrors({ ...TEA_RULE, overrides: [{ ...override, rate: null }] })).toEqual({
      'overrides.0.rate': 'an override must change the rate or a tare',
    });
    expect(ruleErrors({ ...TEA_RULE, overrides: [override, { ...override, tares: [] }] })).toEqual({
      'overrides.1': 'applies to the same route and centre as override 1: merge them',
    });
    expect(
      ruleErrors({ ...TEA_RULE, overrides: [{ ...override, tares: [{ code: 'CRATE', tare_milli: 500 }] }] }),
    ).toEqual({
      'overrides.0.tares.0.code': "container CRATE is not in the rule's container list: add it there first",
    });
  });

  it('refuses unknown fields rather than dropping them', () => {
    expect(ruleErrors({ ...TEA_RULE, currency: 'KES' })).toEqual({ _: 'has unknown field(s): currency' });
  });
});

describe('resolveRule', () => {
  const place = (route_uuid: string | null, centre_uuid: string | null) =>
    resolveRule(TEA_RULE, { route_uuid, centre_uuid });
  const rateOfA = (resolved: ReturnType<typeof place>) =>
    resolved.rate.by === 'grade' ? resolved.rate.grades.find((g) => g.code === 'A')?.rate_minor : undefined;

  it("uses the rule's own terms where no override applies", () => {
    expect(place(null, null)).toEqual({ rate: TEA_RULE.rate, tares: TEA_RULE.tares, override: null });
  });

  it('applies the most specific override whole; the centre wins over its route', () => {
    expect(rateOfA(place(HILL_ROUTE, null))).toBe(2500);
    const atCentre = place(HILL_ROUTE, UPPER_CENTRE);
    expect(atCentre.override).toEqual({ route_uuid: null, centre_uuid: UPPER_CENTRE });
    expect(rateOfA(atCentre)).toBe(2400);
    expect(atCentre.tares).toEqual([
      { code: 'ROPE', label: 'Rope sack', tare_milli: 1000 },
      { code: 'WET', label: 'Wet sack', tare_milli: 2000 },
    ]);
  });
});

describe('rejections and deliveries', () => {
  it('lists the reasons and needs a note for "other"', () => {
    expect(RejectionSchema.parse({ reason: 'adulterated' })).toEqual({ reason: 'adulterated', note: '' });
    expect(errorsOf(RejectionSchema, { reason: 'other' })).toEqual({
      note: 'say what was wrong when the reason is "other"',
    });
    expect(errorsOf(RejectionSchema, { reason: 'other', note: '   ' })).toEqual({
      note: 'say what was wrong when the reason is "other"',
    });
    expect(errorsOf(RejectionSchema, { reason: 'smelly' })).toEqual({
      reason: 'must be one of: adulterated, wet, low_density, foreign_matter, other',
    });
  });

  it('names every bad field of a delivery', () => {
    expect(
      errorsOf(DeliverySchema, {
        product_uuid: 'x',
        gross_weight_milli: 12.5,
        containers: [{ code: 'ROPE', count: 0 }],
        readings: { Fat: 1, snf: 1.5 },
        route_uuid: 7,
      }),
    ).toEqual({
      product_uuid: 'must be a UUID',
      gross_weight_milli: 'must be a whole number',
      'containers.0.count': 'must be at least 1',
      'readings.Fat': 'is not a reading name: use a short lowercase name like fat or snf',
      'readings.snf': 'must be a whole number (readings are stored in their smallest step, e.g. 375 for 3.75)',
      route_uuid: 'must be a UUID',
    });
    expect(errorsOf(DeliverySchema, { product_uuid: TEA_RULE.product_uuid, gross_weight_milli: 0 })).toEqual({
      gross_weight_milli: 'must be greater than zero',
    });
  });
});

describe('rule versions in force', () => {
  const v = (uuid: string, effective_from: string, extra: object = {}) => ({
    uuid,
    product_uuid: 'p',
    effective_from,
    ...extra,
  });
  const versions = [
    v('0190-a', '2026-01-01'),
    v('0190-b', '2026-03-01'),
    v('0190-c', '2026-03-01'),
    v('0190-d', '2026-04-01', { deleted_at: '2026-03-20T00:00:00Z' }),
    { ...v('0190-e', '2025-01-01'), product_uuid: 'q' },
  ];

  it('is the latest effective_from on or before the date; a same-day tie goes to the later-made version', () => {
    expect(ruleVersionInForce(versions, 'p', '2025-12-31')).toBeUndefined();
    expect(ruleVersionInForce(versions, 'p', '2026-01-01')?.uuid).toBe('0190-a');
    expect(ruleVersionInForce(versions, 'p', '2026-02-28')?.uuid).toBe('0190-a');
    expect(ruleVersionInForce(versions, 'p', '2026-03-01')?.uuid).toBe('0190-c');
    expect(ruleVersionInForce(versions, 'p', '2026-05-01')?.uuid).toBe('0190-c');
    expect(ruleVersionInForce(versions, 'q', '2026-05-01')?.uuid).toBe('0190-e');
  });

  it('a stored collection finds its own version, even one withdrawn since', () => {
    expect(storedRuleVersion(versions, '0190-d')?.effective_from).toBe('2026-04-01');
    expect(storedRuleVersion(versions, 'nope')).toBeUndefined();
  });
});
