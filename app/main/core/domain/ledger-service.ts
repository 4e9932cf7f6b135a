import { lineWording, type CollectionRow, type PaymentRow } from '../../../../shared';
import type { LedgerLine, SupplierLedger } from '../../../../shared/ipc/types';
import type { CoreContext } from './context';
import { balanceOf } from './balances-service';
import { fromStored } from '../db/row-codec';
import { collectionVoidReason } from './collection-void-reason';

/**
 * A supplier's ledger for a period: opening balance, dated collection and payment lines with a running
 * balance, closing balance. Voided payments and collections stay on the ledger at zero, with the amount they had
 * and why (a collection's void is its tombstone: see collection-void.ts).
 */
export function createLedgerService(ctx: CoreContext) {
  return {
    async of(
      supplierUuid: string,
      range: { from?: string; to?: string } = {},
    ): Promise<SupplierLedger & { opening_minor: number }> {
      const supplierRow = await ctx.db
        .selectFrom('suppliers')
        .selectAll()
        .where('uuid', '=', supplierUuid)
        .executeTakeFirst();
      if (!supplierRow) throw new Error('Supplier not found');
      const supplier = fromStored('suppliers', supplierRow);
      const opening = range.from ? (await balanceOf(ctx.db, supplierUuid, range.from)).balance_minor : 0;
      let collections = ctx.db
        .selectFrom('collections')
        .innerJoin('products', 'products.uuid', 'collections.product_uuid')
        // The rule version labels and scales the readings it priced by.
        .leftJoin('pricing_rules', 'pricing_rules.uuid', 'collections.rule_version_uuid')
        // An adjustment is named after the record it corrects, as on payslips.
        .leftJoin('collections as adjusted', 'adjusted.uuid', 'collections.adjusts_uuid')
        .selectAll('collections')
        .select(['products.name as product_name', 'products.unit as product_unit', 'pricing_rules.terms as rule_terms'])
        .select(['products.code as product_code', 'adjusted.collected_at as adjusted_at'])
        .select(collectionVoidReason.as('void_reason'))
        .where('collections.supplier_uuid', '=', supplierUuid);
      let payments = ctx.db
        .selectFrom('payments')
        .leftJoin('payments as adjusted', 'adjusted.uuid', 'payments.adjusts_uuid')
        .selectAll('payments')
        .select('adjusted.paid_at as adjusted_at')
        .where('payments.supplier_uuid', '=', supplierUuid)
        .where('payments.deleted_at', 'is', null);
      if (range.from) {
        collections = collections.where('collections.collected_at', '>=', range.from);
        payments = payments.where('payments.paid_at', '>=', range.from);
      }
      if (range.to) {
        collections = collections.where('collections.collected_at', '<', range.to);
        payments = payments.where('payments.paid_at', '<', range.to);
      }
      const words = lineWording(ctx.orgTimeZone);
      const lines: Omit<LedgerLine, 'balance_minor'>[] = [];
      for (const c of (await collections.execute()).map((r) =>
        fromStored('collections', r),
      ) as unknown as (CollectionRow & {
        product_name: string;
        product_unit: string;
        product_code: string;
        rule_terms: string | null;
        adjusted_at: string | null;
        void_reason: string | null;
      })[]) {
        const voided = c.deleted_at !== null;
        lines.push({
          kind: 'collection',
          uuid: c.uuid,
          at: c.collected_at,
          description: words.collection({ ...c, terms: c.rule_terms }),
          quantity_milli: c.quantity_milli,
          unit: c.product_unit,
          rate_minor: c.rate_minor,
          amount_minor: voided ? 0 : c.amount_minor,
          voided,
          voided_amount_minor: voided ? c.amount_minor : null,
          void_reason: voided ? (c.void_reason ?? '') : null,
        });
      }
      for (const p of (await payments.execute()) as (PaymentRow & { adjusted_at: string | null })[]) {
        lines.push({
          kind: 'payment',
          uuid: p.uuid,
          at: p.paid_at,
          description: words.payment(p),
          quantity_milli: null,
          unit: null,
          rate_minor: null,
          amount_minor: p.voided_at ? 0 : -p.amount_minor,
          voided: Boolean(p.voided_at),
          voided_amount_minor: p.voided_at ? -p.amount_minor : null,
          void_reason: p.voided_at ? (p.void_reason ?? '') : null,
        });
      }
      lines.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.uuid < b.uuid ? -1 : 1));
      let running = opening;
      const withBalance = lines.map((line) => {
        running += line.amount_minor;
        return { ...line, balance_minor: running };
      });
      const total = await balanceOf(ctx.db, supplierUuid, range.to);
      return { supplier, balance: total, lines: withBalance, opening_minor: opening };
    },
  };
}
