import { useState } from 'react';
import {
  formatQuantity,
  formatRange,
  resolveRule,
  type CentreRow,
  type FieldErrors,
  type PricedDelivery,
  type PricingRuleVersion,
  type RouteRow,
} from '../../../../../../shared';
import { Field, SelectField } from '../../../components/Field';
import { useApp } from '../../../lib/settings';
import { emptyPreview, previewPrice, previewReadings, type PreviewForm } from './preview-form';

/** Why the rate is what it is, in words: the grade, the chart cell, a formula limit, an override. */
function basisText(priced: PricedDelivery, rule: PricingRuleVersion, places: Map<string, string>): string {
  const parts: string[] = [];
  const { basis } = priced;
  if (basis.by === 'base') parts.push('base rate');
  if (basis.grade) parts.push(`grade ${basis.grade}`);
  if (basis.cell) {
    const rate = resolveRule(rule, basis.override ?? { route_uuid: null, centre_uuid: null }).rate;
    if (rate.by === 'chart')
      parts.push(
        `chart cell ${rate.axes
          .map((axis, a) => {
            const band = axis.bands[basis.cell![a]!]!;
            return `${axis.reading.label} ${formatRange(band.min, band.max, axis.reading)}`;
          })
          .join(' × ')}`,
      );
  }
  if (basis.limited) parts.push(`formula held at its ${basis.limited === 'min' ? 'lowest' : 'highest'} rate`);
  if (basis.by === 'formula' && !basis.limited) parts.push('formula');
  if (basis.override) {
    const where = [basis.override.route_uuid, basis.override.centre_uuid]
      .filter((u): u is string => u !== null)
      .map((u) => places.get(u) ?? u);
    parts.push(`override for ${where.join(' at ')}`);
  }
  return parts.join(', ');
}

/** Type a sample delivery and see what this rule pays for it, priced by the same function as a collection. */
export function PricePreview({
  rule,
  routes,
  centres,
}: {
  rule: PricingRuleVersion;
  routes: RouteRow[];
  centres: CentreRow[];
}) {
  const { money } = useApp();
  const [form, setForm] = useState<PreviewForm>(emptyPreview);
  const set = (patch: Partial<PreviewForm>) => setForm({ ...form, ...patch });
  const terms = resolveRule(rule, { route_uuid: form.route_uuid || null, centre_uuid: form.centre_uuid || null });
  const readings = previewReadings(rule, form);
  const result = form.gross.trim() === '' ? null : previewPrice(rule, form);
  const errors: FieldErrors = result && !result.ok ? result.errors : {};
  const places = new Map([...routes, ...centres].map((p) => [p.uuid, `${p.code}`]));
  const containerError = Object.entries(errors).find(([key]) => key.startsWith('containers'))?.[1];

  return (
    <section className="card preview" aria-label="Price preview">
      <h3>Preview a delivery</h3>
      <div className="grid3">
        <Field
          label="Gross weight (kg)"
          inputMode="decimal"
          value={form.gross}
          onChange={(e) => set({ gross: e.target.value })}
          error={errors.gross_weight_milli}
        />
        {terms.rate.by === 'grade' ? (
          <SelectField
            label="Grade"
            value={form.grade}
            onChange={(e) => set({ grade: e.target.value })}
            options={[
              { value: '', label: '(choose)' },
              ...terms.rate.grades.map((g) => ({ value: g.code, label: `${g.code} ${g.label}` })),
            ]}
            error={errors.grade}
          />
        ) : null}
        {readings.map((def) => (
          <Field
            key={def.key}
            label={def.label}
            inputMode="decimal"
            value={form.readings[def.key] ?? ''}
            onChange={(e) => set({ readings: { ...form.readings, [def.key]: e.target.value } })}
            error={errors[`readings.${def.key}`]}
          />
        ))}
        {terms.tares.map((tare) => (
          <Field
            key={tare.code}
            label={`${tare.label || tare.code} (${formatQuantity(tare.tare_milli)} kg each)`}
            inputMode="numeric"
            value={form.containers[tare.code] ?? ''}
            onChange={(e) => set({ containers: { ...form.containers, [tare.code]: e.target.value } })}
          />
        ))}
        {rule.overrides.length > 0 ? (
          <>
            <SelectField
              label="Route"
              value={form.route_uuid}
              onChange={(e) => set({ route_uuid: e.target.value })}
              options={[
                { value: '', label: '(none)' },
                ...routes.map((r) => ({ value: r.uuid, label: `${r.code} — ${r.name}` })),
              ]}
            />
            <SelectField
              label="Centre"
              value={form.centre_uuid}
              onChange={(e) => set({ centre_uuid: e.target.value })}
              options={[
                { value: '', label: '(none)' },
                ...centres.map((c) => ({ value: c.uuid, label: `${c.code} — ${c.name}` })),
              ]}
            />
          </>
        ) : null}
      </div>
      {containerError ? <div className="field__error">{containerError}</div> : null}
      <div className="preview__result" data-testid="price-preview" role="status">
        {result === null ? (
          <span className="muted">Type a gross weight to see the price.</span>
        ) : result.ok ? (
          <>
            <strong>{money(result.priced.amount_minor)}</strong> = {formatQuantity(result.priced.net_quantity_milli)} kg
            net ({formatQuantity(result.priced.gross_weight_milli)} gross − {formatQuantity(result.priced.tare_milli)}{' '}
            tare) × {money(result.priced.rate_minor)} · {basisText(result.priced, rule, places)}
          </>
        ) : (
          <span className="warn">Not priced: correct the fields above.</span>
        )}
      </div>
    </section>
  );
}
