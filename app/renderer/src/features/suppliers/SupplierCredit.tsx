import { can, CREDIT_KINDS, parseMoney, type CreditKind } from '../../../../../shared';
import { AddForm } from '../../components/AddForm';
import { Field, SelectField } from '../../components/Field';
import { call, useQuery } from '../../lib/api';
import { useAddForm } from '../../lib/forms';
import { useApp } from '../../lib/settings';

const KIND_LABELS: Record<CreditKind, string> = { loan: 'Loan', input: 'Inputs on credit' };
const FORM_FIELDS = ['kind', 'description', 'principal_minor', 'instalment_minor', 'issued_on'];
const empty = (today: string) => ({
  kind: 'loan' as CreditKind,
  description: '',
  principal: '',
  instalment: '',
  issued: today,
});

/** A supplier's loans and inputs on credit, with what remains after approved runs; a supervisor grants them. */
export function SupplierCredit({ supplierUuid }: { supplierUuid: string }) {
  const { money, session, settings, today } = useApp();
  const currency = settings?.currency ?? 'USD';
  const credits = useQuery('credits.list', { supplier_uuid: supplierUuid });
  const mayGrant = can(session?.user?.role, 'supplier_credits.create');
  const { values, setValues, errors, message, adding, setAdding, refuse, save } = useAddForm(
    () => empty(today()),
    FORM_FIELDS,
  );

  async function grant() {
    const principal = parseMoney(values.principal, currency, 'principal');
    const instalment = parseMoney(values.instalment, currency, 'instalment');
    if (!principal.ok || !instalment.ok) {
      refuse(
        {
          ...(principal.ok ? {} : { principal_minor: principal.error.replace(/^\S+ /, '') }),
          ...(instalment.ok ? {} : { instalment_minor: instalment.error.replace(/^\S+ /, '') }),
        },
        'Please correct the highlighted fields.',
      );
      return;
    }
    await save(() =>
      call('credits.create', {
        supplier_uuid: supplierUuid,
        kind: values.kind,
        description: values.description,
        principal_minor: principal.value,
        instalment_minor: instalment.value,
        issued_on: values.issued,
      }),
    );
  }

  return (
    <section aria-label="Credit">
      <h2>Credit</h2>
      {credits.data?.length ? (
        <table className="table" aria-label="Credit list">
          <thead>
            <tr>
              <th>Issued</th>
              <th>Credit</th>
              <th className="num">Principal</th>
              <th className="num">Instalment</th>
              <th className="num">Remaining</th>
            </tr>
          </thead>
          <tbody>
            {credits.data.map((c) => (
              <tr key={c.uuid}>
                <td>{c.issued_on}</td>
                <td>
                  {KIND_LABELS[c.kind]}: {c.name}
                </td>
                <td className="num">{money(c.principal_minor)}</td>
                <td className="num">{money(c.instalment_minor)}</td>
                <td className="num">{money(c.remaining_minor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No loans or inputs on credit.</p>
      )}
      {mayGrant ? (
        <AddForm what="credit" adding={adding} setAdding={setAdding} message={message} onSubmit={() => void grant()}>
          <SelectField
            label="Kind of credit"
            value={values.kind}
            onChange={(e) => setValues({ ...values, kind: e.target.value as CreditKind })}
            options={CREDIT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            error={errors.kind}
          />
          <Field
            label="What was given"
            value={values.description}
            onChange={(e) => setValues({ ...values, description: e.target.value })}
            error={errors.description}
          />
          <Field
            label={`Principal (${currency})`}
            inputMode="decimal"
            value={values.principal}
            onChange={(e) => setValues({ ...values, principal: e.target.value })}
            error={errors.principal_minor}
          />
          <Field
            label={`Instalment per run (${currency})`}
            inputMode="decimal"
            value={values.instalment}
            onChange={(e) => setValues({ ...values, instalment: e.target.value })}
            error={errors.instalment_minor}
          />
          <Field
            label="Issued on"
            type="date"
            value={values.issued}
            onChange={(e) => setValues({ ...values, issued: e.target.value })}
            error={errors.issued_on}
          />
        </AddForm>
      ) : null}
    </section>
  );
}
