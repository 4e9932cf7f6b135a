import { useEffect, useState } from 'react';
import {
  BAUD_RATES,
  fieldErrorsOf,
  SCALE_FORMATS,
  SCALE_UNITS,
  ScaleSettingsSchema,
  type ScaleSettings,
} from '../../../../../shared';
import { Field, FormMessage, SelectField } from '../../components/Field';
import { call, useQuery } from '../../lib/api';
import { failureMessage, pleaseCorrect } from '../../lib/failure';
import { useApp } from '../../lib/settings';
import { LiveWeight } from '../scale/LiveWeight';
import { useScale } from '../scale/useScale';

/** The form's values: numbers as text while typed. */
type Draft = Record<keyof ScaleSettings, string>;

const DEFAULTS: Draft = Object.fromEntries(
  Object.entries(ScaleSettingsSchema.parse({ port: '-', baud_rate: 9600, format: 'st-gs' })).map(([k, v]) => [
    k,
    k === 'port' ? '' : String(v),
  ]),
) as Draft;
const NUMERIC = new Set([
  'baud_rate',
  'data_bits',
  'stop_bits',
  'stable_count',
  'stable_window_ms',
  'stable_tolerance_milli',
]);
const FORMAT_LABELS: Record<string, string> = {
  'st-gs': 'ST,GS,+ 12.345kg (A&D style)',
  plain: 'Plain weight: 12.345 kg',
  toledo: 'Mettler Toledo continuous',
};
const opts = (values: readonly (string | number)[], label = (v: string) => v) =>
  values.map((v) => ({ value: String(v), label: label(String(v)) }));

function draftOf(settings: ScaleSettings | null): Draft {
  if (!settings) return DEFAULTS;
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, String(v)])) as Draft;
}

/**
 * The desk's serial scale: the port (from the ports the system lists, or typed), the line settings, the scale's
 * output format and how a steady weight is recognised. Saved in the desk's settings; main restarts the reader,
 * and the live weight below shows at once whether the settings are right.
 */
export function ScaleSettingsForm() {
  const { settings, setSettings } = useApp();
  const ports = useQuery('scale.ports', {});
  const scale = useScale();
  const [enabled, setEnabled] = useState(Boolean(settings?.scale));
  const [values, setValues] = useState<Draft>(() => draftOf(settings?.scale ?? null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setEnabled(Boolean(settings?.scale));
    setValues(draftOf(settings?.scale ?? null));
  }, [settings?.scale]);
  const set = (key: keyof ScaleSettings) => (e: { target: { value: string } }) => {
    setSaved(false);
    setValues((v) => ({ ...v, [key]: e.target.value }));
  };

  /** A setting picked from a list, and a count typed: each bound to its value in the draft and its error. */
  const select = (key: keyof ScaleSettings, label: string, options: { value: string; label: string }[]) => (
    <SelectField label={label} value={values[key]} onChange={set(key)} error={errors[key]} options={options} />
  );
  const count = (key: keyof ScaleSettings, label: string) => (
    <Field label={label} inputMode="numeric" value={values[key]} onChange={set(key)} error={errors[key]} />
  );

  async function save() {
    setSaved(false);
    let scaleSettings: ScaleSettings | null = null;
    if (enabled) {
      const input = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, NUMERIC.has(k) && /^\d+$/.test(v.trim()) ? Number(v) : v]),
      );
      const parsed = ScaleSettingsSchema.safeParse(input);
      if (!parsed.success) {
        const fields = fieldErrorsOf(parsed.error, input);
        setErrors(fields);
        setMessage(pleaseCorrect(Object.keys(fields).length));
        return;
      }
      scaleSettings = parsed.data;
    }
    try {
      setSettings(await call('settings.set', { scale: scaleSettings }));
      setErrors({});
      setMessage(null);
      setSaved(true);
    } catch (error) {
      setMessage(failureMessage(error));
    }
  }

  return (
    <form
      className="card form"
      aria-label="Scale"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>Scale</h2>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> This desk has a scale
        on a serial (RS-232 / USB-serial) port
      </label>
      {enabled ? (
        <>
          <div className="grid2">
            <Field
              label="Port"
              list="scale-ports"
              value={values.port}
              onChange={set('port')}
              error={errors.port}
              placeholder="/dev/ttyUSB0 or COM3"
              hint={
                ports.data?.length
                  ? `Ports found: ${ports.data.map((p) => p.label).join('; ')}`
                  : 'No serial port found: plug the scale in, or type its port.'
              }
            />
            <datalist id="scale-ports">
              {(ports.data ?? []).map((p) => (
                <option key={p.path} value={p.path}>
                  {p.label}
                </option>
              ))}
            </datalist>
            {select(
              'format',
              'Output format',
              opts(SCALE_FORMATS, (f) => FORMAT_LABELS[f] ?? f),
            )}
            {select('baud_rate', 'Baud rate', opts(BAUD_RATES))}
            {select('data_bits', 'Data bits', opts([8, 7]))}
            {select('parity', 'Parity', opts(['none', 'even', 'odd']))}
            {select('stop_bits', 'Stop bits', opts([1, 2]))}
            {select('unit', 'Unit when the scale does not say', opts(SCALE_UNITS))}
            {select('stable_by', 'Steady weight', [
              { value: 'auto', label: 'The scale’s own “stable” flag where it sends one' },
              { value: 'repeat', label: 'Always count repeated readings' },
            ])}
            {count('stable_count', 'Readings in a row to be steady')}
            {count('stable_window_ms', 'Within (ms)')}
            {count('stable_tolerance_milli', 'Tolerance (thousandths)')}
          </div>
          <LiveWeight status={scale.status} latest={scale.latest} />
        </>
      ) : null}
      <FormMessage message={message} />
      {saved ? (
        <p className="ok" role="status">
          Scale settings saved.
        </p>
      ) : null}
      <button type="submit">Save scale settings</button>
    </form>
  );
}
