import { useState } from 'react';
import { counted, REJECTION_REASON_LABELS, SHIFT_LABELS } from '../../../../../shared';
import type { CollectionView } from '../../../../../shared/ipc/types';
import { AwaitingBadge, useAwaiting } from '../../components/AwaitingBadge';
import { VoidButton, VoidStatus } from '../../components/VoidControl';
import { qty, useApp } from '../../lib/settings';
import { useCollectionVoidRight, VoidCollectionDialog, type CollectionToVoid } from './VoidCollectionDialog';

/** A collection's weighing, briefly: grade, shift, refused, and whether its weight was typed rather than weighed. */
function detail(r: CollectionView): string {
  const parts: string[] = [];
  if (r.grade) parts.push(`Grade ${r.grade}`);
  if (r.tare_milli > 0) parts.push(`tare ${qty(r.tare_milli)} ${r.product_unit}`);
  if (r.shift) parts.push(SHIFT_LABELS[r.shift]);
  if (r.rejection_reason) parts.push(`REFUSED: ${REJECTION_REASON_LABELS[r.rejection_reason]}`);
  return parts.join(' · ');
}

/** Typed in rather than taken from the scale: a plain-rate quantity too (the daily summary counts the same). */
const typed = (r: CollectionView) => !r.weighed_on_scale;
/** A voided collection is listed as its tombstone: struck through, counted in no total. */
const voided = (r: CollectionView) => r.deleted_at !== null;
const struck = (text: string, r: CollectionView) => (voided(r) ? <del>{text}</del> : text);

interface Props {
  rows: CollectionView[];
  label: string;
  /** A supervisor may show only the weights typed in instead of taken from the scale. */
  typedOnly: boolean | null;
  onTypedOnly(on: boolean): void;
  /** Said once a collection is voided (the screen's notice). */
  onVoided(message: string): void;
}

export function CollectionsTable({ rows, label, typedOnly, onTypedOnly, onVoided }: Props) {
  const { money, when } = useApp();
  const awaiting = useAwaiting();
  const voidRight = useCollectionVoidRight();
  const [voiding, setVoiding] = useState<CollectionToVoid | null>(null);
  const live = rows.filter((r) => !voided(r));
  const totals = new Map<string, number>();
  for (const r of live) totals.set(r.product_unit, (totals.get(r.product_unit) ?? 0) + r.quantity_milli);
  const totalAmount = live.reduce((s, r) => s + r.amount_minor, 0);
  const voidedCount = rows.length - live.length;
  return (
    <>
      {typedOnly !== null ? (
        <label className="check">
          <input type="checkbox" checked={typedOnly} onChange={(e) => onTypedOnly(e.target.checked)} /> Typed weights
          only (not taken from the scale)
        </label>
      ) : null}
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th>Time</th>
            <th>Supplier</th>
            <th>Product</th>
            <th>Weighing</th>
            <th className="num">Quantity</th>
            <th className="num">Rate</th>
            <th className="num">Amount</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.uuid} className={voided(r) ? 'voided' : ''}>
              <td className="nowrap">{when(r.collected_at)}</td>
              <td>
                {r.supplier_code} {r.supplier_name}
                {awaiting.has(r.uuid) ? <AwaitingBadge /> : null}
              </td>
              <td>{r.product_code}</td>
              <td className="small">
                {detail(r)}
                {typed(r) ? (
                  <span className="badge badge--typed" title="Typed in, not taken from the scale">
                    typed
                  </span>
                ) : r.weighed_on_scale ? (
                  <span className="badge badge--scale">scale</span>
                ) : null}
              </td>
              <td className="num">{struck(`${qty(r.quantity_milli)} ${r.product_unit}`, r)}</td>
              <td className="num">{money(r.rate_minor)}</td>
              <td className="num">{struck(money(r.amount_minor), r)}</td>
              <td>
                {voided(r) ? null : (
                  <VoidButton
                    id={r.uuid}
                    right={voidRight}
                    onVoid={() =>
                      setVoiding({
                        uuid: r.uuid,
                        supplier: `${r.supplier_code} ${r.supplier_name}`,
                        collected_at: r.collected_at,
                        quantity_milli: r.quantity_milli,
                        unit: r.product_unit,
                        amount_minor: r.amount_minor,
                      })
                    }
                  />
                )}
                <VoidStatus id={r.uuid} voided={voided(r)} reason={r.void_reason} right={voidRight} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={4} data-testid="today-count">
              {counted(live.length, 'entry', 'entries')}
              {voidedCount ? ` (${voidedCount} voided, not counted)` : ''}
            </th>
            <th className="num" data-testid="today-quantity">
              {[...totals].map(([unit, milli]) => `${qty(milli)} ${unit}`).join(' · ')}
            </th>
            <th />
            <th className="num" data-testid="today-total">
              {money(totalAmount)}
            </th>
            <th />
          </tr>
        </tfoot>
      </table>
      {voiding ? (
        <VoidCollectionDialog
          target={voiding}
          onCancel={() => setVoiding(null)}
          onVoided={(message) => {
            setVoiding(null);
            onVoided(message);
          }}
        />
      ) : null}
    </>
  );
}
