import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../money/decimal';
import { formulaArb, schemaErrors } from './arbitraries';
import { COEFFICIENT_SCALE, coefficientField, formulaRate, FormulaMethodSchema, type FormulaMethod } from './formula';

const fat = { key: 'fat', label: 'Fat %', scale: 2, min: 0, max: 1500 };
const snf = { key: 'snf', label: 'SNF %', scale: 2, min: 0, max: 1500 };

/** rate = 45.00 + 6.00·(fat − 3.50) + 2.5·(snf − 8.50), within 30.00–60.00 (per litre, in cents). */
const MILK: FormulaMethod = {
  by: 'formula',
  base_rate_minor: 4500,
  terms: [
    { reading: fat, reference: 350, coefficient: '600' },
    { reading: snf, reference: 850, coefficient: '250' },
  ],
  min_rate_minor: 3000,
  max_rate_minor: 6000,
};

describe('quality formula', () => {
  it('prices at the reference readings at the base rate', () => {
    expect(formulaRate(MILK, { fat: 350, snf: 850 })).toEqual({ ok: true, rate_minor: 4500, limited: null });
  });

  it('adds each term exactly and rounds once, half up', () => {
    // 4500 + 600·0.25 + 250·0.1 = 4500 + 150 + 25
    expect(formulaRate(MILK, { fat: 375, snf: 860 })).toEqual({ ok: true, rate_minor: 4675, limited: null });
    // 4500 + 600·0.01 + 250·0.01 = 4508.5 → 4509 (half up); rounding each term apart would give 4506 + 2.5…
    expect(formulaRate(MILK, { fat: 351, snf: 851 })).toEqual({ ok: true, rate_minor: 4509, limited: null });
    // below the reference: 4500 − 6 − 2.5 = 4491.5 → 4492 (halves go up on the total)
    expect(formulaRate(MILK, { fat: 349, snf: 849 })).toEqual({ ok: true, rate_minor: 4492, limited: null });
  });

  it('holds the rate at its limits', () => {
    expect(formulaRate(MILK, { fat: 1500, snf: 850 })).toEqual({ ok: true, rate_minor: 6000, limited: 'max' });
    expect(formulaRate(MILK, { fat: 0, snf: 0 })).toEqual({ ok: true, rate_minor: 3000, limited: 'min' });
  });

  it('names the missing or implausible reading', () => {
    expect(formulaRate(MILK, { fat: 350 })).toEqual({ ok: false, field: 'readings.snf', message: 'SNF % is required' });
    expect(formulaRate(MILK, { fat: -1, snf: 850 })).toEqual({
      ok: false,
      field: 'readings.fat',
      message: 'Fat % -0.01 is outside the possible range 0.00–15.00',
    });
  });

  it('equals the exact rational, rounded half up and clamped (BigInt fraction oracle)', () => {
    fc.assert(
      fc.property(
        formulaArb.chain((f) =>
          fc.tuple(
            fc.constant(f),
            fc.tuple(...f.terms.map((t) => fc.integer({ min: t.reading.min, max: t.reading.max }))),
          ),
        ),
        ([formula, values]) => {
          // Σ as a fraction p/q built term by term over each term's own denominator.
          let p = BigInt(formula.base_rate_minor);
          let q = 1n;
          formula.terms.forEach((term, i) => {
            const c = parseDecimal(term.coefficient, { scale: COEFFICIENT_SCALE, allowNegative: true });
            if (!c.ok) throw new Error(c.error);
            const termQ = 10n ** BigInt(COEFFICIENT_SCALE + term.reading.scale);
            const termP = BigInt(c.value) * BigInt(values[i]! - term.reference);
            p = p * termQ + termP * q;
            q = q * termQ;
          });
          const magnitude = p < 0n ? -p : p;
          const halfUp = magnitude / q + (2n * (magnitude % q) >= q ? 1n : 0n);
          const exact = Number(p < 0n ? -halfUp : halfUp);
          const clamped = Math.min(Math.max(exact, formula.min_rate_minor), formula.max_rate_minor);
          const readings = Object.fromEntries(formula.terms.map((t, i) => [t.reading.key, values[i]!]));
          const result = formulaRate(formula, readings);
          expect(result.ok && result.rate_minor).toBe(clamped);
        },
      ),
    );
  });
});

describe('formula schema', () => {
  const errorsOf = (formula: unknown) => schemaErrors(FormulaMethodSchema, formula);

  it('takes coefficients as whole numbers or exact decimal text, and stores one spelling', () => {
    const parsed = FormulaMethodSchema.parse({
      ...MILK,
      terms: [
        { ...MILK.terms[0], coefficient: 600 },
        { ...MILK.terms[1], coefficient: '2.500000' },
      ],
    });
    expect(parsed.terms.map((t) => t.coefficient)).toEqual(['600', '2.5']);
    expect(coefficientField.parse('-0.125')).toBe('-0.125');
    expect(coefficientField.parse('0.000')).toBe('0');
  });

  it.each([
    [12.5, 'must be a whole number or a decimal written as text, like "12.5" (never a float)'],
    ['1e3', 'must be a plain number, not an exponent form'],
    ['0.1234567', 'allows at most 6 decimal places'],
    ['twelve', 'must be a number like 12.5'],
    [true, 'must be a whole number or a decimal written as text, like "12.5"'],
  ])('refuses the coefficient %j: %s', (coefficient, message) => {
    expect(errorsOf({ ...MILK, terms: [{ ...MILK.terms[0], coefficient }] })).toEqual({
      'terms.0.coefficient': message,
    });
  });

  it('refuses limits that cross, a base outside them and a reference the reading cannot take', () => {
    expect(errorsOf({ ...MILK, min_rate_minor: 7000 })).toEqual({
      max_rate_minor: 'must be at least the minimum rate',
    });
    expect(errorsOf({ ...MILK, base_rate_minor: 7000 })).toEqual({
      base_rate_minor: 'must lie between the minimum and maximum rates (it is the rate at the reference readings)',
    });
    expect(errorsOf({ ...MILK, terms: [{ ...MILK.terms[0], reference: 2000 }] })).toEqual({
      'terms.0.reference': 'must be within what Fat % can read (0.00–15.00)',
    });
    expect(errorsOf({ ...MILK, terms: [MILK.terms[0], MILK.terms[0]] })).toEqual({
      'terms.1.reading.key': 'fat is already used by reading 1',
    });
    expect(errorsOf({ ...MILK, terms: [] })).toEqual({ terms: 'needs at least one reading' });
  });

  it('accepts every generated formula and parsing it again changes nothing', () => {
    fc.assert(
      fc.property(formulaArb, (formula) => {
        const once = FormulaMethodSchema.parse(formula);
        expect(FormulaMethodSchema.parse(once)).toEqual(once);
      }),
    );
  });
});
