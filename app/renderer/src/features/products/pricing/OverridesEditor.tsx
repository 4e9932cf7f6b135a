import type { CentreRow, RouteRow } from '../../../../../../shared';
import { SelectField } from '../../../components/Field';
import { GroupError, removeAt, replaceAt, type EditorProps } from './cells';
import { RateEditor } from './RateEditor';
import { emptyOverride, type OverrideForm } from './rule-form';
import { TaresEditor } from './TaresEditor';

/** A deactivated place is still listed, so a version copied from an older one keeps its overrides visible. */
const placeLabel = (p: RouteRow | CentreRow) => `${p.code} — ${p.name}${p.active ? '' : ' (inactive)'}`;

/** Per-route / per-centre terms: a rate of their own, containers re-tared, or both. */
export function OverridesEditor({
  value,
  onChange,
  errors,
  path,
  currency,
  routes,
  centres,
}: EditorProps<OverrideForm[]> & { currency: string; routes: RouteRow[]; centres: CentreRow[] }) {
  const set = (i: number, patch: Partial<OverrideForm>) => onChange(replaceAt(value, i, { ...value[i]!, ...patch }));
  return (
    <div className="editor-part">
      {value.length === 0 ? <p className="muted small">No overrides: every route and centre is priced alike.</p> : null}
      {value.map((override, i) => {
        const at = `${path}.${i}`;
        return (
          <fieldset key={i} className="axis" aria-label={`Override ${i + 1}`}>
            <legend>
              Override {i + 1}
              <button
                type="button"
                className="small secondary"
                aria-label={`Remove override ${i + 1}`}
                onClick={() => onChange(removeAt(value, i))}
              >
                Remove
              </button>
            </legend>
            <GroupError error={errors[at]} />
            <div className="grid2">
              <SelectField
                label={`Override ${i + 1} route`}
                value={override.route_uuid}
                onChange={(e) => set(i, { route_uuid: e.target.value })}
                options={[
                  { value: '', label: 'Any route' },
                  ...routes.map((r) => ({ value: r.uuid, label: placeLabel(r) })),
                ]}
                error={errors[`${at}.route_uuid`]}
              />
              <SelectField
                label={`Override ${i + 1} centre`}
                value={override.centre_uuid}
                onChange={(e) => set(i, { centre_uuid: e.target.value })}
                options={[
                  { value: '', label: 'Any centre' },
                  ...centres.map((c) => ({ value: c.uuid, label: placeLabel(c) })),
                ]}
                error={errors[`${at}.centre_uuid`]}
              />
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={override.changeRate}
                onChange={(e) => set(i, { changeRate: e.target.checked })}
              />
              Its own rate here
            </label>
            {override.changeRate ? (
              <RateEditor
                name={`Override ${i + 1} priced`}
                value={override.rate}
                onChange={(rate) => set(i, { rate })}
                errors={errors}
                path={`${at}.rate`}
                currency={currency}
                prefix={`Override ${i + 1} `}
              />
            ) : (
              <GroupError error={errors[`${at}.rate`]} />
            )}
            <h4>Tares that differ here</h4>
            <TaresEditor
              name={`Override ${i + 1} containers`}
              value={override.tares}
              onChange={(tares) => set(i, { tares })}
              errors={errors}
              path={`${at}.tares`}
              prefix={`Override ${i + 1} `}
              empty="Every container keeps the rule's tare here."
            />
          </fieldset>
        );
      })}
      <button type="button" className="small secondary" onClick={() => onChange([...value, emptyOverride()])}>
        Add override
      </button>
    </div>
  );
}
