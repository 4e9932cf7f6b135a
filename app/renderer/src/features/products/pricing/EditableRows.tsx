import { Cell, GroupError, removeAt, replaceAt, type EditorProps } from './cells';

/** One column of an editable table: the row's text field it edits and how it is named. */
interface RowColumn<T> {
  field: keyof T & string;
  header: string;
  /** The last word of each cell's label ("Grade 2 rate"). */
  cell: string;
  /** The schema's name for the field where it differs (rate → rate_minor), for its errors. */
  errorKey?: string;
  numeric?: boolean;
}

interface Props<T> extends EditorProps<T[]> {
  /** The table's name for screen readers ("Grades"). */
  name: string;
  /** What a row is ("Grade"): labels its cells and the Remove and Add buttons. */
  noun: string;
  columns: RowColumn<T>[];
  blank(): T;
  /** Shown instead of an empty table, where no rows means something. */
  empty?: string;
  prefix?: string;
}

/** A table of rows of text fields, each with Remove, and Add below: grades, containers. Errors by schema path. */
export function EditableRows<T extends Record<keyof T, string>>({
  value,
  onChange,
  errors,
  path,
  name,
  noun,
  columns,
  blank,
  empty,
  prefix = '',
}: Props<T>) {
  const lower = noun.toLowerCase();
  const set = (i: number, field: keyof T, text: string) =>
    onChange(replaceAt(value, i, { ...value[i]!, [field]: text }));
  return (
    <div className="editor-part">
      {value.length === 0 && empty !== undefined ? (
        <p className="muted small">{empty}</p>
      ) : (
        <table className="table compact" aria-label={name}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.field} className={c.numeric ? 'num' : undefined}>
                  {c.header}
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {value.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.field}>
                    <Cell
                      label={`${prefix}${noun} ${i + 1} ${c.cell}`}
                      {...(c.numeric ? { inputMode: 'decimal' as const, className: 'num' } : {})}
                      value={row[c.field]}
                      onChange={(e) => set(i, c.field, e.target.value)}
                      error={errors[`${path}.${i}.${c.errorKey ?? c.field}`]}
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="small secondary"
                    aria-label={`Remove ${prefix}${lower} ${i + 1}`}
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
      <button type="button" className="small secondary" onClick={() => onChange([...value, blank()])}>
        Add {lower}
      </button>
    </div>
  );
}
