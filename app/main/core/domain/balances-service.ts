import { sql } from 'kysely';
import { parseInput, uuidField } from '../../../../shared';
import type { Balance } from '../../../../shared/ipc/types';
import type { CoreContext, Executor } from './context';

export type { Balance } from '../../../../shared/ipc/types';

/** Integer sums in SQLite are exact 64-bit; every money figure stays an integer. */
export async function balanceOf(exec: Executor, supplierUuid: string, before?: string): Promise<Balance> {
  let collected = exec
    .selectFrom('collections')
    .select(sql<number>`coalesce(sum(amount_minor), 0)`.as('total'))
    .where('supplier_uuid', '=', supplierUuid)
    .where('deleted_at', 'is', null);
  let paid = exec
    .selectFrom('payments')
    .select(sql<number>`coalesce(sum(amount_minor), 0)`.as('total'))
    .where('supplier_uuid', '=', supplierUuid)
    .where('deleted_at', 'is', null)
    .where('voided_at', 'is', null);
  if (before) {
    collected = collected.where('collected_at', '<', before);
    paid = paid.where('paid_at', '<', before);
  }
  const c = Number((await collected.executeTakeFirstOrThrow()).total);
  const p = Number((await paid.executeTakeFirstOrThrow()).total);
  return { supplier_uuid: supplierUuid, collected_minor: c, paid_minor: p, balance_minor: c - p };
}

export function createBalancesService(ctx: CoreContext) {
  return {
    async of(supplierUuid: string): Promise<Balance> {
      parseInput(uuidField, supplierUuid);
      return balanceOf(ctx.db, supplierUuid);
    },
  };
}
