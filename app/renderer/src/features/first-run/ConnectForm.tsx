import { useState } from 'react';
import { z } from 'zod';
import type { ClashDecision } from '../../../../../shared/ipc/inputs';
import { serverAddressesField } from '../../../../../shared/sync/server-addresses';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field, FormMessage } from '../../components/Field';
import { call } from '../../lib/api';
import { pleaseCorrect } from '../../lib/failure';
import { useForm } from '../../lib/forms';
import { ClashChoices } from './ClashChoices';
import { checkChoices, decisionsOf, initialChoices, summaryLines, type Choice, type Clash } from './join-plan';

const ConnectSchema = z.object({
  serverUrl: serverAddressesField(),
  email: z.email({ error: 'must be an email address' }),
  password: z.string().min(1, 'is required'),
});

export const SERVER_ADDRESS_HINT = 'Several addresses, separated by commas, are tried in turn if one is down.';

/**
 * Joins this desk to an office server: test the address, sign in, and if records made here would duplicate the
 * server's (same code, another record), list them, let the user decide each one (merge, or a new code), and
 * confirm exactly what merges before anything is sent.
 */
export function ConnectForm({ initialUrl, onConnected }: { initialUrl: string; onConnected(message: string): void }) {
  const [values, setValues] = useState({ serverUrl: initialUrl, email: '', password: '' });
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [clashes, setClashes] = useState<Clash[] | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [confirming, setConfirming] = useState(false);
  const form = useForm(ConnectSchema);

  async function connect(decisions?: ClashDecision[]) {
    const result = await form.submit(values, (input) =>
      call('setup.connect', { ...input, ...(decisions ? { decisions } : {}) }),
    );
    if (!result) return;
    if (result.status === 'clashes') {
      // Choices already made stay; a clash new since the last listing starts from the desk's proposal.
      setChoices({ ...initialChoices(result.clashes), ...choices });
      setClashes(result.clashes);
      form.setMessage(result.message);
    } else onConnected(result.message);
  }

  /** Nothing is mapped before the user has read the list and confirmed it. */
  function review(list: Clash[]) {
    const errors = checkChoices(list, choices);
    form.setErrors(errors);
    if (Object.keys(errors).length) form.setMessage(pleaseCorrect(Object.keys(errors).length));
    else setConfirming(true);
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
            These records exist on the server under the same code. Say for each supplier whether it is the same grower
            (its collections and payments move onto the office’s record) or another one kept under a new code:
          </p>
          <ClashChoices
            clashes={clashes}
            choices={choices}
            errors={form.errors}
            onChange={(uuid, choice) => setChoices({ ...choices, [uuid]: choice })}
          />
          <button type="button" onClick={() => review(clashes)} disabled={form.busy}>
            Map them and join the server…
          </button>
        </div>
      ) : null}
      {confirming && clashes ? (
        <ConfirmDialog
          title="Join the office with these changes?"
          confirmLabel="Map them and join"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void connect(decisionsOf(clashes, choices));
          }}
        >
          <ul aria-label="What will happen">
            {summaryLines(clashes, choices).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p>This cannot be undone once sent.</p>
        </ConfirmDialog>
      ) : null}
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}
