/** fast-check generators of valid pricing rules and matching deliveries, for the property tests. */
import fc from 'fast-check';
import type { z } from 'zod';
import type { FieldErrors } from '../errors';
import { fieldErrorsOf } from '../validation';
import { toDecimalString } from '../money/decimal';
import type { Band, ChartMethod } from './chart';
import type { DeliveryInput } from './delivery';
import { COEFFICIENT_SCALE, type FormulaMethod } from './formula';
import type { GradeMethod } from './grades';
import type { ReadingDef } from './readings';
import { resolveRule, type PricingRuleVersion, type RateMethod, type RuleOverride } from './rule';
import type { Tare } from './tare';

const PRODUCT = '0190a000-0000-7000-8000-000000000001';
const ROUTES = ['0190a000-0000-7000-8000-0000000000a1', '0190a000-0000-7000-8000-0000000000a2'];
const CENTRES = ['0190a000-0000-7000-8000-0000000000c1', '0190a000-0000-7000-8000-0000000000c2'];

const rate = fc.integer({ min: 0, max: 2_000_000 });

export const readingDefArb = (key: string): fc.Arbitrary<ReadingDef> =>
  fc
    .record({
      scale: fc.integer({ min: 0, max: 3 }),
      low: fc.integer({ min: -5_000, max: 50_000 }),
      span: fc.integer({ min: 0, max: 100_000 }),
    })
    .map(({ scale, low, span }) => ({ key, label: `${key.toUpperCase()} %`, scale, min: low, max: low + span }));

/** Contiguous ascending bands cut inside the reading's range. */
export const bandsArb = (def: ReadingDef): fc.Arbitrary<Band[]> =>
  fc
    .uniqueArray(fc.integer({ min: def.min, max: def.max }), { minLength: 1, maxLength: 12 })
    .map((cuts) => {
      const points = [...cuts].sort((a, b) => a - b);
      const bands: Band[] = [];
      for (let i = 0; i < points.length - 1; i++) bands.push({ min: points[i]!, max: points[i + 1]! - 1 });
      bands.push({ min: points[points.length - 1]!, max: def.max });
      return bands.filter((band) => band.min <= band.max);
    })
    .filter((bands) => bands.length > 0);

export const chartArb: fc.Arbitrary<ChartMethod> = fc
  .integer({ min: 1, max: 2 })
  .chain((count) => fc.tuple(...['fat', 'snf'].slice(0, count).map(readingDefArb)))
  .chain((defs) => fc.tuple(fc.constant(defs), fc.tuple(...defs.map(bandsArb))))
  .chain(([defs, bandLists]) => {
    const width = bandLists[1]?.length ?? 1;
    return fc
      .array(fc.array(rate, { minLength: width, maxLength: width }), {
        minLength: bandLists[0]!.length,
        maxLength: bandLists[0]!.length,
      })
      .map((rates) => ({
        by: 'chart' as const,
        axes: defs.map((reading, i) => ({ reading, bands: bandLists[i]! })),
        rates,
      }));
  });

const coefficientArb = fc
  .integer({ min: -50_000_000_000, max: 50_000_000_000 })
  .map((scaled) => toDecimalString(scaled, COEFFICIENT_SCALE).replace(/\.?0+$/, '') || '0');

export const formulaArb: fc.Arbitrary<FormulaMethod> = fc
  .integer({ min: 1, max: 3 })
  .chain((count) => fc.tuple(...['fat', 'snf', 'density'].slice(0, count).map(readingDefArb)))
  .chain((defs) =>
    fc.record({
      terms: fc.tuple(
        ...defs.map((reading) =>
          fc.record({
            reading: fc.constant(reading),
            reference: fc.integer({ min: reading.min, max: reading.max }),
            coefficient: coefficientArb,
          }),
        ),
      ),
      limits: fc.tuple(rate, rate, rate).map((xs) => [...xs].sort((a, b) => a - b) as [number, number, number]),
    }),
  )
  .map(({ terms, limits: [min, base, max] }) => ({
    by: 'formula' as const,
    base_rate_minor: base,
    terms,
    min_rate_minor: min,
    max_rate_minor: max,
  }));

const gradeArb: fc.Arbitrary<GradeMethod> = fc
  .uniqueArray(fc.constantFrom('A', 'B', 'C', 'D', '1', '2', 'BOP', 'PF1'), { minLength: 1, maxLength: 5 })
  .chain((codes) =>
    fc.tuple(...codes.map((code) => rate.map((rate_minor) => ({ code, label: `Grade ${code}`, rate_minor })))),
  )
  .map((grades) => ({ by: 'grade' as const, grades }));

const rateMethodArb: fc.Arbitrary<RateMethod> = fc.oneof(
  rate.map((base_rate_minor) => ({ by: 'base' as const, base_rate_minor })),
  gradeArb,
  chartArb,
  formulaArb,
);

const taresArb: fc.Arbitrary<Tare[]> = fc
  .uniqueArray(fc.constantFrom('ROPE', 'WET', 'CAN-1', 'CAN-2', 'CAN-12', 'CRATE'), { maxLength: 4 })
  .chain((codes) =>
    fc.tuple(
      ...codes.map((code) =>
        fc.integer({ min: 0, max: 5_000 }).map((tare_milli) => ({ code, label: code, tare_milli })),
      ),
    ),
  );

const overridesArb = (tares: Tare[]): fc.Arbitrary<RuleOverride[]> =>
  fc
    .uniqueArray(
      fc.record({
        route_uuid: fc.constantFrom(null, ...ROUTES),
        centre_uuid: fc.constantFrom(null, ...CENTRES),
      }),
      { maxLength: 4, selector: (s) => `${s.route_uuid}|${s.centre_uuid}` },
    )
    .map((scopes) => scopes.filter((s) => s.route_uuid !== null || s.centre_uuid !== null))
    .chain((scopes) =>
      fc.tuple(
        ...scopes.map((scope) =>
          fc.record({
            route_uuid: fc.constant(scope.route_uuid),
            centre_uuid: fc.constant(scope.centre_uuid),
            rate: rateMethodArb,
            tares: fc.subarray(tares).map((picked) => picked.map((t) => ({ ...t, tare_milli: t.tare_milli + 250 }))),
          }),
        ),
      ),
    );

let serial = 0;
/** A valid rule version; each gets a fresh UUIDv7-shaped uuid. */
export const ruleArb: fc.Arbitrary<PricingRuleVersion> = fc
  .record({ rate: rateMethodArb, tares: taresArb })
  .chain(({ rate, tares }) =>
    fc.record({ rate: fc.constant(rate), tares: fc.constant(tares), overrides: overridesArb(tares) }),
  )
  .map(({ rate, tares, overrides }) => ({
    uuid: `0190a000-0000-7000-8000-${String(++serial).padStart(12, '0')}`,
    product_uuid: PRODUCT,
    effective_from: '2026-01-01',
    rate,
    tares,
    overrides,
    notes: '',
  }));

/** Readings for a method: mostly inside the reading's range, sometimes a step outside it. */
const readingsArb = (method: RateMethod): fc.Arbitrary<Record<string, number>> => {
  const defs =
    method.by === 'chart'
      ? method.axes.map((a) => a.reading)
      : method.by === 'formula'
        ? method.terms.map((t) => t.reading)
        : [];
  return fc
    .tuple(...defs.map((def) => fc.integer({ min: def.min - 2, max: def.max + 2 })))
    .map((values) => Object.fromEntries(defs.map((def, i) => [def.key, values[i]!])));
};

/** A delivery shaped for a rule (grade from its list, readings it uses, its containers), at random places. */
export const deliveryFor = (rule: PricingRuleVersion): fc.Arbitrary<DeliveryInput> =>
  fc
    .record({
      route_uuid: fc.constantFrom(null, ...ROUTES),
      centre_uuid: fc.constantFrom(null, ...CENTRES),
      // Small weights too, so some deliveries weigh less than their containers.
      gross_weight_milli: fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 5_000_000 })),
      containers: fc
        .subarray(rule.tares.map((t) => t.code))
        .chain((codes) =>
          fc.tuple(...codes.map((code) => fc.integer({ min: 1, max: 4 }).map((count) => ({ code, count })))),
        ),
      rejected: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    })
    .chain((base) => {
      // Mostly what the place's terms ask for; now and then another method's fields, to exercise the errors.
      const { rate } = resolveRule(rule, base);
      const others = rule.overrides.map((o) => o.rate ?? rule.rate);
      return fc.constantFrom(...[rate, rate, rate, rate, rate, rate, rule.rate, ...others]).chain((m) =>
        fc
          .record({
            grade: m.by === 'grade' ? fc.constantFrom(...m.grades.map((g) => g.code)) : fc.constant(null),
            readings: readingsArb(m),
          })
          .map((quality) => ({
            product_uuid: rule.product_uuid,
            gross_weight_milli: base.gross_weight_milli,
            containers: base.containers,
            route_uuid: base.route_uuid,
            centre_uuid: base.centre_uuid,
            ...quality,
            rejection: base.rejected ? { reason: 'wet' as const, note: '' } : null,
          })),
      );
    });

/** The field messages a schema gives for an input; {} when it is valid. */
export function schemaErrors(schema: z.ZodType, input: unknown): FieldErrors {
  const result = schema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error, input);
}
