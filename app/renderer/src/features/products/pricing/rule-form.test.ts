import { describe, expect, it } from 'vitest';
import { RuleTermsSchema } from '../../../../../../shared';
import { HILL_ROUTE, MILK_RULE, TEA_RULE, UPPER_CENTRE } from '../../../../../../shared/pricing/fixtures';
import { emptyRateForm, emptyRuleForm, formToRule, resizeRates, type RuleForm } from './rule-form';
import { ruleToForm } from './rule-form-load';

const PRODUCT = TEA_RULE.product_uuid;
const terms = (text: string) => RuleTermsSchema.parse(JSON.parse(text));

describe('rule form ↔ terms', () => {
  it('a tea rule by grade with a sack tare: decimals in the currency and kg become minor units and thousandths', () => {
    const form: RuleForm = {
      ...emptyRuleForm('2026-03-01'),
      rate: {
        ...emptyRateForm(),
        by: 'grade',
        grades: [
          { code: 'A', label: 'Two leaves and a bud', rate: '24' },
          { code: 'B', label: 'Coarse', rate: '20.5' },
        ],
      },
      tares: [{ code: 'ROPE', label: 'Rope sack', tare: '1.25' }],
    };
    const result = formToRule(form, PRODUCT, 'KES');
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.input.effective_from).toBe('2026-03-01');
    expect(terms(result.input.terms)).toEqual({
      rate: {
        by: 'grade',
        grades: [
          { code: 'A', label: 'Two leaves and a bud', rate_minor: 2400 },
          { code: 'B', label: 'Coarse', rate_minor: 2050 },
        ],
      },
      tares: [{ code: 'ROPE', label: 'Rope sack', tare_milli: 1250 }],
      overrides: [],
    });
  });

  it('names the grade row whose rate is not money, by the schema path', () => {
    const form = emptyRuleForm('2026-03-01');
    form.rate = { ...emptyRateForm(), by: 'grade', grades: [{ code: 'A', label: '', rate: '24.999' }] };
    const result = formToRule(form, PRODUCT, 'KES');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['terms.rate.grades.0.rate_minor']).toBe('allows at most 2 decimal places');
  });

  it('reports the schema’s own errors beside the field (a grade listed twice, a missing code)', () => {
    const form = emptyRuleForm('2026-03-01');
    form.rate = {
      ...emptyRateForm(),
      by: 'grade',
      grades: [
        { code: 'A', label: '', rate: '1' },
        { code: 'A', label: '', rate: '2' },
        { code: '', label: '', rate: '3' },
      ],
    };
    const result = formToRule(form, PRODUCT, 'KES');
    if (result.ok) throw new Error('expected errors');
    expect(result.errors['terms.rate.grades.1.code']).toBe('grade A is listed twice');
    expect(result.errors['terms.rate.grades.2.code']).toBe('is required');
  });

  it('a milk chart by fat × SNF: readings and bands in their own scale, the rate grid by the bands', () => {
    const form = ruleToForm(MILK_RULE, 'KES');
    expect(form.rate.axes[0]!.reading).toEqual({ key: 'fat', label: 'Fat %', scale: '2', min: '0.00', max: '15.00' });
    expect(form.rate.axes[0]!.bands[1]).toEqual({ min: '3.50', max: '3.99' });
    expect(form.rate.rates[2]).toEqual(['48.00', '50.00']);
    expect(form.tares[0]).toEqual({ code: 'CAN-7', label: 'Can no. 7', tare: '2.35' });
    const result = formToRule(form, MILK_RULE.product_uuid, 'KES');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(terms(result.input.terms)).toEqual({
      rate: MILK_RULE.rate,
      tares: MILK_RULE.tares,
      overrides: [],
    });
  });

  it('a band that overlaps the one before it is named on that band', () => {
    const form = ruleToForm(MILK_RULE, 'KES');
    form.rate.axes[0]!.bands[1]!.min = '3.40';
    const result = formToRule(form, MILK_RULE.product_uuid, 'KES');
    if (result.ok) throw new Error('expected errors');
    expect(result.errors['terms.rate.axes.0.bands.1']).toMatch(/overlaps the band before it.*start it at 3.50/);
  });

  it('a reading typed with more decimals than its scale is refused on that field', () => {
    const form = ruleToForm(MILK_RULE, 'KES');
    form.rate.axes[1]!.bands[0]!.max = '8.495';
    const result = formToRule(form, MILK_RULE.product_uuid, 'KES');
    if (result.ok) throw new Error('expected errors');
    expect(result.errors['terms.rate.axes.1.bands.0.max']).toBe('allows at most 2 decimal places');
  });

  it('resizes the rate grid to the bands, keeping what was typed', () => {
    expect(resizeRates([['1', '2']], 2, 3)).toEqual([
      ['1', '2', ''],
      ['', '', ''],
    ]);
    expect(
      resizeRates(
        [
          ['1', '2'],
          ['3', '4'],
        ],
        1,
        1,
      ),
    ).toEqual([['1']]);
  });

  it('a formula keeps its coefficient as exact decimal text, and min/max as money', () => {
    const form = emptyRuleForm('2026-03-01');
    form.rate = {
      ...emptyRateForm(),
      by: 'formula',
      formula: {
        base: '40',
        min: '30',
        max: '55.5',
        terms: [
          {
            reading: { key: 'fat', label: 'Fat %', scale: '2', min: '0', max: '15' },
            reference: '3.5',
            coefficient: '2.125',
          },
        ],
      },
    };
    const result = formToRule(form, PRODUCT, 'KES');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(terms(result.input.terms).rate).toEqual({
      by: 'formula',
      base_rate_minor: 4000,
      min_rate_minor: 3000,
      max_rate_minor: 5550,
      terms: [
        {
          reading: { key: 'fat', label: 'Fat %', scale: 2, min: 0, max: 1500 },
          reference: 350,
          coefficient: '2.125',
        },
      ],
    });
    expect(ruleToForm(terms(result.input.terms), 'KES').rate.formula.max).toBe('55.50');
  });

  it('overrides: a route with its own rate, a centre that only re-tares; round trip of the tea rule', () => {
    const form = ruleToForm(TEA_RULE, 'KES');
    expect(form.overrides[0]).toMatchObject({ route_uuid: HILL_ROUTE, centre_uuid: '', changeRate: true });
    expect(form.overrides[1]).toMatchObject({ route_uuid: '', centre_uuid: UPPER_CENTRE, changeRate: false });
    expect(form.overrides[1]!.tares).toEqual([{ code: 'WET', label: 'Wet sack', tare: '2' }]);
    const result = formToRule(form, PRODUCT, 'KES');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(terms(result.input.terms)).toEqual({
      rate: TEA_RULE.rate,
      tares: TEA_RULE.tares,
      overrides: TEA_RULE.overrides,
    });
  });

  it('an override naming neither a route nor a centre is refused on its route picker', () => {
    const form = ruleToForm(TEA_RULE, 'KES');
    form.overrides[0]!.route_uuid = '';
    const result = formToRule(form, PRODUCT, 'KES');
    if (result.ok) throw new Error('expected errors');
    expect(result.errors['terms.overrides.0.route_uuid']).toBe('name a route, a centre or both');
  });

  it('a currency without minor units takes whole numbers only', () => {
    const form = emptyRuleForm('2026-03-01');
    form.rate.base = '12.5';
    const result = formToRule(form, PRODUCT, 'JPY');
    if (result.ok) throw new Error('expected errors');
    expect(result.errors['terms.rate.base_rate_minor']).toBe('must be a whole number');
  });
});
