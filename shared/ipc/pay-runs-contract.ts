import { z } from 'zod';
import { ByUuid, def } from './channel-def';
import {
  charges,
  SettlementRunCreateSchema,
  supplierCredits,
  uuidField,
  type BonusRate,
  type DeductionTotal,
  type EntityRow,
  type SettlementLine,
  type SettlementLineRow,
  type SettlementRunRow,
} from '../domain';

/** What the screens see of pay runs (issue 16); the channels are part of the one IPC contract (contract.ts). */

export type ChargeView = EntityRow<'charges'>;
export type SupplierCreditView = EntityRow<'supplier_credits'> & { name: string; remaining_minor: number };

/** A stored run with its lists decoded, and its live lines as the engine made them plus their payout. */
export interface SettlementRunView {
  run: SettlementRunRow & { bonus_rates: BonusRate[]; by_deduction: DeductionTotal[] };
  lines: (SettlementLine &
    Pick<
      SettlementLineRow,
      'uuid' | 'payout_reference' | 'payout_status' | 'payout_provider_reference' | 'payout_message' | 'paid_at'
    >)[];
}

/** A supplier's line in a run, as their screen lists it. */
export interface SupplierRunLine {
  run_uuid: string;
  code: string;
  name: string;
  status: SettlementRunRow['status'];
  period_from: string;
  period_to: string;
  net_minor: number;
  payout_status: SettlementLineRow['payout_status'];
}

export interface PayoutFileView {
  fileName: string;
  csv: string;
  lines: number;
  total_minor: number;
  skipped: { supplier_code: string; reason: string }[];
}

export const payRunChannels = {
  'charges.list': def<ChargeView[]>()(z.strictObject({})),
  'charges.create': def<ChargeView>()(charges.createSchema),
  'charges.remove': def<ChargeView>()(ByUuid),
  'credits.list': def<SupplierCreditView[]>()(z.strictObject({ supplier_uuid: uuidField })),
  'credits.create': def<EntityRow<'supplier_credits'>>()(supplierCredits.createSchema),
  'settlements.list': def<SettlementRunRow[]>()(z.strictObject({})),
  'settlements.show': def<SettlementRunView>()(ByUuid),
  'settlements.ofSupplier': def<SupplierRunLine[]>()(z.strictObject({ supplier_uuid: uuidField })),
  'settlements.create': def<SettlementRunView>()(SettlementRunCreateSchema),
  'settlements.recompute': def<SettlementRunView>()(ByUuid),
  'settlements.approve': def<SettlementRunView>()(ByUuid),
  'settlements.payoutFile': def<PayoutFileView>()(
    z.strictObject({ uuid: uuidField, format: z.enum(['bank', 'mobile']) }),
  ),
  'settlements.importResults': def<SettlementRunView>()(
    z.strictObject({ uuid: uuidField, text: z.string().max(10_000_000, 'is too large (10 MB at most)') }),
  ),
  /**
   * A change refused as PERIOD_CLOSED made an adjustment: a new entry sent again dated now, or an edit, void or
   * delete of a closed record turned into a linked entry for the difference (its uuid).
   */
  'sync.adjust': def<{ notes: string; adjustment_uuid?: string }>()(z.strictObject({ op_id: uuidField })),
  /** All payslips of a run in one PDF, saved where the user chose (or offered as a download). */
  'settlements.savePayslips': def<{ ok: boolean; message: string; path?: string; download?: string }>()(
    z.strictObject({ uuid: uuidField, supplier_uuid: uuidField.optional() }),
  ),
} as const;
