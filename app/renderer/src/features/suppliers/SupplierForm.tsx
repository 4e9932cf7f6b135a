import { useState } from 'react';
import { SupplierCreateSchema, SupplierPatchSchema, type SupplierRow } from '../../../../../shared';
import { Field, FormMessage } from '../../components/Field';
import { call } from '../../lib/api';
import { useForm } from '../../lib/forms';

const EMPTY = { code: '', name: '', phone: '', address: '', region: '', notes: '' };

/** Create or edit a supplier; errors appear beside their fields. */
export function SupplierForm({
  supplier,
  onDone,
  onCancel,
}: {
  supplier?: SupplierRow;
  onDone(row: SupplierRow): void;
  onCancel(): void;
}) {
  const [values, setValues] = useState(
    supplier
      ? {
          code: supplier.code,
          name: supplier.name,
          phone: supplier.phone,
          address: supplier.address,
          region: supplier.region,
          notes: supplier.notes,
        }
      : EMPTY,
  );
  const form = useForm(supplier ? SupplierPatchSchema : SupplierCreateSchema);
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setValues({ ...values, [key]: e.target.value });

  async function save() {
    const saved = await form.submit(values, (input) =>
      supplier
        ? call('suppliers.update', { uuid: supplier.uuid, patch: input })
        : call('suppliers.create', input as never),
    );
    if (saved) onDone(saved);
  }

  return (
    <form
      className="card form"
      aria-label={supplier ? 'Edit supplier' : 'New supplier'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{supplier ? `Edit ${supplier.code}` : 'New supplier'}</h2>
      <div className="grid2">
        <Field
          label="Code"
          value={values.code}
          onChange={set('code')}
          error={form.errors.code}
          autoFocus
          placeholder="S-0042"
        />
        <Field label="Name" value={values.name} onChange={set('name')} error={form.errors.name} />
        <Field label="Phone" value={values.phone} onChange={set('phone')} error={form.errors.phone} />
        <Field label="Region" value={values.region} onChange={set('region')} error={form.errors.region} />
      </div>
      <Field label="Address" value={values.address} onChange={set('address')} error={form.errors.address} />
      <Field label="Notes" value={values.notes} onChange={set('notes')} error={form.errors.notes} />
      <FormMessage message={form.message} />
      <div className="row">
        <button type="submit" disabled={form.busy}>
          Save supplier
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
