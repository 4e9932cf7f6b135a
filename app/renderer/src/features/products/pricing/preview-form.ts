import {
  parseDecimal,
  parseQuantity,
  priceDelivery,
  readingsOf,
  resolveRule,
  type FieldErrors,
  type PricingResult,
  type PricingRuleVersion,
  type ReadingDef,
} from '../../../../../../shared';

/**
 * The sample delivery a supervisor types to see how a rule prices it: weight in kg, container counts, a grade
 * or readings as decimals, a route and centre. Priced by the shared priceDelivery, the same function the
 * desk and the server price collections with, so the preview is the price.
 */
export interface PreviewForm {
  gross: string;
  /** Count typed per container code; blank means none. */
  containers: Record<string, string>;
  grade: string;
  /** Reading typed as a decimal per reading key. */
  readings: Record<string, string>;
  route_uuid: string;
  centre_uuid: string;
}

export const emptyPreview = (): PreviewForm => ({
  gross: '',
  containers: {},
  grade: '',
  readings: {},
  route_uuid: '',
  centre_uuid: '',
});

/** The readings the rule asks for at the preview's route and centre. */
export function previewReadings(rule: PricingRuleVersion, form: PreviewForm): ReadingDef[] {
  return readingsOf(
    resolveRule(rule, { route_uuid: form.route_uuid || null, centre_uuid: form.centre_uuid || null }).rate,
  );
}

export function previewPrice(rule: PricingRuleVersion, form: PreviewForm): PricingResult {
  const errors: FieldErrors = {};
  const gross = parseQuantity(form.gross, 'value');
  if (!gross.ok) errors.gross_weight_milli = gross.error.replace(/^value /, '');
  const containers = Object.entries(form.containers)
    .filter(([, count]) => count.trim() !== '' && count.trim() !== '0')
    .map(([code, count], i) => {
      const parsed = parseDecimal(count, { scale: 0, label: 'value' });
      if (!parsed.ok) errors[`containers.${i}.count`] = parsed.error.replace(/^value /, '');
      return { code, count: parsed.ok ? parsed.value : 0 };
    });
  const readings: Record<string, number> = {};
  for (const def of previewReadings(rule, form)) {
    const text = form.readings[def.key] ?? '';
    if (text.trim() === '') continue;
    const parsed = parseDecimal(text, { scale: def.scale, allowNegative: true, label: 'value' });
    if (parsed.ok) readings[def.key] = parsed.value;
    else errors[`readings.${def.key}`] = parsed.error.replace(/^value /, '');
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return priceDelivery(rule, {
    product_uuid: rule.product_uuid,
    gross_weight_milli: gross.ok ? gross.value : 0,
    containers,
    grade: form.grade.trim() || null,
    readings,
    route_uuid: form.route_uuid || null,
    centre_uuid: form.centre_uuid || null,
  });
}
