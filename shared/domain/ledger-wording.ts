import { localDateOf } from '../dates';
import { collectionDescriber, type CollectionFacts } from '../pricing/describe';

/**
 * How a ledger line is worded, in one place for every side that words one: the desk's on-screen ledger
 * (`ledger-service.ts`, shown by `SupplierDetail.tsx`), the printed statement (`reports/statement.ts`), the
 * server's payslips (`period-totals.ts`) and the notes of an adjustment entry (`adjustment-entry.ts`). Held equal
 * by ledger-wording.test.ts here and ledger-statement-wording.test.ts on the desk.
 */

/** "Adjustment of 2026-11-05 delivery TEA": a correction of a collection of that day (org calendar). */
export function deliveryAdjustmentLabel(day: string, productCode: string): string {
  return adjustmentLabel(day, `delivery ${productCode}`);
}

/** "Adjustment of 2026-11-04 advance payment": a correction of a payment of that day (org calendar). */
export function paymentAdjustmentLabel(day: string, paymentType: string): string {
  return adjustmentLabel(day, `${paymentType} payment`);
}

function adjustmentLabel(day: string, record: string): string {
  // A settlement line's name (a payslip's line) is at most 200 characters.
  return `Adjustment of ${day} ${record}`.slice(0, 200);
}

/** " — VOID: Wrong supplier": what follows a voided payment's entry, on screen and on paper. */
export function voidNote(reason: string | null): string {
  return ` — VOID: ${reason ?? ''}`;
}

export interface CollectionWords extends CollectionFacts {
  product_name: string;
  /** The product's code; read only when the line is an adjustment. */
  product_code: string | null;
  /** When the corrected collection was taken: set only on an adjustment. */
  adjusted_at: string | null;
}

export interface PaymentWords {
  type: string;
  method: string;
  reference: string | null;
  /** When the corrected payment was made: set only on an adjustment. */
  adjusted_at: string | null;
}

/**
 * The wording of one period's lines, dated on the organisation's clock. Made once per ledger or statement:
 * the readings of each rule version are parsed once per distinct text, not once per line.
 */
export function lineWording(timeZone: string) {
  const describe = collectionDescriber();
  const day = (instant: string) => localDateOf(instant, timeZone);
  return {
    /** "Green tea leaf — grade A · morning", or "Adjustment of 2026-11-05 delivery TEA". */
    collection(c: CollectionWords): string {
      if (c.adjusted_at) return deliveryAdjustmentLabel(day(c.adjusted_at), c.product_code ?? '');
      const facts = describe(c);
      return facts ? `${c.product_name} — ${facts}` : c.product_name;
    },
    /** "Payment (advance, cash, M-PESA QX1)", or "Adjustment of 2026-11-04 advance payment". */
    payment(p: PaymentWords): string {
      if (p.adjusted_at) return paymentAdjustmentLabel(day(p.adjusted_at), p.type);
      return `Payment (${p.type}, ${p.method}${p.reference ? `, ${p.reference}` : ''})`;
    },
  };
}
