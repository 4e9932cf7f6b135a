import { useState } from 'react';
import { z } from 'zod';
import { Field, FormMessage } from '../../components/Field';
import { call } from '../../lib/api';
import { useForm } from '../../lib/forms';
import { useApp } from '../../lib/settings';

const LoginSchema = z.object({
  email: z.email({ error: 'must be an email address' }),
  password: z.string().min(1, 'is required'),
});

/** Sign in online, or unlock offline as a user who signed in on this desk before. */
export function LoginScreen() {
  const { session, setSession, settings, setSettings } = useApp();
  const [email, setEmail] = useState(session?.knownUsers[0]?.email ?? '');
  const [password, setPassword] = useState('');
  const [server, setServer] = useState(settings?.serverUrl ?? '');
  const [checking, setChecking] = useState<string | null>(null);
  const form = useForm(LoginSchema);
  const known = session?.knownUsers ?? [];

  async function online() {
    if (server !== (settings?.serverUrl ?? '')) setSettings(await call('settings.set', { serverUrl: server }));
    const next = await form.submit({ email, password }, (input) => call('session.login', input));
    if (next) setSession(next);
  }

  async function offline() {
    const next = await form.submit({ email, password }, (input) => call('session.unlock', input));
    if (next) setSession(next);
  }

  async function test() {
    setChecking('Checking…');
    const result = await call('session.connect', { serverUrl: server }).catch((e: Error) => ({
      ok: false,
      message: e.message,
    }));
    setChecking(result.message);
  }

  return (
    <main className="login">
      <form
        className="card login__card"
        onSubmit={(e) => {
          e.preventDefault();
          void online();
        }}
      >
        <h1>CollectPay</h1>
        <p className="muted">Sign in to record collections and payments.</p>
        <Field
          label="Office server"
          value={server}
          onChange={(e) => setServer(e.target.value)}
          placeholder="http://server:8787"
          hint={checking}
        />
        <button type="button" className="secondary" onClick={() => void test()} disabled={!server}>
          Test connection
        </button>
        <Field
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={form.errors.email}
          autoFocus
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.errors.password}
        />
        <FormMessage message={form.message} />
        <div className="row">
          <button type="submit" disabled={form.busy}>
            Sign in
          </button>
          {known.length > 0 ? (
            <button type="button" className="secondary" disabled={form.busy} onClick={() => void offline()}>
              Unlock offline
            </button>
          ) : null}
        </div>
        {known.length > 0 ? (
          <p className="muted small">Known on this desk: {known.map((u) => u.name).join(', ')}</p>
        ) : null}
      </form>
    </main>
  );
}
