import {
  formatQuantity,
  moneyToInput,
  toDecimalString,
  type RateMethod,
  type ReadingDef,
  type RuleTerms,
  type Tare,
} from '../../../../../../shared';
import {
  emptyRateForm,
  emptyRuleForm,
  type RateForm,
  type ReadingForm,
  type RuleForm,
  type TareForm,
} from './rule-form';

/** A stored version as the editor's text, so "New version" starts from the one in force. */

function readingForm(def: ReadingDef): ReadingForm {
  return {
    key: def.key,
    label: def.label,
    scale: String(def.scale),
    min: toDecimalString(def.min, def.scale),
    max: toDecimalString(def.max, def.scale),
  };
}

function tareForms(tares: readonly Tare[]): TareForm[] {
  return tares.map((t) => ({ code: t.code, label: t.label, tare: formatQuantity(t.tare_milli) }));
}

function rateForm(method: RateMethod, currency: string): RateForm {
  const money = (minor: number) => moneyToInput(minor, currency);
  const form = { ...emptyRateForm(), by: method.by };
  switch (method.by) {
    case 'base':
      return { ...form, base: money(method.base_rate_minor) };
    case 'grade':
      return {
        ...form,
        grades: method.grades.map((g) => ({ code: g.code, label: g.label, rate: money(g.rate_minor) })),
      };
    case 'chart':
      return {
        ...form,
        axes: method.axes.map((axis) => ({
          reading: readingForm(axis.reading),
          bands: axis.bands.map((band) => ({
            min: toDecimalString(band.min, axis.reading.scale),
            max: toDecimalString(band.max, axis.reading.scale),
          })),
        })),
        rates: method.rates.map((row) => row.map(money)),
      };
    case 'formula':
      return {
        ...form,
        formula: {
          base: money(method.base_rate_minor),
          min: money(method.min_rate_minor),
          max: money(method.max_rate_minor),
          terms: method.terms.map((term) => ({
            reading: readingForm(term.reading),
            reference: toDecimalString(term.reference, term.reading.scale),
            coefficient: term.coefficient,
          })),
        },
      };
  }
}

export function ruleToForm(terms: RuleTerms & { effective_from?: string; notes?: string }, currency: string): RuleForm {
  return {
    ...emptyRuleForm(terms.effective_from ?? ''),
    notes: terms.notes ?? '',
    rate: rateForm(terms.rate, currency),
    tares: tareForms(terms.tares),
    overrides: terms.overrides.map((o) => ({
      route_uuid: o.route_uuid ?? '',
      centre_uuid: o.centre_uuid ?? '',
      changeRate: o.rate !== null,
      rate: o.rate ? rateForm(o.rate, currency) : emptyRateForm(),
      tares: tareForms(o.tares),
    })),
  };
}
