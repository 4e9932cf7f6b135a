import { z } from 'zod';
import { dateField, nonNegativeInt, textField, uuidField } from '../domain/fields';
import { chartReadings, ChartMethodSchema } from './chart';
import { formulaReadings, FormulaMethodSchema } from './formula';
import { GradeMethodSchema } from './grades';
import type { ReadingDef } from './readings';
import { TareListSchema, type Tare } from './tare';

/**
 * A pricing rule version: how one product is priced from a date on. Versions are never edited once used — a
 * change is a new version — and a priced collection keeps the version's uuid, so re-pricing it later reads
 * that version and gets the same amount whatever came after.
 */

const BaseMethodSchema = z.strictObject({ by: z.literal('base'), base_rate_minor: nonNegativeInt });

/** How the rate per unit is found: one base rate, by grade, from a quality chart, or by a quality formula. */
const RateMethodSchema = z.discriminatedUnion(
  'by',
  [BaseMethodSchema, GradeMethodSchema, ChartMethodSchema, FormulaMethodSchema],
  { error: 'must say how the rate is found: by base, grade, chart or formula' },
);
export type RateMethod = z.infer<typeof RateMethodSchema>;
export type RateMethodInput = z.input<typeof RateMethodSchema>;

export const PRICING_METHODS = ['base', 'grade', 'chart', 'formula'] as const;
export type PricingMethod = RateMethod['by'];

/** Where an override applies: a route, a centre, or a centre on a route. */
export interface OverrideScope {
  route_uuid: string | null;
  centre_uuid: string | null;
}

const RuleOverrideSchema = z
  .strictObject({
    route_uuid: uuidField.nullable().default(null),
    centre_uuid: uuidField.nullable().default(null),
    /** Replaces the rule's rate method for deliveries in scope; null keeps the rule's. */
    rate: RateMethodSchema.nullable().default(null),
    /** Containers whose tare differs in scope (by code); the others keep the rule's tare. */
    tares: TareListSchema.default([]),
  })
  .superRefine((override, ctx) => {
    if (override.route_uuid === null && override.centre_uuid === null)
      ctx.addIssue({ code: 'custom', path: ['route_uuid'], message: 'name a route, a centre or both' });
    if (override.rate === null && override.tares.length === 0)
      ctx.addIssue({ code: 'custom', path: ['rate'], message: 'an override must change the rate or a tare' });
  });
export type RuleOverride = z.infer<typeof RuleOverrideSchema>;

const pricingRuleFields = {
  product_uuid: uuidField,
  effective_from: dateField,
  rate: RateMethodSchema,
  tares: TareListSchema.default([]),
  overrides: z
    .array(RuleOverrideSchema, { error: 'must be a list of overrides' })
    .max(500, 'may have at most 500 overrides')
    .default([]),
  notes: textField(1000).default(''),
};

/** Overrides must not repeat a place, and may only re-tare containers the rule itself lists. */
function checkOverrides(
  rule: { tares: readonly Tare[]; overrides: readonly RuleOverride[] },
  ctx: z.RefinementCtx,
): void {
  const seen = new Map<string, number>();
  rule.overrides.forEach((override, i) => {
    const key = `${override.route_uuid ?? '*'}|${override.centre_uuid ?? '*'}`;
    const first = seen.get(key);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['overrides', i],
        message: `applies to the same route and centre as override ${first + 1}: merge them`,
      });
    else seen.set(key, i);
    override.tares.forEach((tare, t) => {
      if (!rule.tares.some((base) => base.code === tare.code))
        ctx.addIssue({
          code: 'custom',
          path: ['overrides', i, 'tares', t, 'code'],
          message: `container ${tare.code} is not in the rule's container list: add it there first`,
        });
    });
  });
}

export const PricingRuleVersionSchema = z
  .strictObject({ uuid: uuidField, ...pricingRuleFields })
  .superRefine(checkOverrides);
export type PricingRuleVersion = z.infer<typeof PricingRuleVersionSchema>;

/** The part of a rule version a stored pricing rule keeps as JSON: everything but its product, date and notes. */
export const RuleTermsSchema = z
  .strictObject({
    rate: pricingRuleFields.rate,
    tares: pricingRuleFields.tares,
    overrides: pricingRuleFields.overrides,
  })
  .superRefine(checkOverrides);
export type RuleTerms = z.infer<typeof RuleTermsSchema>;
export type RuleTermsInput = z.input<typeof RuleTermsSchema>;

/** The readings a rate method needs from a delivery (none for base or grade). */
export function readingsOf(method: RateMethod): ReadingDef[] {
  if (method.by === 'chart') return chartReadings(method);
  if (method.by === 'formula') return formulaReadings(method);
  return [];
}

/** What prices a delivery in a given place: the rule with its most specific matching override applied. */
export interface ResolvedRule {
  rate: RateMethod;
  tares: Tare[];
  /** The override that applied, or null when the rule's own terms did. */
  override: OverrideScope | null;
}

/** How specific an override is for a delivery: centre on a route 3, centre 2, route 1; 0 when it does not apply. */
function specificity(override: RuleOverride, scope: OverrideScope): number {
  if (override.route_uuid !== null && override.route_uuid !== scope.route_uuid) return 0;
  if (override.centre_uuid !== null && override.centre_uuid !== scope.centre_uuid) return 0;
  return (override.centre_uuid !== null ? 2 : 0) + (override.route_uuid !== null ? 1 : 0);
}

/**
 * The terms a delivery at this route/centre is priced by. The most specific matching override applies whole
 * (a centre is more specific than the route it is on); what it leaves unset comes from the rule. The entry
 * screen uses this to show only the fields the product needs there.
 */
export function resolveRule(rule: PricingRuleVersion, scope: OverrideScope): ResolvedRule {
  let best: RuleOverride | null = null;
  let bestScore = 0;
  for (const override of rule.overrides) {
    const score = specificity(override, scope);
    if (score > bestScore) {
      best = override;
      bestScore = score;
    }
  }
  if (!best) return { rate: rule.rate, tares: rule.tares, override: null };
  const replaced = new Map(best.tares.map((t) => [t.code, t]));
  return {
    rate: best.rate ?? rule.rate,
    tares: rule.tares.map((t) => replaced.get(t.code) ?? t),
    override: { route_uuid: best.route_uuid, centre_uuid: best.centre_uuid },
  };
}
