import type { PaymentType } from '../domain/entities/payments';
import type { CarriedItem, RunKind, SettlementPeriod } from '../domain/settlement-lines';
import type { ChargeTerms } from '../domain/charges';
import type { CreditTerms } from '../domain/supplier-credits';

/** What the settlement engine reads: plain data, already filtered to the run's period, route and product. */

export interface SupplierRef {
  uuid: string;
  code: string;
  name: string;
  /** Collection route the supplier is on; payslips sort by it. */
  route: string;
}

export interface ProductRef {
  uuid: string;
  code: string;
  name: string;
  unit: string;
}

/**
 * Collections at their stored amounts, summed per supplier, product and `day` (any grouping finer than that is
 * fine, down to single collections). Percent and per-unit charges apply to the rows whose `day` they are active on.
 */
export interface CollectionTotal {
  supplier_uuid: string;
  product_uuid: string;
  day: string;
  entries: number;
  quantity_milli: number;
  amount_minor: number;
  /** The rate when every collection in the row had the same one; shown on payslips. */
  rate_minor?: number | null;
}

/** Payments dated in the period, summed per supplier and type; voided ones and settlement payments never count. */
export interface PaymentTotal {
  supplier_uuid: string;
  type: PaymentType;
  entries: number;
  amount_minor: number;
  voided?: boolean;
}

/**
 * An adjustment entry dated in the period (docs/pay-runs.md "Adjustments"): what it is worth to the supplier,
 * signed — a collection adjustment's amount, or minus a payment adjustment's (a reversal is owed back).
 */
export interface AdjustmentEntry {
  supplier_uuid: string;
  uuid: string;
  adjusts_uuid: string;
  /** "Adjustment of 2026-11-05 delivery TEA" (`deliveryAdjustmentLabel`, `paymentAdjustmentLabel`). */
  label: string;
  /** The collection's product; null for a payment. */
  product_uuid: string | null;
  /** Signed thousandths for a collection; 0 for a payment. */
  quantity_milli: number;
  owed_minor: number;
}

/** What the previous run could not recover from a supplier. */
export interface BroughtForward extends CarriedItem {
  supplier_uuid: string;
}

export interface SettlementInput {
  kind?: RunKind;
  period: SettlementPeriod;
  suppliers: SupplierRef[];
  products: ProductRef[];
  collections: CollectionTotal[];
  payments: PaymentTotal[];
  charges: ChargeTerms[];
  credits: CreditTerms[];
  brought_forward: BroughtForward[];
  /** Adjustments of records in closed periods, dated in this one. */
  adjustments?: AdjustmentEntry[];
}
