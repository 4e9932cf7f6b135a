import { Cell, type EditorProps } from './cells';
import type { ReadingForm } from './rule-form';

/** One quality reading: its key, label, decimals, and the plausible range (catches a slipped decimal point). */
export function ReadingEditor({ value, onChange, errors, path, name }: EditorProps<ReadingForm> & { name: string }) {
  const set = (patch: Partial<ReadingForm>) => onChange({ ...value, ...patch });
  const cell = (key: keyof ReadingForm, label: string, extra: { inputMode?: 'decimal' | 'numeric' } = {}) => (
    <label className="reading__part">
      <span>{label}</span>
      <Cell
        label={`${name} ${label.toLowerCase()}`}
        value={value[key]}
        onChange={(e) => set({ [key]: e.target.value })}
        error={errors[`${path}.${key}`]}
        {...extra}
      />
    </label>
  );
  return (
    <div className="reading" role="group" aria-label={name}>
      {cell('key', 'Key')}
      {cell('label', 'Label')}
      {cell('scale', 'Decimals', { inputMode: 'numeric' })}
      {cell('min', 'Lowest', { inputMode: 'decimal' })}
      {cell('max', 'Highest', { inputMode: 'decimal' })}
    </div>
  );
}
