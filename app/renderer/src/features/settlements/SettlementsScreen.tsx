import { useState } from 'react';
import { can } from '../../../../../shared';
import { Field, FormMessage } from '../../components/Field';
import { ApiError, call, useQuery } from '../../lib/api';
import { failureMessage } from '../../lib/failure';
import { useApp } from '../../lib/settings';
import { RunView } from './RunView';
import { SecondPaymentForm } from './SecondPaymentForm';

const FORM_FIELDS = ['period_from', 'period_to', 'code', 'route'];

/** Pay runs: the list, a new run computed on the server, and one run's table. */
export function SettlementsScreen() {
  const { money, session } = useApp();
  const runs = useQuery('settlements.list', {});
  const mayRun = can(session?.user?.role, 'settlements.run');
  const [selected, setSelected] = useState<string | null>(null);
  const [values, setValues] = useState({ from: '', to: '', code: '', route: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create() {
    setBusy(true);
    try {
      const view = await call('settlements.create', {
        period_from: values.from,
        period_to: values.to,
        ...(values.code ? { code: values.code } : {}),
        ...(values.route ? { route: values.route } : {}),
      });
      setSelected(view.run.uuid);
      setValues({ from: '', to: '', code: '', route: '' });
      setErrors({});
      setMessage(null);
      runs.reload();
    } catch (error) {
      setErrors(error instanceof ApiError ? error.fields : {});
      setMessage(failureMessage(error, FORM_FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h1>Settlements</h1>
      <table className="table" aria-label="Settlement runs">
        <thead>
          <tr>
            <th>Code</th>
            <th>Name</th>
            <th>Period</th>
            <th>Status</th>
            <th className="num">Suppliers</th>
            <th className="num">Net pay</th>
          </tr>
        </thead>
        <tbody>
          {(runs.data ?? []).map((r) => (
            <tr
              key={r.uuid}
              className={`clickable${selected === r.uuid ? ' selected' : ''}`}
              onClick={() => setSelected(r.uuid)}
            >
              <td>
                <button type="button" className="link" onClick={() => setSelected(r.uuid)}>
                  {r.code}
                </button>
              </td>
              <td>
                {r.name}
                {r.kind === 'bonus' ? (
                  <>
                    {' '}
                    <span className="badge">second payment</span>
                  </>
                ) : null}
              </td>
              <td>
                {r.period_from} – {r.period_to}
              </td>
              <td>
                <span className={`badge badge--${r.status}`}>{r.status}</span>
              </td>
              <td className="num">{r.suppliers}</td>
              <td className="num">{money(r.net_minor)}</td>
            </tr>
          ))}
          {runs.data?.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                No settlement runs yet.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {/* The chosen run right under the list; the forms that start new ones after it. */}
      {selected ? <RunView key={selected} uuid={selected} onChanged={runs.reload} /> : null}
      {mayRun ? (
        <form
          className="card form"
          aria-label="New settlement run"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <h2>New run</h2>
          <p className="muted small">
            The office server computes the run from every desk&apos;s records, so this needs a connection.
          </p>
          <div className="grid2">
            <Field
              label="Period from"
              type="date"
              value={values.from}
              onChange={(e) => setValues({ ...values, from: e.target.value })}
              error={errors.period_from}
            />
            <Field
              label="Period to"
              type="date"
              value={values.to}
              onChange={(e) => setValues({ ...values, to: e.target.value })}
              error={errors.period_to}
            />
            <Field
              label="Run code (optional)"
              value={values.code}
              onChange={(e) => setValues({ ...values, code: e.target.value })}
              error={errors.code}
            />
            <Field
              label="Route (optional)"
              value={values.route}
              onChange={(e) => setValues({ ...values, route: e.target.value })}
              error={errors.route}
            />
          </div>
          <FormMessage message={message} />
          <button type="submit" disabled={busy}>
            {busy ? 'Computing…' : 'Compute draft'}
          </button>
        </form>
      ) : null}
      {mayRun ? (
        <SecondPaymentForm
          onCreated={(uuid) => {
            setSelected(uuid);
            runs.reload();
          }}
        />
      ) : null}
    </section>
  );
}
