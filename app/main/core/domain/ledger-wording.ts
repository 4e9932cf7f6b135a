import { adjustmentLabel, collectionDescriber, localDateOf, type CollectionFacts } from '../../../../shared';

/**
 * How a ledger line is worded, for the on-screen ledger (`ledger-service.ts`) and the printed statement
 * (`reports/statement.ts`) alike: one place, so the two cannot drift (ledger-wording.test.ts holds them equal).
 */

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
      if (c.adjusted_at) return adjustmentLabel(day(c.adjusted_at), `delivery ${c.product_code ?? ''}`);
      const facts = describe(c);
      return facts ? `${c.product_name} — ${facts}` : c.product_name;
    },
    /** "Payment (advance, cash, M-PESA QX1)", or "Adjustment of 2026-11-04 advance payment". */
    payment(p: PaymentWords): string {
      if (p.adjusted_at) return adjustmentLabel(day(p.adjusted_at), `${p.type} payment`);
      return `Payment (${p.type}, ${p.method}${p.reference ? `, ${p.reference}` : ''})`;
    },
  };
}
