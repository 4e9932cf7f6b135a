import {
  fieldErrorsOf,
  parseDecimal,
  parseMoney,
  parseQuantity,
  pricingRules,
  termsOf,
  type FieldErrors,
  type PricingMethod,
  type PricingRuleCreate,
  type RateMethodInput,
  type RuleOverride,
  type RuleTermsInput,
} from '../../../../../../shared';

/**
 * The pricing rule editor's state, all as typed text (money in the org's currency, weights in kg, readings in
 * their own decimals), and its conversion to the rule's terms with the shared decimal helpers — never through
 * a float. Every error is keyed by the schema's own path (`terms.rate.grades.0.rate_minor`), so the screen
 * shows the message beside the input it came from, whether the text did not parse or the schema refused it.
 */

export interface ReadingForm {
  key: string;
  label: string;
  scale: string;
  min: string;
  max: string;
}
export interface BandForm {
  min: string;
  max: string;
}
export interface AxisForm {
  reading: ReadingForm;
  bands: BandForm[];
}
export interface GradeForm {
  code: string;
  label: string;
  rate: string;
}
export interface TareForm {
  code: string;
  label: string;
  tare: string;
}
export interface TermForm {
  reading: ReadingForm;
  reference: string;
  coefficient: string;
}
export interface FormulaForm {
  base: string;
  min: string;
  max: string;
  terms: TermForm[];
}
/** Every method's fields are kept while the user switches between them, so nothing typed is lost. */
export interface RateForm {
  by: PricingMethod;
  base: string;
  grades: GradeForm[];
  axes: AxisForm[];
  /** rates[row][column]: one row per band of the first reading, one column per band of the second (or one). */
  rates: string[][];
  formula: FormulaForm;
}
export interface OverrideForm {
  /** '' for "any route" / "any centre". */
  route_uuid: string;
  centre_uuid: string;
  changeRate: boolean;
  rate: RateForm;
  tares: TareForm[];
}
export interface RuleForm {
  effective_from: string;
  notes: string;
  rate: RateForm;
  tares: TareForm[];
  overrides: OverrideForm[];
}

export const emptyReading = (): ReadingForm => ({ key: '', label: '', scale: '2', min: '', max: '' });
export const emptyBand = (): BandForm => ({ min: '', max: '' });
export const emptyGrade = (): GradeForm => ({ code: '', label: '', rate: '' });
export const emptyTare = (): TareForm => ({ code: '', label: '', tare: '' });
export const emptyTerm = (): TermForm => ({ reading: emptyReading(), reference: '', coefficient: '' });

export function emptyRateForm(): RateForm {
  return {
    by: 'base',
    base: '',
    grades: [emptyGrade()],
    axes: [{ reading: emptyReading(), bands: [emptyBand()] }],
    rates: [['']],
    formula: { base: '', min: '', max: '', terms: [emptyTerm()] },
  };
}

export const emptyOverride = (): OverrideForm => ({
  route_uuid: '',
  centre_uuid: '',
  changeRate: true,
  rate: emptyRateForm(),
  tares: [],
});

export function emptyRuleForm(effectiveFrom: string): RuleForm {
  return { effective_from: effectiveFrom, notes: '', rate: emptyRateForm(), tares: [], overrides: [] };
}

/** The rate grid at a new size, keeping every cell that is still inside it. */
export function resizeRates(rates: string[][], rows: number, columns: number): string[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => rates[r]?.[c] ?? ''));
}

/** The grid's size for a chart's axes: bands of the first reading down, of the second (or one column) across. */
export function gridSize(axes: readonly AxisForm[]): { rows: number; columns: number } {
  return { rows: axes[0]?.bands.length ?? 0, columns: axes[1]?.bands.length ?? 1 };
}

/** Parses text fields into numbers, noting each failure under its schema path (and a 0 to carry on with). */
class Reader {
  readonly errors: FieldErrors = {};
  constructor(private readonly currency: string) {}

  private take(path: string, result: { ok: true; value: number } | { ok: false; error: string }): number {
    if (result.ok) return result.value;
    this.errors[path] ??= result.error.replace(/^value /, '');
    return 0;
  }
  money(text: string, path: string): number {
    return this.take(path, parseMoney(text, this.currency, 'value'));
  }
  kg(text: string, path: string): number {
    return this.take(path, parseQuantity(text, 'value'));
  }
  scaled(text: string, scale: number, path: string): number {
    return this.take(path, parseDecimal(text, { scale, allowNegative: true, label: 'value' }));
  }
  whole(text: string, path: string): number {
    return this.take(path, parseDecimal(text, { scale: 0, label: 'value' }));
  }
}

function readingOf(form: ReadingForm, path: string, read: Reader) {
  const scale = read.whole(form.scale, `${path}.scale`);
  // A scale the schema will refuse still reads the range at a legal one, so the range's own errors show too.
  const at = Math.min(Math.max(scale, 0), 3);
  return {
    reading: {
      key: form.key.trim(),
      label: form.label,
      scale,
      min: read.scaled(form.min, at, `${path}.min`),
      max: read.scaled(form.max, at, `${path}.max`),
    },
    at,
  };
}

function tareTerms(tares: readonly TareForm[], path: string, read: Reader) {
  return tares.map((t, i) => ({
    code: t.code,
    label: t.label,
    tare_milli: read.kg(t.tare, `${path}.${i}.tare_milli`),
  }));
}

function rateTerms(form: RateForm, path: string, read: Reader): RateMethodInput {
  switch (form.by) {
    case 'base':
      return { by: 'base', base_rate_minor: read.money(form.base, `${path}.base_rate_minor`) };
    case 'grade':
      return {
        by: 'grade',
        grades: form.grades.map((g, i) => ({
          code: g.code,
          label: g.label,
          rate_minor: read.money(g.rate, `${path}.grades.${i}.rate_minor`),
        })),
      };
    case 'chart':
      return {
        by: 'chart',
        axes: form.axes.map((axis, a) => {
          const { reading, at } = readingOf(axis.reading, `${path}.axes.${a}.reading`, read);
          return {
            reading,
            bands: axis.bands.map((band, b) => ({
              min: read.scaled(band.min, at, `${path}.axes.${a}.bands.${b}.min`),
              max: read.scaled(band.max, at, `${path}.axes.${a}.bands.${b}.max`),
            })),
          };
        }),
        rates: form.rates.map((row, r) => row.map((cell, c) => read.money(cell, `${path}.rates.${r}.${c}`))),
      };
    case 'formula':
      return {
        by: 'formula',
        base_rate_minor: read.money(form.formula.base, `${path}.base_rate_minor`),
        min_rate_minor: read.money(form.formula.min, `${path}.min_rate_minor`),
        max_rate_minor: read.money(form.formula.max, `${path}.max_rate_minor`),
        terms: form.formula.terms.map((term, i) => {
          const { reading, at } = readingOf(term.reading, `${path}.terms.${i}.reading`, read);
          return {
            reading,
            reference: read.scaled(term.reference, at, `${path}.terms.${i}.reference`),
            // The schema takes the coefficient as exact decimal text and keeps it so.
            coefficient: term.coefficient.trim(),
          };
        }),
      };
  }
}

function overrideTerms(form: OverrideForm, path: string, read: Reader) {
  return {
    route_uuid: form.route_uuid || null,
    centre_uuid: form.centre_uuid || null,
    rate: form.changeRate ? rateTerms(form.rate, `${path}.rate`, read) : null,
    tares: tareTerms(form.tares, `${path}.tares`, read),
  };
}

export type RuleFormResult = { ok: true; input: PricingRuleCreate } | { ok: false; errors: FieldErrors };

/** The create input of a new rule version, or every field's error keyed by its schema path. */
export function formToRule(form: RuleForm, productUuid: string, currency: string): RuleFormResult {
  const read = new Reader(currency);
  const terms: RuleTermsInput = {
    rate: rateTerms(form.rate, 'terms.rate', read),
    tares: tareTerms(form.tares, 'terms.tares', read),
    overrides: form.overrides.map((o, i) => overrideTerms(o, `terms.overrides.${i}`, read)) as RuleOverride[],
  };
  const input = {
    product_uuid: productUuid,
    effective_from: form.effective_from,
    terms: termsOf(terms as Parameters<typeof termsOf>[0]),
    notes: form.notes,
  };
  const parsed = pricingRules.createSchema.safeParse(input);
  // What did not parse as text is the first thing to fix there; the schema speaks for the rest.
  const errors = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error, input)), ...read.errors };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input };
}
