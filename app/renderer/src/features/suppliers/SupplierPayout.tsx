import { useState } from 'react';
import { can, PAYOUT_METHODS, type PayoutMethod, type SupplierRow } from '../../../../../shared';
import { Field, FormMessage, SelectField } from '../../components/Field';
import { ApiError, call } from '../../lib/api';
import { failureMessage } from '../../lib/failure';
import { useApp } from '../../lib/settings';

const METHOD_LABELS: Record<PayoutMethod, string> = {
  none: 'Cash (no payout file)',
  bank: 'Bank transfer',
  mobile: 'Mobile money',
};
const FIELDS = ['payout_method', 'bank_account_name', 'bank_account_number', 'bank_code', 'mobile_phone'] as const;
type Values = Pick<SupplierRow, (typeof FIELDS)[number]>;

/** How settlement runs pay this supplier: the payout files take the details from here. */
export function SupplierPayout({ supplier, onSaved }: { supplier: SupplierRow; onSaved(): void }) {
  const { session } = useApp();
  const mayEdit = can(session?.user?.role, 'suppliers.update');
  const initial = (): Values => ({
    payout_method: supplier.payout_method,
    bank_account_name: supplier.bank_account_name,
    bank_account_number: supplier.bank_account_number,
    bank_code: supplier.bank_code,
    mobile_phone: supplier.mobile_phone,
  });
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [editing, setEditing] = useState(false);
  const set = (field: keyof Values, value: string) => setValues({ ...values, [field]: value });

  async function save() {
    try {
      await call('suppliers.update', { uuid: supplier.uuid, patch: values });
      setErrors({});
      setMessage(null);
      setSaved(true);
      setEditing(false);
      onSaved();
    } catch (error) {
      setSaved(false);
      setErrors(error instanceof ApiError ? error.fields : {});
      setMessage(failureMessage(error, FIELDS));
    }
  }

  if (!editing)
    return (
      <section aria-label="Payout details">
        <h2>Payout details</h2>
        <p>
          {METHOD_LABELS[supplier.payout_method]}
          {supplier.payout_method === 'mobile' ? ` · ${supplier.mobile_phone}` : ''}
          {supplier.payout_method === 'bank' ? ` · ${supplier.bank_code} ${supplier.bank_account_number}` : ''}
        </p>
        {saved ? <p role="status">Payout details saved.</p> : null}
        {mayEdit ? (
          <button type="button" className="secondary" onClick={() => setEditing(true)}>
            Edit payout details
          </button>
        ) : null}
      </section>
    );

  return (
    <form
      className="card form"
      aria-label="Payout details"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>Payout details</h2>
      <div className="grid2">
        <SelectField
          label="Paid by"
          value={values.payout_method}
          disabled={!mayEdit}
          onChange={(e) => set('payout_method', e.target.value)}
          options={PAYOUT_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
          error={errors.payout_method}
        />
        <Field
          label="Mobile-money number"
          placeholder="+254712345678"
          value={values.mobile_phone}
          disabled={!mayEdit}
          onChange={(e) => set('mobile_phone', e.target.value)}
          error={errors.mobile_phone}
        />
        <Field
          label="Bank account number"
          value={values.bank_account_number}
          disabled={!mayEdit}
          onChange={(e) => set('bank_account_number', e.target.value)}
          error={errors.bank_account_number}
        />
        <Field
          label="Bank code"
          value={values.bank_code}
          disabled={!mayEdit}
          onChange={(e) => set('bank_code', e.target.value)}
          error={errors.bank_code}
        />
        <Field
          label="Name on the account (if not the supplier's)"
          value={values.bank_account_name}
          disabled={!mayEdit}
          onChange={(e) => set('bank_account_name', e.target.value)}
          error={errors.bank_account_name}
        />
      </div>
      <FormMessage message={message} />
      <div className="row">
        <button type="submit">Save payout details</button>
        <button type="button" className="secondary" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
