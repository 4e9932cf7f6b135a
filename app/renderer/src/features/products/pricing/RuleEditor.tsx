import { useState } from 'react';
import {
  ruleVersionOf,
  type CentreRow,
  type FieldErrors,
  type ProductRow,
  type RouteRow,
} from '../../../../../../shared';
import { Field, FormMessage } from '../../../components/Field';
import { ApiError, call } from '../../../lib/api';
import { failureMessage, pleaseCorrect } from '../../../lib/failure';
import { OverridesEditor } from './OverridesEditor';
import { PricePreview } from './PricePreview';
import { RateEditor } from './RateEditor';
import { formToRule, type RuleForm } from './rule-form';
import { TaresEditor } from './TaresEditor';

/** The draft is previewed as a version with this placeholder id; it is never stored under it. */
const DRAFT_UUID = '00000000-0000-7000-8000-000000000000';

/**
 * A new rule version: date, method and its editor, containers, overrides, notes, with a live price preview.
 * Enter saves, Escape cancels; every error sits beside the input the schema's path points at.
 */
export function RuleEditor({
  product,
  initial,
  currency,
  routes,
  centres,
  onSaved,
  onCancel,
}: {
  product: ProductRow;
  initial: RuleForm;
  currency: string;
  routes: RouteRow[];
  centres: CentreRow[];
  onSaved(): void;
  onCancel(): void;
}) {
  const [form, setForm] = useState(initial);
  /** After a first save attempt the draft is checked as it is typed, so a fixed field loses its error at once. */
  const [attempted, setAttempted] = useState(false);
  /** What the core refused on the last save; cleared by the next change. */
  const [refused, setRefused] = useState<{ errors: FieldErrors; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<RuleForm>) => {
    setForm({ ...form, ...patch });
    setRefused(null);
  };
  const draft = formToRule(form, product.uuid, currency);
  const errors: FieldErrors = refused?.errors ?? (attempted && !draft.ok ? draft.errors : {});
  const message = refused?.message ?? (attempted && !draft.ok ? pleaseCorrect(Object.keys(draft.errors).length) : null);

  async function save() {
    setAttempted(true);
    if (!draft.ok) return;
    setBusy(true);
    try {
      await call('pricingRules.create', draft.input);
      onSaved();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {};
      setRefused({ errors: fields, message: failureMessage(error, Object.keys(fields)) });
      setBusy(false);
    }
  }

  return (
    <form
      className="card form rule-editor"
      aria-label="New pricing rule version"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h2>
        New pricing rule version for {product.code} (per {product.unit})
      </h2>
      <div className="grid2">
        <Field
          label="Effective from"
          type="date"
          value={form.effective_from}
          onChange={(e) => set({ effective_from: e.target.value })}
          error={errors.effective_from}
          autoFocus
        />
        <Field label="Notes" value={form.notes} onChange={(e) => set({ notes: e.target.value })} error={errors.notes} />
      </div>
      <h3>Rate</h3>
      <RateEditor
        value={form.rate}
        onChange={(rate) => set({ rate })}
        errors={errors}
        path="terms.rate"
        currency={currency}
      />
      <h3>Containers (tare)</h3>
      <TaresEditor value={form.tares} onChange={(tares) => set({ tares })} errors={errors} path="terms.tares" />
      <h3>Route and centre overrides</h3>
      <OverridesEditor
        value={form.overrides}
        onChange={(overrides) => set({ overrides })}
        errors={errors}
        path="terms.overrides"
        currency={currency}
        routes={routes}
        centres={centres}
      />
      <p className="muted small">
        Collections already recorded keep the version they were priced by. A version cannot be edited once saved: a
        change is a new version.
      </p>
      <FormMessage message={message} />
      <div className="row">
        <button type="submit" disabled={busy}>
          Save version
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {draft.ok ? (
        <PricePreview
          rule={ruleVersionOf({ uuid: DRAFT_UUID, ...draft.input, notes: draft.input.notes ?? '' })}
          routes={routes}
          centres={centres}
        />
      ) : (
        <p className="muted small">The preview appears once the rule is complete.</p>
      )}
    </form>
  );
}
