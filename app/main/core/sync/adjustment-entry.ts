import type { Transaction } from 'kysely';
import {
  AppError,
  deliveryAdjustmentLabel,
  formatQuantity,
  localDateOf,
  paymentAdjustmentLabel,
  PLAIN_COLLECTION_FIELDS,
  priceCollectionAdjustment,
  type CollectionRow,
  type PaymentRow,
} from '../../../../shared';
import type { CoreContext } from '../domain/context';
import { checkRowRules, findEntity, writeEntity } from '../domain/entity-writer';
import { newRowBase } from '../domain/row-base';
import type { LocalDatabase } from '../db/schema';
import type { OutboxRow } from './outbox';
import { outboxNote } from './outbox-note';

type Trx = Transaction<LocalDatabase>;
const refuse = (message: string) => new AppError('VALIDATION_FAILED', message);

/**
 * The record as the server holds it, which the refused edit started from: the `before` of the local write that
 * queued the op (the audit keeps every write's before and after).
 */
async function recordBefore(trx: Trx, op: OutboxRow): Promise<Record<string, unknown>> {
  const writes = await trx
    .selectFrom('audit')
    .select(['before'])
    .where('entity_uuid', '=', op.entity_uuid)
    .where('before', 'is not', null)
    .orderBy('id')
    .execute();
  for (const w of writes) {
    const before = JSON.parse(w.before!) as Record<string, unknown>;
    if (before.version === op.base_version) return before;
  }
  throw refuse('The record this change started from is no longer known on this desk; discard it instead');
}

/** An adjustment carries a difference of quantity or amount; a change of anything else cannot be one. */
function onlyChanged(op: OutboxRow, what: string, allowed: string[]): string[] {
  const changed = op.changed_fields ? (JSON.parse(op.changed_fields) as string[]) : [];
  const other = changed.filter((f) => !allowed.includes(f));
  if (other.length > 0)
    throw refuse(
      `Only a change of ${what} can become an adjustment (this one changes ${other.join(', ')}); discard it and record a new entry in the open period`,
    );
  return changed;
}

/** The difference a refused edit, void or delete makes, as the entry that adjusts the closed record. */
function collectionAdjustment(
  ctx: CoreContext,
  op: OutboxRow,
  original: CollectionRow,
  product: { code: string; unit: string },
): CollectionRow {
  let delta = -original.quantity_milli;
  let what = 'removed';
  if (op.operation === 'update') {
    onlyChanged(op, 'the quantity', ['quantity_milli', 'notes']);
    const payload = JSON.parse(op.payload) as { quantity_milli?: number };
    if (typeof payload.quantity_milli !== 'number') throw refuse('Only a change of quantity can become an adjustment');
    delta = payload.quantity_milli - original.quantity_milli;
    const qty = (milli: number) => `${formatQuantity(milli)} ${product.unit}`;
    what = `${qty(original.quantity_milli)} → ${qty(payload.quantity_milli)}`;
  }
  if (delta === 0) throw refuse('The refused change makes no difference to the quantity; discard it');
  const day = localDateOf(original.collected_at, ctx.orgTimeZone);
  return {
    ...newRowBase(ctx),
    ...PLAIN_COLLECTION_FIELDS,
    supplier_uuid: original.supplier_uuid,
    product_uuid: original.product_uuid,
    route_uuid: original.route_uuid,
    centre_uuid: original.centre_uuid,
    collected_at: ctx.now(),
    quantity_milli: delta,
    ...priceCollectionAdjustment(original, delta),
    notes: `${deliveryAdjustmentLabel(day, product.code)}: ${what}`,
    adjusts_uuid: original.uuid,
  };
}

function paymentAdjustment(ctx: CoreContext, op: OutboxRow, original: PaymentRow): PaymentRow {
  const changed = onlyChanged(op, 'the amount, or a void,', [
    'amount_minor',
    'notes',
    'reference',
    'voided_at',
    'void_reason',
  ]);
  const payload = JSON.parse(op.payload) as { amount_minor?: number; void_reason?: string };
  const voided = changed.includes('voided_at');
  const delta = voided
    ? -original.amount_minor
    : (payload.amount_minor ?? original.amount_minor) - original.amount_minor;
  if (delta === 0) throw refuse('The refused change makes no difference to the amount; discard it');
  const day = localDateOf(original.paid_at, ctx.orgTimeZone);
  const why = voided ? `reversed (voided: ${payload.void_reason ?? ''})` : 'amount corrected';
  return {
    ...newRowBase(ctx),
    supplier_uuid: original.supplier_uuid,
    paid_at: ctx.now(),
    amount_minor: delta,
    type: original.type,
    method: original.method,
    reference: original.reference,
    notes: `${paymentAdjustmentLabel(day, original.type)}: ${why}`.slice(0, 1000),
    voided_at: null,
    void_reason: null,
    adjusts_uuid: original.uuid,
  };
}

/**
 * Turns a refused edit, void or delete of a closed record into an adjustment entry dated now that links it,
 * puts the desk's row back to the server's version, and closes the refused op as resolved — kept in the outbox
 * and the audit with what replaced it.
 */
export async function adjustClosedRecord(
  trx: Trx,
  ctx: CoreContext,
  op: OutboxRow,
): Promise<{ notes: string; adjustment_uuid: string }> {
  const type = op.entity_type as 'collections' | 'payments';
  const original = await recordBefore(trx, op);
  if (original.adjusts_uuid) throw refuse('This record is itself an adjustment; discard the change instead');
  const product = type === 'collections' ? await findEntity(trx, 'products', String(original.product_uuid)) : undefined;
  const entry =
    type === 'collections'
      ? collectionAdjustment(ctx, op, original as unknown as CollectionRow, product ?? { code: '', unit: '' })
      : paymentAdjustment(ctx, op, original as unknown as PaymentRow);
  checkRowRules(type, entry);
  ctx.rows.upsert(type, [original], 'synced');
  await writeEntity(trx, ctx, { type, operation: 'create', after: entry as never });
  const now = ctx.now();
  await trx
    .updateTable('outbox')
    .set({
      status: 'discarded',
      last_error: outboxNote('DISCARDED', `Resolved by adjustment ${entry.uuid}: ${entry.notes}`),
      updated_at: now,
    })
    .where('op_id', '=', op.op_id)
    .execute();
  ctx.log.audit({
    at: now,
    user_id: ctx.session()?.userId ?? null,
    entity_type: type,
    entity_uuid: op.entity_uuid,
    action: 'adjust',
    before: op.payload,
    after: JSON.stringify({ adjustment_uuid: entry.uuid, notes: entry.notes }),
  });
  return { notes: entry.notes, adjustment_uuid: entry.uuid };
}
