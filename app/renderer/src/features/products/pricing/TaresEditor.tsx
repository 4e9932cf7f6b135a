import type { EditorProps } from './cells';
import { EditableRows } from './EditableRows';
import { emptyTare, type TareForm } from './rule-form';

/** Containers whose weight comes off the gross (a rope sack 1 kg, milk can no. 7 by its own weight). */
export function TaresEditor({
  name = 'Containers',
  prefix = '',
  empty = 'No containers: the gross weight is the net weight.',
  ...editor
}: EditorProps<TareForm[]> & { name?: string; prefix?: string; empty?: string }) {
  return (
    <EditableRows
      {...editor}
      name={name}
      noun="Container"
      prefix={prefix}
      empty={empty}
      blank={emptyTare}
      columns={[
        { field: 'code', header: 'Container code', cell: 'code' },
        { field: 'label', header: 'Label', cell: 'label' },
        { field: 'tare', header: 'Tare (kg)', cell: 'tare', errorKey: 'tare_milli', numeric: true },
      ]}
    />
  );
}
