import { Cell, GroupError, removeAt, replaceAt, type EditorProps } from './cells';
import { emptyTare, type TareForm } from './rule-form';

/** Containers whose weight comes off the gross (a rope sack 1 kg, milk can no. 7 by its own weight). */
export function TaresEditor({
  value,
  onChange,
  errors,
  path,
  name = 'Containers',
  prefix = '',
  empty = 'No containers: the gross weight is the net weight.',
}: EditorProps<TareForm[]> & { name?: string; prefix?: string; empty?: string }) {
  const set = (i: number, patch: Partial<TareForm>) => onChange(replaceAt(value, i, { ...value[i]!, ...patch }));
  return (
    <div className="editor-part">
      {value.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <table className="table compact" aria-label={name}>
          <thead>
            <tr>
              <th>Container code</th>
              <th>Label</th>
              <th className="num">Tare (kg)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {value.map((tare, i) => (
              <tr key={i}>
                <td>
                  <Cell
                    label={`${prefix}Container ${i + 1} code`}
                    value={tare.code}
                    onChange={(e) => set(i, { code: e.target.value })}
                    error={errors[`${path}.${i}.code`]}
                  />
                </td>
                <td>
                  <Cell
                    label={`${prefix}Container ${i + 1} label`}
                    value={tare.label}
                    onChange={(e) => set(i, { label: e.target.value })}
                    error={errors[`${path}.${i}.label`]}
                  />
                </td>
                <td>
                  <Cell
                    label={`${prefix}Container ${i + 1} tare`}
                    inputMode="decimal"
                    className="num"
                    value={tare.tare}
                    onChange={(e) => set(i, { tare: e.target.value })}
                    error={errors[`${path}.${i}.tare_milli`]}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="small secondary"
                    aria-label={`Remove ${prefix}container ${i + 1}`}
                    onClick={() => onChange(removeAt(value, i))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <GroupError error={errors[path]} />
      <button type="button" className="small secondary" onClick={() => onChange([...value, emptyTare()])}>
        Add container
      </button>
    </div>
  );
}
