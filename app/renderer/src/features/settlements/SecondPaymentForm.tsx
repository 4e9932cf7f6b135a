import { useState } from 'react';
import type { BonusRate } from '../../../../../shared';
import { Field, FormMessage } from '../../components/Field';
import { ApiError, call, useQuery } from '../../lib/api';
import { failureMessage } from '../../lib/failure';
import { useApp } from '../../lib/settings';
import { readBonusRates, type BonusProduct } from './bonus-rates';

const FORM_FIELDS = ['period_from', 'period_to', 'code', 'bonus_rates'];
type Preview = (BonusRate & { product: BonusProduct })[];

/**
 * A second payment (bonus): an amount per unit of each product over a past period's quantities. The rates are
 * previewed first, then the server computes a draft that goes through the same review, approval and payout.
 */
export function SecondPaymentForm({ onCreated }: { onCreated: (uuid: string) => void }) {
  const { money, settings } = useApp();
  const currency = settings?.currency ?? 'USD';
  const products = useQuery('products.list', {});
  const [period, setPeriod] = useState({ from: '', to: '', code: '' });
  const [rates, setRates] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);

  // Any edit takes the preview away: what is created is always what was last previewed.
  const edited = () => setPreview(null);

  function showPreview() {
    const problems: Record<string, string> = {};
    if (!period.from) problems.period_from = 'is required';
    if (!period.to) problems.period_to = 'is required';
    if (period.from && period.to && period.to < period.from) problems.period_to = 'must be on or after the start date';
    const read = readBonusRates(products.data ?? [], rates, currency);
    const rateErrors = read.ok ? {} : read.errors;
    setErrors({ ...problems, ...rateErrors });
    setMessage(rateErrors._ ?? null);
    if (read.ok && Object.keys(problems).length === 0) setPreview(read.rates);
  }

  async function create(chosen: Preview) {
    setBusy(true);
    try {
      const view = await call('settlements.create', {
        kind: 'bonus',
        period_from: period.from,
        period_to: period.to,
        ...(period.code ? { code: period.code } : {}),
        bonus_rates: chosen.map(({ product_uuid, rate_minor }) => ({ product_uuid, rate_minor })),
      });
      setPeriod({ from: '', to: '', code: '' });
      setRates({});
      setPreview(null);
      setErrors({});
      setMessage(null);
      onCreated(view.run.uuid);
    } catch (error) {
      setErrors(error instanceof ApiError ? error.fields : {});
      setMessage(failureMessage(error, FORM_FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card form"
      aria-label="New second payment"
      onSubmit={(e) => {
        e.preventDefault();
        if (preview) void create(preview);
        else showPreview();
      }}
    >
      <h2>New second payment</h2>
      <p className="muted small">
        A bonus per unit over a past period&apos;s deliveries. It is reviewed, approved and paid like a run, and closes
        no period.
      </p>
      <div className="grid2">
        <Field
          label="Period from"
          type="date"
          value={period.from}
          onChange={(e) => {
            setPeriod({ ...period, from: e.target.value });
            edited();
          }}
          error={errors.period_from}
        />
        <Field
          label="Period to"
          type="date"
          value={period.to}
          onChange={(e) => {
            setPeriod({ ...period, to: e.target.value });
            edited();
          }}
          error={errors.period_to}
        />
        <Field
          label="Run code (optional)"
          value={period.code}
          onChange={(e) => {
            setPeriod({ ...period, code: e.target.value });
            edited();
          }}
          error={errors.code}
        />
      </div>
      <div className="grid2">
        {(products.data ?? []).map((p) => (
          <Field
            key={p.uuid}
            label={`${p.code} ${p.name}: rate per ${p.unit}`}
            inputMode="decimal"
            placeholder="blank: no bonus"
            value={rates[p.uuid] ?? ''}
            onChange={(e) => {
              setRates({ ...rates, [p.uuid]: e.target.value });
              edited();
            }}
            error={errors[p.uuid]}
          />
        ))}
      </div>
      {preview ? (
        <table className="table" aria-label="Second payment preview">
          <caption className="muted small">
            {period.from} to {period.to}: each supplier is paid, per product, the period&apos;s quantity × the rate,
            rounded once. Charges and credit instalments in force are recovered from it as in a run.
          </caption>
          <thead>
            <tr>
              <th>Product</th>
              <th className="num">Rate per unit</th>
            </tr>
          </thead>
          <tbody>
            {preview.map((r) => (
              <tr key={r.product_uuid}>
                <td>
                  {r.product.code} {r.product.name}
                </td>
                <td className="num">
                  {money(r.rate_minor)} per {r.product.unit}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <FormMessage message={message} />
      <div className="row">
        {preview ? (
          <>
            <button type="submit" disabled={busy}>
              {busy ? 'Computing…' : 'Create draft second payment'}
            </button>
            <button type="button" className="secondary" onClick={() => setPreview(null)}>
              Change
            </button>
          </>
        ) : (
          <button type="submit">Preview</button>
        )}
      </div>
    </form>
  );
}
