import { useEffect, useRef, useState } from 'react';
import {
  parseMoney,
  PAYMENT_METHODS,
  PAYMENT_TYPES,
  type PaymentMethod,
  type PaymentType,
  type SupplierRow,
} from '../../../../../shared';
import type { Balance, PaymentView } from '../../../../../shared/ipc/types';
import type { Screen } from '../../App';
import { AwaitingBadge, useAwaiting } from '../../components/AwaitingBadge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field, SelectField } from '../../components/Field';
import { Notice, useNotice } from '../../components/Notice';
import { SupplierPicker } from '../../components/SupplierPicker';
import { useVoidRight, VoidButton, VoidStatus } from '../../components/VoidControl';
import { ApiError, call, useQuery } from '../../lib/api';
import { failureMessage, pleaseCorrect } from '../../lib/failure';
import { useApp } from '../../lib/settings';
import { dayLabel, readTypedTime, typedTimeProblem, zoneDay } from '../../lib/when';
import { WhenField } from '../../components/WhenField';

const label = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/**
 * Record a payment seeing the balance before and after; void a wrong one with a reason (supervisors). Keyboard:
 * focus starts in Supplier, Enter on a picked supplier moves to Amount, Enter saves, and focus returns to
 * Supplier for the next payment.
 */
export function PaymentsScreen({ supplierUuid, go }: { supplierUuid?: string; go(screen: Screen): void }) {
  const { money, settings, session, when } = useApp();
  const [supplier, setSupplier] = useState<SupplierRow | null>(null);
  const [amount, setAmount] = useState('');
  const [type, setType] = useState<PaymentType>('partial');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  /** The slip's date and time on the org's clock ('' = now): yesterday's slips are entered with their own date. */
  const [paidAt, setPaidAt] = useState('');
  const [balance, setBalance] = useState<Balance | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const outcome = useNotice();
  const [voiding, setVoiding] = useState<PaymentView | null>(null);
  const supplierInput = useRef<HTMLInputElement>(null);
  const amountInput = useRef<HTMLInputElement>(null);
  const list = useQuery(
    'payments.list',
    { includeVoided: true, limit: 100, ...(supplier ? { supplier_uuid: supplier.uuid } : { today: true }) },
    [supplier?.uuid],
  );
  const voidRight = useVoidRight('payments.void', 'payments');
  const awaiting = useAwaiting();
  const currency = settings?.currency ?? 'USD';

  useEffect(() => {
    if (!supplierUuid) {
      supplierInput.current?.focus();
      return;
    }
    call('suppliers.get', { uuid: supplierUuid }).then(
      (row) => {
        setSupplier(row);
        amountInput.current?.focus();
      },
      () => undefined,
    );
  }, [supplierUuid]);
  useEffect(() => {
    if (!supplier) return setBalance(null);
    call('balances.of', { supplier_uuid: supplier.uuid }).then(setBalance, () => setBalance(null));
  }, [supplier, outcome.notice]);

  const zone = session?.orgTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const now = new Date();
  const typed = paidAt ? readTypedTime(paidAt, zone) : null;
  const typedError = typed && 'error' in typed ? typed.error : undefined;
  const backDated = paidAt !== '' && zoneDay(paidAt, zone) !== zoneDay(now, zone);
  const parsed = amount ? parseMoney(amount, currency) : null;
  const after = balance && parsed?.ok ? balance.balance_minor - parsed.value : null;

  async function save() {
    const next: Record<string, string> = {};
    if (!supplier) next.supplier = 'Pick a supplier';
    const value = parseMoney(amount, currency);
    if (!value.ok) next.amount = value.error.replace(/^amount /, '');
    else if (value.value <= 0) next.amount = 'must be greater than zero';
    if (typedError) next.paid_at = typedError;
    else if (typed && 'at' in typed && typedTimeProblem(typed.at)) next.paid_at = typedTimeProblem(typed.at)!;
    setErrors(next);
    if (Object.keys(next).length || !supplier || !value.ok) {
      outcome.fail(pleaseCorrect(Object.keys(next).length));
      return;
    }
    try {
      const row = await call('payments.create', {
        supplier_uuid: supplier.uuid,
        amount_minor: value.value,
        type,
        method,
        reference,
        ...(typed && 'at' in typed ? { paid_at: typed.at.toISOString() } : {}),
      });
      const dated = paidAt ? ` — dated ${dayLabel(zoneDay(paidAt, zone))} ${paidAt.slice(11)}` : '';
      outcome.ok(
        `Paid ${money(row.amount_minor)} to ${supplier.code}${row.reference ? ` (${row.reference})` : ''}${dated}`,
      );
      setAmount('');
      setReference('');
      supplierInput.current?.focus();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {};
      setErrors({
        ...(fields.supplier_uuid ? { supplier: fields.supplier_uuid } : {}),
        ...(fields.amount_minor ? { amount: fields.amount_minor } : {}),
        ...(fields.reference ? { reference: fields.reference } : {}),
        ...(fields.paid_at ? { paid_at: fields.paid_at } : {}),
      });
      outcome.fail(failureMessage(error, ['supplier_uuid', 'amount_minor', 'reference', 'paid_at']));
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
          <SupplierPicker
            value={supplier}
            onChange={setSupplier}
            error={errors.supplier}
            inputRef={supplierInput}
            onPicked={() => amountInput.current?.focus()}
          />
          <Field
            label={`Amount (${currency})`}
            ref={amountInput}
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            error={errors.amount}
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
            autoComplete="off"
            onChange={(e) => setReference(e.target.value)}
            error={errors.reference}
            placeholder="Receipt or M-Pesa / bank transaction number"
          />
          <WhenField
            when={paidAt}
            now={now}
            timeZone={zone}
            error={typedError ?? errors.paid_at}
            onChange={(value) => {
              setErrors(({ paid_at: _stale, ...rest }) => rest);
              setPaidAt(value);
            }}
            onEnter={() => supplierInput.current?.focus()}
          />
        </div>
        <p
          id="entry-when-note"
          className={backDated ? 'backdated-note' : 'muted small'}
          data-testid="payment-date"
          aria-live="polite"
        >
          {backDated
            ? `Back-dated: payments you record now are dated ${dayLabel(zoneDay(paidAt, zone))} ${paidAt.slice(11)}, not today.`
            : paidAt
              ? `Dated earlier today, ${paidAt.slice(11)}.`
              : 'Dated now. Change the date and time to enter an earlier day’s payment slips.'}
        </p>
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
        <Notice notice={outcome.notice} />
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
              <td className="nowrap">{when(p.paid_at)}</td>
              <td>
                {p.supplier_code} {p.supplier_name}
                {awaiting.has(p.uuid) ? <AwaitingBadge /> : null}
              </td>
              <td>{p.type}</td>
              <td>{p.method}</td>
              <td className="wrap">{p.reference}</td>
              <td className="num">{p.voided_at ? <del>{money(p.amount_minor)}</del> : money(p.amount_minor)}</td>
              <td>
                <div className="row nowrap">
                  <button
                    type="button"
                    className="small secondary"
                    onClick={() => go({ name: 'reports', preset: { kind: 'receipt', payment_uuid: p.uuid } })}
                  >
                    Receipt
                  </button>
                  {p.voided_at ? null : <VoidButton id={p.uuid} right={voidRight} onVoid={() => setVoiding(p)} />}
                </div>
                <VoidStatus id={p.uuid} voided={Boolean(p.voided_at)} reason={p.void_reason} right={voidRight} />
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
            outcome.ok(`Voided ${money(voiding.amount_minor)} to ${voiding.supplier_code}`);
          }}
        >
          <p>
            {money(voiding.amount_minor)} to {voiding.supplier_code} {voiding.supplier_name} on {when(voiding.paid_at)}.
            The payment stays on the ledger, struck through with your reason, and no longer counts in the balance.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
