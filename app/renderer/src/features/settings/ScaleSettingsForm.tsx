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
            <SelectField
              label="Output format"
              value={values.format}
              onChange={set('format')}
              error={errors.format}
              options={opts(SCALE_FORMATS, (f) => FORMAT_LABELS[f] ?? f)}
            />
            <SelectField
              label="Baud rate"
              value={values.baud_rate}
              onChange={set('baud_rate')}
              error={errors.baud_rate}
              options={opts(BAUD_RATES)}
            />
            <SelectField
              label="Data bits"
              value={values.data_bits}
              onChange={set('data_bits')}
              options={opts([8, 7])}
            />
            <SelectField
              label="Parity"
              value={values.parity}
              onChange={set('parity')}
              options={opts(['none', 'even', 'odd'])}
            />
            <SelectField
              label="Stop bits"
              value={values.stop_bits}
              onChange={set('stop_bits')}
              options={opts([1, 2])}
            />
            <SelectField
              label="Unit when the scale does not say"
              value={values.unit}
              onChange={set('unit')}
              options={opts(SCALE_UNITS)}
            />
            <SelectField
              label="Steady weight"
              value={values.stable_by}
              onChange={set('stable_by')}
              options={[
                { value: 'auto', label: 'The scale’s own “stable” flag where it sends one' },
                { value: 'repeat', label: 'Always count repeated readings' },
              ]}
            />
            <Field
              label="Readings in a row to be steady"
              inputMode="numeric"
              value={values.stable_count}
              onChange={set('stable_count')}
              error={errors.stable_count}
            />
            <Field
              label="Within (ms)"
              inputMode="numeric"
              value={values.stable_window_ms}
              onChange={set('stable_window_ms')}
              error={errors.stable_window_ms}
            />
            <Field
              label="Tolerance (thousandths)"
              inputMode="numeric"
              value={values.stable_tolerance_milli}
              onChange={set('stable_tolerance_milli')}
              error={errors.stable_tolerance_milli}
            />
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
