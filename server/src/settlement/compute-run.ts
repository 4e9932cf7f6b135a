import type { Kysely } from 'kysely';
import {
  computeSecondPayment,
  computeSettlement,
  type BonusRate,
  type BroughtForward,
  type ChargeTerms,
  type CreditTerms,
  type RunKind,
  type SettlementResult,
} from '../../../shared';
import type { ServerDatabase } from '../db/schema';
import { adjustmentEntries, collectionTotals, paymentTotals, references, type RunScope } from './period-totals';

export interface ComputeRunInput extends RunScope {
  kind?: RunKind;
  /** Charges, supplier credit and the previous run's carried-forward amounts (tables come with part B). */
  charges: ChargeTerms[];
  credits: CreditTerms[];
  brought_forward: BroughtForward[];
  /** Bonus runs: the amount per unit per product over the period's quantities. */
  bonus_rates?: BonusRate[];
}

/**
 * A settlement run over the master's records: MySQL sums the period per supplier and product (and per stretch
 * where a charge starts or stops) and per supplier and payment type; the pure engine does the rest. Nothing is
 * written. Reads happen in one REPEATABLE READ snapshot so collections and payments agree.
 */
export async function computeRun(db: Kysely<ServerDatabase>, input: ComputeRunInput): Promise<SettlementResult> {
  const { charges, credits, brought_forward } = input;
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      if (input.kind === 'bonus') {
        const quantities = await collectionTotals(trx, input, []);
        const refs = await references(trx, [
          ...quantities.map((q) => q.supplier_uuid),
          ...brought_forward.map((b) => b.supplier_uuid),
        ]);
        return computeSecondPayment({
          period: input.period,
          ...refs,
          quantities,
          rates: input.bonus_rates ?? [],
          charges,
          credits,
          brought_forward,
        });
      }
      const [collections, payments] = [await collectionTotals(trx, input, charges), await paymentTotals(trx, input)];
      const adjustments = await adjustmentEntries(trx, input);
      const refs = await references(trx, [
        ...collections.map((c) => c.supplier_uuid),
        ...adjustments.map((a) => a.supplier_uuid),
        ...payments.map((p) => p.supplier_uuid),
        ...brought_forward.map((b) => b.supplier_uuid),
      ]);
      return computeSettlement({
        kind: 'regular',
        period: input.period,
        ...refs,
        collections,
        payments,
        charges,
        credits,
        brought_forward,
        adjustments,
      });
    });
}
