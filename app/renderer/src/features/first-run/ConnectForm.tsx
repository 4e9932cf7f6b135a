import { useState } from 'react';
import { z } from 'zod';
import type { CodeClash } from '../../../../../shared/ipc/types';
import { serverAddressesField } from '../../../../../shared/sync/server-addresses';
import { Field, FormMessage } from '../../components/Field';
import { call } from '../../lib/api';
import { useForm } from '../../lib/forms';

const ConnectSchema = z.object({
  serverUrl: serverAddressesField(),
  email: z.email({ error: 'must be an email address' }),
  password: z.string().min(1, 'is required'),
});

export const SERVER_ADDRESS_HINT = 'Several addresses, separated by commas, are tried in turn if one is down.';

/**
 * Joins this desk to an office server: test the address, sign in, and if records made here would duplicate the
 * server's (same code, another record), list them and map them before anything is sent.
 */
export function ConnectForm({ initialUrl, onConnected }: { initialUrl: string; onConnected(message: string): void }) {
  const [values, setValues] = useState({ serverUrl: initialUrl, email: '', password: '' });
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [clashes, setClashes] = useState<Omit<CodeClash, 'server_row'>[] | null>(null);
  const form = useForm(ConnectSchema);

  async function connect(mapClashes = false) {
    const result = await form.submit(values, (input) =>
      call('setup.connect', { ...input, ...(mapClashes ? { mapClashes } : {}) }),
    );
    if (!result) return;
    if (result.status === 'clashes') {
      setClashes(result.clashes);
      form.setMessage(result.message);
    } else onConnected(result.message);
  }

  return (
    <form
      aria-label="Connect to server"
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void connect();
      }}
    >
      <Field
        label="Server address"
        value={values.serverUrl}
        onChange={(e) => setValues({ ...values, serverUrl: e.target.value })}
        error={form.errors.serverUrl}
        placeholder="http://server:8787"
        hint={SERVER_ADDRESS_HINT}
      />
      <div className="row">
        <button
          type="button"
          className="secondary"
          onClick={async () =>
            setTest(
              await call('session.connect', { serverUrl: values.serverUrl }).catch((e: Error) => ({
                ok: false,
                message: e.message,
              })),
            )
          }
        >
          Test connection
        </button>
        {test ? (
          <span className={test.ok ? 'ok' : 'warn'} role="status" data-testid="connection-test">
            {test.message}
          </span>
        ) : null}
      </div>
      <Field
        label="Email"
        type="email"
        autoComplete="username"
        value={values.email}
        onChange={(e) => setValues({ ...values, email: e.target.value })}
        error={form.errors.email}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        value={values.password}
        onChange={(e) => setValues({ ...values, password: e.target.value })}
        error={form.errors.password}
      />
      <FormMessage message={form.message} />
      {clashes?.length ? (
        <div className="card">
          <p>
            These records exist on the server under the same code. Mapping keeps the server’s record and moves this
            desk’s collections and payments onto it:
          </p>
          <table className="table small" aria-label="Records to map">
            <thead>
              <tr>
                <th>Kind</th>
                <th>Code</th>
                <th>On this desk</th>
                <th>On the server</th>
              </tr>
            </thead>
            <tbody>
              {clashes.map((c) => (
                <tr key={c.local_uuid}>
                  <td>{c.entity_type === 'suppliers' ? 'Supplier' : 'Product'}</td>
                  <td>{c.code}</td>
                  <td>{c.local_name}</td>
                  <td>{c.server_name}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => void connect(true)} disabled={form.busy}>
            Map them and join the server
          </button>
        </div>
      ) : null}
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}
