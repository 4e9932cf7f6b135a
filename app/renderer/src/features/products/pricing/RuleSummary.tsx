import {
  formatQuantity,
  formatRange,
  formatReading,
  type CentreRow,
  type PricingRuleVersion,
  type RateMethod,
  type RouteRow,
  type Tare,
} from '../../../../../../shared';
import { useApp } from '../../../lib/settings';
import { METHOD_LABELS } from './RateEditor';

/** A stored version's terms, read-only (clerks see rules this way; versions are never edited). */
export function RuleSummary({
  rule,
  routes,
  centres,
}: {
  rule: PricingRuleVersion;
  routes: RouteRow[];
  centres: CentreRow[];
}) {
  const place = (uuid: string | null, list: (RouteRow | CentreRow)[], any: string) =>
    uuid ? (list.find((p) => p.uuid === uuid)?.code ?? 'unknown') : any;
  return (
    <div className="rule-summary">
      <h3>
        From {rule.effective_from}: {METHOD_LABELS[rule.rate.by].toLowerCase()}
      </h3>
      {rule.notes ? <p className="muted">{rule.notes}</p> : null}
      <RateSummary rate={rule.rate} />
      <TareSummary tares={rule.tares} />
      {rule.overrides.map((o, i) => (
        <div key={i} className="override-summary">
          <h4>
            Override: route {place(o.route_uuid, routes, 'any')}, centre {place(o.centre_uuid, centres, 'any')}
          </h4>
          {o.rate ? <RateSummary rate={o.rate} /> : <p className="muted small">Rate as above.</p>}
          {o.tares.length ? <TareSummary tares={o.tares} /> : null}
        </div>
      ))}
    </div>
  );
}

function RateSummary({ rate }: { rate: RateMethod }) {
  const { money } = useApp();
  switch (rate.by) {
    case 'base':
      return <p>Rate {money(rate.base_rate_minor)}</p>;
    case 'grade':
      return (
        <table className="table compact" aria-label="Grade rates">
          <tbody>
            {rate.grades.map((g) => (
              <tr key={g.code}>
                <th>{g.code}</th>
                <td>{g.label}</td>
                <td className="num">{money(g.rate_minor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'chart': {
      const [rows, columns] = rate.axes;
      return (
        <table className="table compact rate-grid" aria-label="Chart rates">
          <thead>
            <tr>
              <th>
                {rows!.reading.label}
                {columns ? ` \\ ${columns.reading.label}` : ''}
              </th>
              {columns ? (
                columns.bands.map((b, c) => <th key={c}>{formatRange(b.min, b.max, columns.reading)}</th>)
              ) : (
                <th />
              )}
            </tr>
          </thead>
          <tbody>
            {rate.rates.map((row, r) => (
              <tr key={r}>
                <th>{formatRange(rows!.bands[r]!.min, rows!.bands[r]!.max, rows!.reading)}</th>
                {row.map((cell, c) => (
                  <td key={c} className="num">
                    {money(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'formula':
      return (
        <p>
          {money(rate.base_rate_minor)}
          {rate.terms.map(
            (t) => ` + ${t.coefficient} × (${t.reading.label} − ${formatReading(t.reference, t.reading)})`,
          )}
          , held to {money(rate.min_rate_minor)}–{money(rate.max_rate_minor)} (coefficients in minor units per whole
          unit)
        </p>
      );
  }
}

function TareSummary({ tares }: { tares: Tare[] }) {
  if (tares.length === 0) return <p className="muted small">No containers.</p>;
  return (
    <p>
      Containers:{' '}
      {tares.map((t) => `${t.code}${t.label ? ` (${t.label})` : ''} ${formatQuantity(t.tare_milli)} kg`).join(', ')}
    </p>
  );
}
