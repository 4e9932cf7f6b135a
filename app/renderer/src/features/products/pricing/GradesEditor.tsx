import { Cell, GroupError, removeAt, replaceAt, type EditorProps } from './cells';
import { emptyGrade, type GradeForm } from './rule-form';

/** Grades of the product (tea leaf A/B/C): code, label, rate per unit. */
export function GradesEditor({
  value,
  onChange,
  errors,
  path,
  currency,
  prefix = '',
}: EditorProps<GradeForm[]> & { currency: string; prefix?: string }) {
  const set = (i: number, patch: Partial<GradeForm>) => onChange(replaceAt(value, i, { ...value[i]!, ...patch }));
  return (
    <div className="editor-part">
      <table className="table compact" aria-label="Grades">
        <thead>
          <tr>
            <th>Grade code</th>
            <th>Label</th>
            <th className="num">Rate ({currency})</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {value.map((grade, i) => (
            <tr key={i}>
              <td>
                <Cell
                  label={`${prefix}Grade ${i + 1} code`}
                  value={grade.code}
                  onChange={(e) => set(i, { code: e.target.value })}
                  error={errors[`${path}.${i}.code`]}
                />
              </td>
              <td>
                <Cell
                  label={`${prefix}Grade ${i + 1} label`}
                  value={grade.label}
                  onChange={(e) => set(i, { label: e.target.value })}
                  error={errors[`${path}.${i}.label`]}
                />
              </td>
              <td>
                <Cell
                  label={`${prefix}Grade ${i + 1} rate`}
                  inputMode="decimal"
                  className="num"
                  value={grade.rate}
                  onChange={(e) => set(i, { rate: e.target.value })}
                  error={errors[`${path}.${i}.rate_minor`]}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="small secondary"
                  aria-label={`Remove ${prefix}grade ${i + 1}`}
                  onClick={() => onChange(removeAt(value, i))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <GroupError error={errors[path]} />
      <button type="button" className="small secondary" onClick={() => onChange([...value, emptyGrade()])}>
        Add grade
      </button>
    </div>
  );
}
