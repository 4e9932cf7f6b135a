import type { EditorProps } from './cells';
import { EditableRows } from './EditableRows';
import { emptyGrade, type GradeForm } from './rule-form';

/** Grades of the product (tea leaf A/B/C): code, label, rate per unit. */
export function GradesEditor({
  currency,
  prefix = '',
  ...editor
}: EditorProps<GradeForm[]> & { currency: string; prefix?: string }) {
  return (
    <EditableRows
      {...editor}
      name="Grades"
      noun="Grade"
      prefix={prefix}
      blank={emptyGrade}
      columns={[
        { field: 'code', header: 'Grade code', cell: 'code' },
        { field: 'label', header: 'Label', cell: 'label' },
        { field: 'rate', header: `Rate (${currency})`, cell: 'rate', errorKey: 'rate_minor', numeric: true },
      ]}
    />
  );
}
