import {
  CreditBalanceSchema,
  creditName,
  creditRemaining,
  parseInput,
  uuidField,
  type CreateOf,
  type ParsedCreateOf,
  type supplierCredits,
} from '../../../../shared';
import { z } from 'zod';
import type { SupplierCreditView } from '../../../../shared/ipc/pay-runs-contract';
import { fromStored } from '../db/row-codec';
import type { CoreContext } from './context';
import { createEntityService } from './entity-service';

const CreditList = z.array(CreditBalanceSchema);

/**
 * Loans and inputs on credit. A credit stores no balance: what remains is worked out from the approved runs
 * this desk has (the same rule the server computes runs with).
 */
export function createCreditsService(ctx: CoreContext) {
  const rows = createEntityService(ctx, 'supplier_credits');
  return {
    create: (input: CreateOf<typeof supplierCredits>) => rows.create(input),
    createParsed: (data: ParsedCreateOf<typeof supplierCredits>) => rows.createParsed(data),
    remove: (uuid: string) => rows.remove(uuid),

    async listForSupplier(supplierUuid: string): Promise<SupplierCreditView[]> {
      parseInput(uuidField, supplierUuid);
      const credits = (
        await ctx.db
          .selectFrom('supplier_credits')
          .selectAll()
          .where('supplier_uuid', '=', supplierUuid)
          .where('deleted_at', 'is', null)
          .orderBy('issued_on')
          .execute()
      ).map((r) => fromStored('supplier_credits', r));
      const lines = await ctx.db
        .selectFrom('settlement_lines as l')
        .innerJoin('settlement_runs as r', 'r.uuid', 'l.run_uuid')
        .select('l.credits_json')
        .where('l.supplier_uuid', '=', supplierUuid)
        .where('r.status', 'in', ['approved', 'paid'])
        .where('l.deleted_at', 'is', null)
        .where('r.deleted_at', 'is', null)
        .execute();
      const remaining = creditRemaining(
        credits,
        lines.flatMap((l) => CreditList.parse(JSON.parse(l.credits_json))),
      );
      return credits.map((c) => ({ ...c, name: creditName(c), remaining_minor: remaining.get(c.uuid)! }));
    },
  };
}
