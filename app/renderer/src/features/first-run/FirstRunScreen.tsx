import { failureMessage } from '../../lib/failure';
import { useState } from 'react';
import { z } from 'zod';
import { Field, FormMessage } from '../../components/Field';
import { call } from '../../lib/api';
import { useForm } from '../../lib/forms';
import { useApp } from '../../lib/settings';
import { ConnectForm } from './ConnectForm';

const LocalSchema = z
  .object({
    name: z.string().trim().min(1, 'is required'),
    email: z.email({ error: 'must be an email address' }),
    password: z.string().min(8, 'must be at least 8 characters'),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'does not match the password' });

type Way = 'connect' | 'local' | 'demo' | null;

/** The first minute: connect to the office server, use this computer alone, or explore with demo data. */
export function FirstRunScreen() {
  const { settings, refresh } = useApp();
  const [way, setWay] = useState<Way>(null);
  const [local, setLocal] = useState({ name: '', email: '', password: '', confirm: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm(LocalSchema);

  return (
    <main className="first-run">
      <h1>Welcome to CollectPay</h1>
      <p className="muted">
        Record collections and payments, keep every supplier’s balance, and print statements — with or without a server.
      </p>
      <div className="cards ways">
        <article className={`card way${way === 'connect' ? ' chosen' : ''}`}>
          <h2>Connect to your office server</h2>
          <p>Several desks share one server; each keeps working when the network drops.</p>
          {way === 'connect' ? (
            <ConnectForm initialUrl={settings?.serverUrl ?? ''} onConnected={() => void refresh()} />
          ) : (
            <button type="button" onClick={() => setWay('connect')}>
              Connect…
            </button>
          )}
        </article>
        <article className={`card way${way === 'local' ? ' chosen' : ''}`}>
          <h2>Use on this computer only</h2>
          <p>Everything works offline. You can connect to a server later; nothing you record is renumbered.</p>
          {way === 'local' ? (
            <form
              className="form"
              aria-label="Create local administrator"
              onSubmit={async (e) => {
                e.preventDefault();
                const done = await form.submit(local, ({ name, email, password }) =>
                  call('setup.local', { name, email, password }),
                );
                if (done) await refresh();
              }}
            >
              <Field
                label="Your name"
                value={local.name}
                onChange={(e) => setLocal({ ...local, name: e.target.value })}
                error={form.errors.name}
                autoFocus
              />
              <Field
                label="Email"
                type="email"
                value={local.email}
                onChange={(e) => setLocal({ ...local, email: e.target.value })}
                error={form.errors.email}
              />
              <Field
                label="Password"
                type="password"
                value={local.password}
                onChange={(e) => setLocal({ ...local, password: e.target.value })}
                error={form.errors.password}
              />
              <Field
                label="Confirm password"
                type="password"
                value={local.confirm}
                onChange={(e) => setLocal({ ...local, confirm: e.target.value })}
                error={form.errors.confirm}
              />
              <FormMessage message={form.message} />
              <button type="submit" disabled={form.busy}>
                Create administrator and start
              </button>
            </form>
          ) : (
            <button type="button" onClick={() => setWay('local')}>
              Set up this computer…
            </button>
          )}
        </article>
        <article className="card way">
          <h2>Explore with demo data</h2>
          <p>
            Forty suppliers, tea and milk, three months of collections and payments — in a separate demo database you
            can leave at any time.
          </p>
          <button
            type="button"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await call('setup.demo', {});
                await refresh();
              } catch (e) {
                setError(failureMessage(e));
                setBusy(false);
              }
            }}
          >
            {busy ? 'Preparing the demo…' : 'Explore the demo'}
          </button>
          {error ? (
            <p role="alert" className="form-message">
              {error}
            </p>
          ) : null}
        </article>
      </div>
    </main>
  );
}
