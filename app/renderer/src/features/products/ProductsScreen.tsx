import { useState } from 'react';
import { can, parseMoney, ProductCreateSchema, type ProductRow } from '../../../../../shared';
import { Field, FormMessage } from '../../components/Field';
import { ApiError, call, useQuery } from '../../lib/api';
import { useForm } from '../../lib/forms';
import { failureMessage } from '../../lib/failure';
import { useApp } from '../../lib/settings';
import { ChargesPanel } from './ChargesPanel';
import { PlacesPanel } from './PlacesPanel';
import { PricingRulesPanel } from './pricing/PricingRulesPanel';

/** Products and their rates; changing them is a supervisor's job. */
export function ProductsScreen() {
  const { money, session, settings, today } = useApp();
  const products = useQuery('products.list', { includeInactive: true });
  const role = session?.user?.role;
  const canAddProducts = can(role, 'products.create');
  const canSetRates = can(role, 'product_rates.create');
  const [values, setValues] = useState({ code: '', name: '', unit: 'kg' });
  const form = useForm(ProductCreateSchema);
  const [rateFor, setRateFor] = useState<ProductRow | null>(null);
  const [rate, setRate] = useState('');
  const [from, setFrom] = useState(today);
  const [rateErrors, setRateErrors] = useState<Record<string, string>>({});
  const [rateMessage, setRateMessage] = useState<string | null>(null);

  async function addProduct() {
    const row = await form.submit(values, (input) => call('products.create', input));
    if (row) setValues({ code: '', name: '', unit: 'kg' });
  }

  async function setProductRate() {
    if (!rateFor) return;
    const parsed = parseMoney(rate, settings?.currency ?? 'USD', 'rate');
    if (!parsed.ok) {
      setRateErrors({ rate: parsed.error.replace(/^rate /, '') });
      setRateMessage('Please correct the highlighted field.');
      return;
    }
    try {
      await call('rates.set', { product_uuid: rateFor.uuid, rate_minor: parsed.value, effective_from: from });
      setRateFor(null);
      setRate('');
      setRateErrors({});
      setRateMessage(null);
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {};
      setRateErrors({ rate: fields.rate_minor ?? '', from: fields.effective_from ?? '' });
      setRateMessage(failureMessage(error, ['rate_minor', 'effective_from']));
    }
  }

  return (
    <section>
      <h1>Products & rates</h1>
      {!canAddProducts || !canSetRates ? (
        <p className="muted">Only a supervisor may change products and rates.</p>
      ) : null}
      <table className="table" aria-label="Products">
        <thead>
          <tr>
            <th>Code</th>
            <th>Name</th>
            <th>Unit</th>
            <th className="num">Rate today</th>
            <th>Since</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(products.data ?? []).map((p) => (
            <tr key={p.uuid}>
              <td>{p.code}</td>
              <td>{p.name}</td>
              <td>{p.unit}</td>
              <td className="num">
                {p.current_rate ? money(p.current_rate.rate_minor) : <span className="warn">no rate</span>}
              </td>
              <td>{p.current_rate?.effective_from ?? ''}</td>
              <td>
                {canSetRates ? (
                  <button type="button" className="small" onClick={() => setRateFor(p)}>
                    Set rate
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rateFor ? (
        <form
          className="card form"
          aria-label="Set rate"
          onSubmit={(e) => {
            e.preventDefault();
            void setProductRate();
          }}
        >
          <h2>
            New rate for {rateFor.code} (per {rateFor.unit})
          </h2>
          <div className="grid2">
            <Field
              label={`Rate (${settings?.currency ?? 'USD'})`}
              inputMode="decimal"
              value={rate}
              onChange={(e) => setRate(e.target.value)}
              error={rateErrors.rate || undefined}
              autoFocus
            />
            <Field
              label="Effective from"
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              error={rateErrors.from || undefined}
            />
          </div>
          <p className="muted small">Collections already recorded keep the rate they were priced at.</p>
          <FormMessage message={rateMessage} />
          <div className="row">
            <button type="submit">Save rate</button>
            <button type="button" className="secondary" onClick={() => setRateFor(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {canAddProducts ? (
        <form
          className="card form"
          aria-label="New product"
          onSubmit={(e) => {
            e.preventDefault();
            void addProduct();
          }}
        >
          <h2>New product</h2>
          <div className="grid2">
            <Field
              label="Code"
              value={values.code}
              onChange={(e) => setValues({ ...values, code: e.target.value })}
              error={form.errors.code}
            />
            <Field
              label="Name"
              value={values.name}
              onChange={(e) => setValues({ ...values, name: e.target.value })}
              error={form.errors.name}
            />
            <Field
              label="Unit"
              value={values.unit}
              onChange={(e) => setValues({ ...values, unit: e.target.value })}
              error={form.errors.unit}
              placeholder="kg, l, unit"
            />
          </div>
          <FormMessage message={form.message} />
          <button type="submit" disabled={form.busy}>
            Add product
          </button>
        </form>
      ) : null}
      <PricingRulesPanel products={products.data ?? []} />
      <div className="grid2 places-grid">
        <PlacesPanel kind="routes" />
        <PlacesPanel kind="centres" />
      </div>
      <ChargesPanel />
    </section>
  );
}
