import { useState } from 'react';
import { voidNote } from '../../../../../shared';
import type { Screen } from '../../App';
import { useQuery } from '../../lib/api';
import { qty, useApp } from '../../lib/settings';
import { AwaitingBadge, useAwaiting } from '../../components/AwaitingBadge';
import { Notice, useNotice } from '../../components/Notice';
import { VoidButton, VoidStatus } from '../../components/VoidControl';
import {
  useCollectionVoidRight,
  VoidCollectionDialog,
  type CollectionToVoid,
} from '../collections/VoidCollectionDialog';
import { SupplierForm } from './SupplierForm';
import { SupplierCredit } from './SupplierCredit';
import { SupplierPayout } from './SupplierPayout';
import { SupplierPayslips } from './SupplierPayslips';

/** A supplier's details, balance and ledger with running balance; a supervisor voids a wrong collection here. */
export function SupplierDetail({ uuid, go }: { uuid: string; go(screen: Screen): void }) {
  const { money, when } = useApp();
  const [editing, setEditing] = useState(false);
  const { data, error, reload } = useQuery('suppliers.ledger', { uuid });
  const awaiting = useAwaiting();
  const voidRight = useCollectionVoidRight();
  const [voiding, setVoiding] = useState<CollectionToVoid | null>(null);
  const voided = useNotice();
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p>Loading…</p>;
  const { supplier, balance, lines } = data;
  return (
    <section>
      <header className="screen-header">
        <h1>
          {supplier.code} — {supplier.name}
          {awaiting.has(supplier.uuid) ? <AwaitingBadge /> : null}
        </h1>
        <div className="row">
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" onClick={() => go({ name: 'payments', supplier: uuid })}>
            Record payment
          </button>
          <button
            type="button"
            onClick={() => go({ name: 'reports', preset: { kind: 'statement', supplier_uuid: uuid } })}
          >
            Statement
          </button>
          <button type="button" className="secondary" onClick={() => go({ name: 'suppliers' })}>
            Back to list
          </button>
        </div>
      </header>
      {editing ? (
        <SupplierForm
          supplier={supplier}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            reload();
          }}
        />
      ) : (
        <p className="muted">
          {[supplier.phone, supplier.address, supplier.region].filter(Boolean).join(' · ') || 'No contact details'}
          {supplier.notes ? ` — ${supplier.notes}` : ''}
        </p>
      )}
      <div className="cards">
        <article className="card stat">
          <h2>Collected</h2>
          <p className="big">{money(balance.collected_minor)}</p>
        </article>
        <article className="card stat">
          <h2>Paid</h2>
          <p className="big">{money(balance.paid_minor)}</p>
        </article>
        <article className="card stat">
          <h2>Balance owed</h2>
          <p className="big" data-testid="supplier-balance">
            {money(balance.balance_minor)}
          </p>
        </article>
      </div>
      <h2>Ledger</h2>
      {lines.length === 0 ? (
        <p className="muted">No collections or payments yet.</p>
      ) : (
        <table className="table" aria-label="Ledger">
          <thead>
            <tr>
              <th>Date</th>
              <th>Entry</th>
              <th className="num">Quantity</th>
              <th className="num">Rate</th>
              <th className="num">Amount</th>
              <th className="num">Balance</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.uuid} className={line.voided ? 'voided' : ''}>
                <td className="nowrap">{when(line.at)}</td>
                <td className="wrap">
                  {line.description}
                  {line.voided ? <span className="void-note">{voidNote(line.void_reason)}</span> : null}
                  {awaiting.has(line.uuid) ? <AwaitingBadge /> : null}
                </td>
                <td className="num">
                  {line.quantity_milli !== null ? `${qty(line.quantity_milli)} ${line.unit ?? ''}` : ''}
                </td>
                <td className="num">{line.rate_minor !== null ? money(line.rate_minor) : ''}</td>
                <td className="num">
                  {line.voided_amount_minor !== null ? (
                    <del title={`Void: ${line.void_reason}`}>{money(line.voided_amount_minor)}</del>
                  ) : (
                    money(line.amount_minor)
                  )}
                </td>
                <td className="num">{money(line.balance_minor)}</td>
                <td>
                  {line.kind === 'collection' && !line.voided ? (
                    <>
                      <VoidButton
                        id={line.uuid}
                        right={voidRight}
                        onVoid={() =>
                          setVoiding({
                            uuid: line.uuid,
                            supplier: `${supplier.code} ${supplier.name}`,
                            collected_at: line.at,
                            quantity_milli: line.quantity_milli ?? 0,
                            unit: line.unit ?? '',
                            amount_minor: line.amount_minor,
                          })
                        }
                      />
                      <VoidStatus id={line.uuid} voided={false} reason={null} right={voidRight} />
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Notice notice={voided.notice} />
      {voiding ? (
        <VoidCollectionDialog
          target={voiding}
          onCancel={() => setVoiding(null)}
          onVoided={(message) => {
            setVoiding(null);
            voided.ok(message);
            reload();
          }}
        />
      ) : null}
      <SupplierPayout key={`${supplier.uuid}:${supplier.updated_at}`} supplier={supplier} onSaved={reload} />
      <SupplierCredit supplierUuid={supplier.uuid} />
      <SupplierPayslips supplierUuid={supplier.uuid} />
    </section>
  );
}
