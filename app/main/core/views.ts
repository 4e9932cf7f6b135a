import type { CollectionView, Page, PaymentView } from '../../../shared/ipc/types';
import type { Core } from './create-core';
import { fromStored } from './db/row-codec';
import { collectionVoidReason } from './domain/collection-void-reason';

interface Range {
  supplier_uuid?: string;
  typedOnly?: boolean;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/**
 * Collections with their supplier and product names, newest first, for lists and the entry screen; with
 * `includeVoided`, voided ones too (their tombstones), each with the reason its void's audit entry keeps.
 */
export async function collectionViews(
  core: Core,
  input: Range & { includeVoided?: boolean },
): Promise<Page<CollectionView>> {
  let query = core.db
    .selectFrom('collections')
    .innerJoin('suppliers', 'suppliers.uuid', 'collections.supplier_uuid')
    .innerJoin('products', 'products.uuid', 'collections.product_uuid');
  if (!input.includeVoided) query = query.where('collections.deleted_at', 'is', null);
  if (input.supplier_uuid) query = query.where('collections.supplier_uuid', '=', input.supplier_uuid);
  // A weight typed in, not taken from the scale: a plain-rate quantity too (the daily summary's rule).
  if (input.typedOnly) query = query.where('collections.weighed_on_scale', '=', 0 as never);
  if (input.from) query = query.where('collections.collected_at', '>=', input.from);
  if (input.to) query = query.where('collections.collected_at', '<', input.to);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('collections')
    .select([
      'suppliers.code as supplier_code',
      'suppliers.name as supplier_name',
      'products.code as product_code',
      'products.unit as product_unit',
    ])
    .$if(Boolean(input.includeVoided), (q) => q.select(collectionVoidReason.as('void_reason')))
    .orderBy('collections.collected_at', 'desc')
    .orderBy('collections.uuid', 'desc')
    .limit(input.limit ?? 200)
    .offset(input.offset ?? 0)
    .execute();
  // fromStored turns the 0/1 columns back into booleans and keeps the joined columns.
  return { rows: rows.map((r) => fromStored('collections', r) as unknown as CollectionView), total: Number(total) };
}

export async function paymentViews(core: Core, input: Range & { includeVoided?: boolean }): Promise<Page<PaymentView>> {
  let query = core.db
    .selectFrom('payments')
    .innerJoin('suppliers', 'suppliers.uuid', 'payments.supplier_uuid')
    .where('payments.deleted_at', 'is', null);
  if (input.supplier_uuid) query = query.where('payments.supplier_uuid', '=', input.supplier_uuid);
  if (input.from) query = query.where('payments.paid_at', '>=', input.from);
  if (input.to) query = query.where('payments.paid_at', '<', input.to);
  if (!input.includeVoided) query = query.where('payments.voided_at', 'is', null);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('payments')
    .select(['suppliers.code as supplier_code', 'suppliers.name as supplier_name'])
    .orderBy('payments.paid_at', 'desc')
    .orderBy('payments.uuid', 'desc')
    .limit(input.limit ?? 200)
    .offset(input.offset ?? 0)
    .execute();
  return {
    rows: rows.map((r) => ({
      ...fromStored('payments', r),
      supplier_code: r.supplier_code,
      supplier_name: r.supplier_name,
    })) as PaymentView[],
    total: Number(total),
  };
}
