import { can, CHARGE_KINDS, describeChargeValue, parseChargeValue, type ChargeKind } from '../../../../../shared';
import { AddForm } from '../../components/AddForm';
import { Field, SelectField } from '../../components/Field';
import { call, useQuery } from '../../lib/api';
import { useAddForm } from '../../lib/forms';
import { useApp } from '../../lib/settings';

const KIND_LABELS: Record<ChargeKind, string> = {
  percent: 'Percent of gross',
  per_unit: 'Amount per unit of one product',
  fixed: 'Fixed amount per supplier per run',
};
const FORM_FIELDS = ['code', 'name', 'kind', 'value', 'product_uuid', 'sort_order', 'active_from', 'active_to'];
const empty = (today: string) => ({
  code: '',
  name: '',
  kind: 'percent' as ChargeKind,
  value: '',
  product: '',
  order: '100',
  from: today,
  to: '',
});

/** Levies and fees runs deduct from pay, in their order; a supervisor keeps them. */
export function ChargesPanel() {
  const { session, settings, today } = useApp();
  const currency = settings?.currency ?? 'USD';
  const charges = useQuery('charges.list', {});
  const products = useQuery('products.list', { includeInactive: true });
  const mayEdit = can(session?.user?.role, 'charges.create');
  const { values, setValues, errors, message, adding, setAdding, refuse, save } = useAddForm(
    () => empty(today()),
    FORM_FIELDS,
  );
  const productOf = (uuid: string | null) => products.data?.find((p) => p.uuid === uuid);

  async function add() {
    const value = parseChargeValue(values.kind, values.value, currency);
    if (!value.ok) {
      refuse({ value: value.error.replace(/^\S+ /, '') }, 'Please correct the highlighted field.');
      return;
    }
    await save(() =>
      call('charges.create', {
        code: values.code,
        name: values.name,
        kind: values.kind,
        value: value.value,
        product_uuid: values.product || null,
        sort_order: Number(values.order),
        active_from: values.from,
        active_to: values.to || null,
      }),
    );
  }

  return (
    <section aria-label="Charges">
      <h2>Charges</h2>
      <p className="muted small">
        Deducted from pay by every settlement run, in this order, after brought-forward amounts, advances and part
        payments, and before credit instalments.
      </p>
      <table className="table" aria-label="Charges list">
        <thead>
          <tr>
            <th className="num">Order</th>
            <th>Code</th>
            <th>Name</th>
            <th>Charge</th>
            <th>Product</th>
            <th>Active</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(charges.data ?? []).map((c) => (
            <tr key={c.uuid}>
              <td className="num">{c.sort_order}</td>
              <td>{c.code}</td>
              <td>{c.name}</td>
              <td>{describeChargeValue(c.kind, c.value, currency, productOf(c.product_uuid)?.unit)}</td>
              <td>{productOf(c.product_uuid)?.code ?? 'all'}</td>
              <td>
                {c.active_from} – {c.active_to ?? 'on'}
              </td>
              <td>
                {mayEdit ? (
                  <button
                    type="button"
                    className="small secondary"
                    onClick={() => void call('charges.remove', { uuid: c.uuid })}
                  >
                    Remove
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
          {charges.data?.length === 0 ? (
            <tr>
              <td colSpan={7} className="muted">
                No charges: runs pay gross less payments and credit.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {mayEdit ? (
        <AddForm
          what="charge"
          heading
          adding={adding}
          setAdding={setAdding}
          message={message}
          onSubmit={() => void add()}
        >
          <Field
            label="Charge code"
            value={values.code}
            onChange={(e) => setValues({ ...values, code: e.target.value })}
            error={errors.code}
          />
          <Field
            label="Charge name"
            value={values.name}
            onChange={(e) => setValues({ ...values, name: e.target.value })}
            error={errors.name}
          />
          <SelectField
            label="Kind"
            value={values.kind}
            onChange={(e) => setValues({ ...values, kind: e.target.value as ChargeKind })}
            options={CHARGE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            error={errors.kind}
          />
          <Field
            label={values.kind === 'percent' ? 'Percent' : `Amount (${currency})`}
            inputMode="decimal"
            value={values.value}
            onChange={(e) => setValues({ ...values, value: e.target.value })}
            error={errors.value}
          />
          <SelectField
            label="Product"
            value={values.product}
            onChange={(e) => setValues({ ...values, product: e.target.value })}
            options={[
              { value: '', label: values.kind === 'per_unit' ? 'Choose a product' : 'All products' },
              ...(products.data ?? []).map((p) => ({ value: p.uuid, label: `${p.code} ${p.name}` })),
            ]}
            error={errors.product_uuid}
          />
          <Field
            label="Order"
            inputMode="numeric"
            value={values.order}
            onChange={(e) => setValues({ ...values, order: e.target.value })}
            error={errors.sort_order}
          />
          <Field
            label="Active from"
            type="date"
            value={values.from}
            onChange={(e) => setValues({ ...values, from: e.target.value })}
            error={errors.active_from}
          />
          <Field
            label="Active until"
            type="date"
            value={values.to}
            onChange={(e) => setValues({ ...values, to: e.target.value })}
            error={errors.active_to}
          />
        </AddForm>
      ) : null}
    </section>
  );
}
