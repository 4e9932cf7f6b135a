import { useEffect, useState } from 'react';
import { entity, ENTITY_TYPES } from '../../../../../shared';
import { SettingsSchema } from '../../../../../shared/ipc/contract';
import type { Settings } from '../../../../../shared/ipc/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field, FormMessage, SelectField } from '../../components/Field';
import { call } from '../../lib/api';
import { useForm } from '../../lib/forms';
import { ConnectForm, SERVER_ADDRESS_HINT } from '../first-run/ConnectForm';
import { useApp } from '../../lib/settings';
import { ScaleSettingsForm } from './ScaleSettingsForm';

/** Whether this desk holds any record an amount of which a new currency would re-label. */
async function hasAmounts(): Promise<boolean> {
  const [collections, payments] = await Promise.all([
    call('collections.list', { limit: 1 }),
    call('payments.list', { limit: 1, includeVoided: true }),
  ]);
  return collections.rows.length + payments.rows.length > 0;
}

export function SettingsScreen() {
  const { settings, setSettings, money, setup, session, refresh } = useApp();
  const [connected, setConnected] = useState<string | null>(null);
  const [values, setValues] = useState<Settings | null>(settings);
  const [saved, setSaved] = useState(false);
  const [confirmCurrency, setConfirmCurrency] = useState(false);
  const form = useForm(SettingsSchema);
  useEffect(() => setValues(settings), [settings]);
  if (!values) return <p>Loading…</p>;
  const officeCurrency = session?.officeCurrency ?? null;
  const set = (patch: Partial<Settings>) => {
    setSaved(false);
    setValues({ ...values, ...patch });
  };
  const save = async () => {
    const next = await form.submit(values, (input) => call('settings.set', input));
    if (next) {
      setSettings(next);
      setSaved(true);
    }
  };

  return (
    <section>
      <h1>Settings</h1>
      {setup?.mode === 'local' && !setup.demo ? (
        <div className="card form">
          <h2>Connect to a server</h2>
          <p className="muted">
            Every record made on this desk is sent through the normal outbox (nothing is renumbered), credited to the
            server user who connects, and the desk then receives everything else. Connect as a supervisor or
            administrator, so products, rates and voids are accepted.
          </p>
          <ConnectForm
            initialUrl={values.serverUrl}
            onConnected={(message) => {
              setConnected(message);
              void refresh();
            }}
          />
        </div>
      ) : null}
      {connected ? (
        <p className="ok" role="status">
          {connected}
        </p>
      ) : null}
      <form
        className="card form"
        aria-label="Settings"
        onSubmit={async (e) => {
          e.preventDefault();
          setSaved(false);
          // Amounts are stored in minor units: a new currency re-reads every one of them, so it asks first.
          // An unknown code is refused beside the field first, without asking.
          const changing =
            !officeCurrency &&
            values.currency !== settings?.currency &&
            SettingsSchema.shape.currency.safeParse(values.currency).success;
          if (changing && (await hasAmounts())) {
            setConfirmCurrency(true);
            return;
          }
          await save();
        }}
      >
        <Field
          label="Office server"
          value={values.serverUrl}
          onChange={(e) => set({ serverUrl: e.target.value })}
          error={form.errors.serverUrl}
          placeholder="http://server:8787"
          hint={SERVER_ADDRESS_HINT}
        />
        <div className="grid2">
          <Field
            label="Currency"
            value={values.currency}
            onChange={(e) => set({ currency: e.target.value.toUpperCase() })}
            error={form.errors.currency}
            readOnly={officeCurrency !== null}
            hint={
              officeCurrency
                ? `The office's currency, set on the server: shown as ${money(123456)}`
                : `Shown as ${money(123456)}`
            }
          />
          <Field
            label="Locale"
            value={values.locale}
            onChange={(e) => set({ locale: e.target.value })}
            error={form.errors.locale}
            placeholder="en-KE"
          />
          <Field
            label="Company name (printouts)"
            value={values.companyName}
            onChange={(e) => set({ companyName: e.target.value })}
            error={form.errors.companyName}
          />
          <Field
            label="Company address (printouts)"
            value={values.companyAddress}
            onChange={(e) => set({ companyAddress: e.target.value })}
            error={form.errors.companyAddress}
          />
          <SelectField
            label="Paper size"
            value={values.paperSize}
            onChange={(e) => set({ paperSize: e.target.value as Settings['paperSize'] })}
            options={[
              { value: 'A4', label: 'A4' },
              { value: 'Letter', label: 'Letter' },
            ]}
          />
          <Field
            label="Default printer"
            value={values.defaultPrinter}
            onChange={(e) => set({ defaultPrinter: e.target.value })}
            placeholder="System default"
          />
        </div>
        <fieldset>
          <legend>Records this desk receives (selective sync)</legend>
          {ENTITY_TYPES.map((type) => (
            <label key={type} className="check">
              <input
                type="checkbox"
                checked={values.selectiveSync.includes(type)}
                onChange={(e) =>
                  set({
                    selectiveSync: e.target.checked
                      ? [...values.selectiveSync, type]
                      : values.selectiveSync.filter((t) => t !== type),
                  })
                }
              />{' '}
              {entity(type).label.many}
            </label>
          ))}
          {form.errors.selectiveSync ? <div className="field__error">{form.errors.selectiveSync}</div> : null}
        </fieldset>
        <FormMessage message={form.message} />
        {saved ? (
          <p className="ok" role="status">
            Settings saved.
          </p>
        ) : null}
        <button type="submit">Save settings</button>
      </form>
      <ScaleSettingsForm />
      {confirmCurrency ? (
        <ConfirmDialog
          title={`Change the currency to ${values.currency}?`}
          confirmLabel={`Use ${values.currency}`}
          onCancel={() => setConfirmCurrency(false)}
          onConfirm={async () => {
            setConfirmCurrency(false);
            await save();
          }}
        >
          <p>
            This desk already has records. Their amounts are not converted: every one of them will read in{' '}
            {values.currency} instead of {settings?.currency}.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
