import { useEffect, useState } from 'react';
import {
  can,
  parseMoney,
  PAYMENT_METHODS,
  PAYMENT_TYPES,
  type PaymentMethod,
  type PaymentType,
  type SupplierRow,
} from '../../../../../shared';
import type { Balance, PaymentView } from '../../../../../shared/ipc/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field, FormMessage, SelectField } from '../../components/Field';
import { SupplierPicker } from '../../components/SupplierPicker';
import { ApiError, call, useQuery } from '../../lib/api';
import { formatWhen, useApp } from '../../lib/settings';
import type { Screen } from '../../App';

const label = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Record a payment seeing the balance before and after; void a wrong one with a reason (supervisor). */
export function PaymentsScreen({ supplierUuid, go }: { supplierUuid?: string; go(screen: Screen): void }) {
  const { money, settings, session } = useApp();
  const [supplier, setSupplier] = useState<SupplierRow | null>(null);
  const [amount, setAmount] = useState('');
  const [type, setType] = useState<PaymentType>('partial');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  const [balance, setBalance] = useState<Balance | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [voiding, setVoiding] = useState<PaymentView | null>(null);
  const list = useQuery(
    'payments.list',
    { includeVoided: true, limit: 100, ...(supplier ? { supplier_uuid: supplier.uuid } : { today: true }) },
    [supplier?.uuid],
  );
  const canVoid = can(session?.user?.role, 'payments.void');
  const awaiting = useQuery('conflicts.openEntities', {});

  useEffect(() => {
    if (supplierUuid) call('suppliers.get', { uuid: supplierUuid }).then(setSupplier, () => undefined);
  }, [supplierUuid]);
  useEffect(() => {
    if (!supplier) return setBalance(null);
    call('balances.of', { supplier_uuid: supplier.uuid }).then(setBalance, () => setBalance(null));
  }, [supplier, saved]);

  const parsed = amount ? parseMoney(amount, settings?.currency ?? 'USD') : null;
  const after = balance && parsed?.ok ? balance.balance_minor - parsed.value : null;

  async function save() {
    const next: Record<string, string> = {};
    if (!supplier) next.supplier = 'Pick a supplier';
    const value = parseMoney(amount, settings?.currency ?? 'USD');
    if (!value.ok) next.amount = value.error.replace(/^amount /, '');
    else if (value.value <= 0) next.amount = 'must be greater than zero';
    setErrors(next);
    if (Object.keys(next).length || !supplier || !value.ok) return;
    try {
      const row = await call('payments.create', {
        supplier_uuid: supplier.uuid,
        amount_minor: value.value,
        type,
        method,
        reference,
      });
      setSaved(`Paid ${money(row.amount_minor)} to ${supplier.code}`);
      setAmount('');
      setReference('');
      setMessage(null);
    } catch (error) {
      if (error instanceof ApiError)
        setErrors({ amount: error.fields.amount_minor ?? '', reference: error.fields.reference ?? '' });
      setMessage((error as Error).message);
    }
  }

  return (
    <section>
      <h1>Payments</h1>
      <form
        className="card form"
        aria-label="Payment"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="grid2">
          <SupplierPicker value={supplier} onChange={setSupplier} error={errors.supplier} />
          <Field
            label={`Amount (${settings?.currency ?? 'USD'})`}
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            error={errors.amount || undefined}
          />
          <SelectField
            label="Type"
            value={type}
            onChange={(e) => setType(e.target.value as PaymentType)}
            options={PAYMENT_TYPES.map((t) => ({ value: t, label: label(t) }))}
          />
          <SelectField
            label="Method"
            value={method}
            onChange={(e) => setMethod(e.target.value as PaymentMethod)}
            options={PAYMENT_METHODS.map((m) => ({ value: m, label: label(m) }))}
          />
          <Field
            label="Reference"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            error={errors.reference || undefined}
            placeholder="Receipt or transaction number"
          />
        </div>
        {balance ? (
          <p className="balance-preview" data-testid="balance-preview">
            Balance before: <strong>{money(balance.balance_minor)}</strong>
            {after !== null ? (
              <>
                {' '}
                · after: <strong>{money(after)}</strong>
              </>
            ) : null}
          </p>
        ) : null}
        <FormMessage message={message} />
        {saved ? (
          <p className="ok" role="status">
            {saved}
          </p>
        ) : null}
        <button type="submit">Record payment</button>
      </form>
      <h2>{supplier ? `Payments to ${supplier.code}` : 'Today’s payments'}</h2>
      <table className="table" aria-label="Payments">
        <thead>
          <tr>
            <th>Paid</th>
            <th>Supplier</th>
            <th>Type</th>
            <th>Method</th>
            <th>Reference</th>
            <th className="num">Amount</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list.data?.rows ?? []).map((p) => (
            <tr key={p.uuid} className={p.voided_at ? 'voided' : ''}>
              <td>{formatWhen(p.paid_at)}</td>
              <td>
                {p.supplier_code} {p.supplier_name}
              </td>
              <td>{p.type}</td>
              <td>{p.method}</td>
              <td>{p.reference}</td>
              <td className="num">
                {money(p.amount_minor)}
                {awaiting.data?.includes(p.uuid) ? (
                  <>
                    {' '}
                    <span className="badge">awaiting supervisor</span>
                  </>
                ) : null}
              </td>
              <td className="row">
                <button
                  type="button"
                  className="small secondary"
                  onClick={() => go({ name: 'reports', preset: { kind: 'receipt', payment_uuid: p.uuid } })}
                >
                  Receipt
                </button>
                {p.voided_at ? (
                  <span title={p.void_reason ?? ''}>Void: {p.void_reason}</span>
                ) : canVoid ? (
                  <button type="button" className="danger small" onClick={() => setVoiding(p)}>
                    Void
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {voiding ? (
        <ConfirmDialog
          title="Void this payment?"
          confirmLabel="Void payment"
          reasonLabel="Reason"
          onCancel={() => setVoiding(null)}
          onConfirm={async (reason) => {
            await call('payments.void', { uuid: voiding.uuid, reason });
            setVoiding(null);
            setSaved(`Voided ${money(voiding.amount_minor)} to ${voiding.supplier_code}`);
          }}
        >
          <p>
            {money(voiding.amount_minor)} to {voiding.supplier_code} {voiding.supplier_name} on{' '}
            {formatWhen(voiding.paid_at)}. The payment stays on the ledger, marked void, and no longer counts in the
            balance.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
