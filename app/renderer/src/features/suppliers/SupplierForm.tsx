import { useState } from 'react';
import { SupplierCreateSchema, SupplierPatchSchema, type SupplierRow } from '../../../../../shared';
import { Field, FormMessage, SelectField } from '../../components/Field';
import { call, useQuery } from '../../lib/api';
import { useForm } from '../../lib/forms';

const EMPTY = { code: '', name: '', phone: '', address: '', region: '', notes: '', route_uuid: '', centre_uuid: '' };

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
          route_uuid: supplier.route_uuid ?? '',
          centre_uuid: supplier.centre_uuid ?? '',
        }
      : EMPTY,
  );
  const form = useForm(supplier ? SupplierPatchSchema : SupplierCreateSchema);
  const routes = useQuery('routes.list', {});
  const centres = useQuery('centres.list', {});
  /** Active places, plus the supplier's own even if deactivated since, so editing never drops it silently. */
  const choices = (list: { uuid: string; code: string; name: string }[] | null, current: string, none: string) => [
    { value: '', label: none },
    ...(list ?? []).map((p) => ({ value: p.uuid, label: `${p.code} — ${p.name}` })),
    ...(current && !(list ?? []).some((p) => p.uuid === current) ? [{ value: current, label: '(inactive)' }] : []),
  ];
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setValues({ ...values, [key]: e.target.value });

  async function save() {
    const input = { ...values, route_uuid: values.route_uuid || null, centre_uuid: values.centre_uuid || null };
    const saved = await form.submit(input, (input) =>
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
        <SelectField
          label="Route"
          value={values.route_uuid}
          onChange={set('route_uuid')}
          options={choices(routes.data, values.route_uuid, '(no route)')}
          error={form.errors.route_uuid}
        />
        <SelectField
          label="Centre"
          value={values.centre_uuid}
          onChange={set('centre_uuid')}
          options={choices(centres.data, values.centre_uuid, '(no centre)')}
          error={form.errors.centre_uuid}
        />
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
