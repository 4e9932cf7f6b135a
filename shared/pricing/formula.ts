import { z } from 'zod';
import { nonNegativeInt } from '../domain/fields';
import { parseDecimal, toDecimalString } from '../money/decimal';
import { divRoundHalfUp } from '../money/money';
import {
  checkDistinctReadings,
  formatRange,
  readingOf,
  ReadingDefSchema,
  readingValueField,
  type ReadingDef,
  type Readings,
} from './readings';

/**
 * A quality formula: rate = base + a·(fat − fat₀) + b·(snf − snf₀), kept within [min, max]. Each coefficient is
 * minor units of rate per one whole unit of its reading (per 1.00 % fat), an exact decimal. The sum is taken
 * exactly and rounded once, half up, by the same rule as amounts.
 */

/** Coefficients carry at most this many decimals ("0.125" cents per 0.01 % is 12.5 per 1 %). */
export const COEFFICIENT_SCALE = 6;
const COEFFICIENT_LIMIT = 1_000_000_000;

/** An exact decimal, given as a whole number or a decimal string ("12.5", "-0.25"); stored as its plain string. */
export const coefficientField = z
  .union([z.number({ error: 'must be a number' }), z.string({ error: 'must be a number' })], {
    error: 'must be a whole number or a decimal written as text, like "12.5"',
  })
  .transform((input, ctx) => {
    if (typeof input === 'number' && !Number.isInteger(input)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a whole number or a decimal written as text, like "12.5" (never a float)',
      });
      return z.NEVER;
    }
    const parsed = parseDecimal(String(input), {
      scale: COEFFICIENT_SCALE,
      allowNegative: true,
      label: 'the coefficient',
    });
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.error.replace(/^the coefficient /, '') });
      return z.NEVER;
    }
    if (Math.abs(parsed.value) > COEFFICIENT_LIMIT * 10 ** COEFFICIENT_SCALE) {
      ctx.addIssue({ code: 'custom', message: 'is too large' });
      return z.NEVER;
    }
    return canonicalDecimal(parsed.value);
  });

/** "12.500000" → "12.5", "3.000000" → "3": one spelling per value, so equal rules store equal text. */
function canonicalDecimal(scaled: number): string {
  return toDecimalString(scaled, COEFFICIENT_SCALE).replace(/\.?0+$/, '');
}

const FormulaTermSchema = z.strictObject({
  reading: ReadingDefSchema,
  /** The reading the base rate is paid at (fat₀), in the reading's scale. */
  reference: readingValueField,
  coefficient: coefficientField,
});

export const FormulaMethodSchema = z
  .strictObject({
    by: z.literal('formula'),
    base_rate_minor: nonNegativeInt,
    terms: z
      .array(FormulaTermSchema, { error: 'must be a list of readings' })
      .min(1, 'needs at least one reading')
      .max(3, 'may use at most three readings'),
    min_rate_minor: nonNegativeInt,
    max_rate_minor: nonNegativeInt,
  })
  .superRefine((formula, ctx) => {
    checkDistinctReadings(
      formula.terms.map((t) => t.reading),
      (i) => ['terms', i, 'reading'],
      ctx,
    );
    formula.terms.forEach((term, i) => {
      const def = term.reading;
      if (def.min <= def.max && (term.reference < def.min || term.reference > def.max))
        ctx.addIssue({
          code: 'custom',
          path: ['terms', i, 'reference'],
          message: `must be within what ${def.label} can read (${formatRange(def.min, def.max, def)})`,
        });
    });
    if (formula.min_rate_minor > formula.max_rate_minor) {
      ctx.addIssue({ code: 'custom', path: ['max_rate_minor'], message: 'must be at least the minimum rate' });
      return;
    }
    if (formula.base_rate_minor < formula.min_rate_minor || formula.base_rate_minor > formula.max_rate_minor)
      ctx.addIssue({
        code: 'custom',
        path: ['base_rate_minor'],
        message: 'must lie between the minimum and maximum rates (it is the rate at the reference readings)',
      });
  });
export type FormulaMethod = z.infer<typeof FormulaMethodSchema>;

export function formulaReadings(formula: FormulaMethod): ReadingDef[] {
  return formula.terms.map((term) => term.reading);
}

/** Every term is brought to this denominator: coefficient decimals plus the finest reading scale (3). */
const DENOMINATOR = 10n ** BigInt(COEFFICIENT_SCALE + 3);

export type FormulaResult =
  { ok: true; rate_minor: number; limited: 'min' | 'max' | null } | { ok: false; field: string; message: string };

/** The formula's rate for a delivery's readings: exact sum, one half-up rounding, then the limits. */
export function formulaRate(formula: FormulaMethod, readings: Readings): FormulaResult {
  let numerator = BigInt(formula.base_rate_minor) * DENOMINATOR;
  for (const term of formula.terms) {
    const reading = readingOf(readings, term.reading);
    if (!reading.ok) return reading;
    const coefficient = parseDecimal(term.coefficient, { scale: COEFFICIENT_SCALE, allowNegative: true });
    if (!coefficient.ok) return { ok: false, field: 'rule', message: `the formula's coefficient ${coefficient.error}` };
    const difference = BigInt(reading.value - term.reference);
    numerator += BigInt(coefficient.value) * difference * 10n ** BigInt(3 - term.reading.scale);
  }
  const rate = divRoundHalfUp(numerator, DENOMINATOR);
  if (rate < BigInt(formula.min_rate_minor)) return { ok: true, rate_minor: formula.min_rate_minor, limited: 'min' };
  if (rate > BigInt(formula.max_rate_minor)) return { ok: true, rate_minor: formula.max_rate_minor, limited: 'max' };
  return { ok: true, rate_minor: Number(rate), limited: null };
}
