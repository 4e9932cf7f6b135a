import type { EntityRows } from '../../../../shared';
import { entityTable } from '../db/entity-table';
import { fromStored } from '../db/row-codec';
import type { Executor } from './context';

/** The types kept as dated versions of a product's price: a rate, a pricing rule. */
type Dated = 'product_rates' | 'pricing_rules';

/**
 * The version in force for a product on a local date: the latest effective_from on or before it; of two from
 * the same day, the later-made one (UUIDv7 orders by creation). Withdrawn (deleted) versions never count.
 */
export async function versionInForce<T extends Dated>(
  exec: Executor,
  type: T,
  productUuid: string,
  date: string,
): Promise<EntityRows[T] | undefined> {
  const stored = await entityTable(exec, type)
    .selectFrom()
    .selectAll()
    .where('product_uuid', '=', productUuid)
    .where('effective_from', '<=', date)
    .where('deleted_at', 'is', null)
    .orderBy('effective_from', 'desc')
    .orderBy('uuid', 'desc')
    .limit(1)
    .executeTakeFirst();
  return stored ? fromStored(type, stored) : undefined;
}
