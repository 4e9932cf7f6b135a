import type { GrossLine } from '../domain/settlement-lines';
import type { ChargeTerms } from '../domain/charges';
import type { CollectionTotal, ProductRef } from './input';
import { addMinor, assertMinor, compareText } from './sums';

interface ProductAcc {
  entries: number;
  quantity: number;
  amount: number;
  /** undefined until the first row; null once two rows disagree. */
  rate: number | null | undefined;
}

/** One supplier's collections, summed per product, and the bases each percent / per-unit charge applies to. */
export interface SupplierGross {
  products: Map<string, ProductAcc>;
  /** charge uuid → gross (percent) or quantity (per_unit) the charge was active on. */
  chargeBase: Map<string, number>;
}

function activeOn(charge: ChargeTerms, day: string): boolean {
  return charge.active_from <= day && (charge.active_to === null || charge.active_to >= day);
}

/** Sums collections per supplier and product in one pass; charges active per day are looked up once per day. */
export function sumGross(rows: CollectionTotal[], charges: ChargeTerms[]): Map<string, SupplierGross> {
  const bySupplier = new Map<string, SupplierGross>();
  const scaled = charges.filter((c) => c.kind !== 'fixed');
  const activeByDay = new Map<string, ChargeTerms[]>();
  for (const row of rows) {
    assertMinor(row.amount_minor, 'collection amount');
    assertMinor(row.quantity_milli, 'collection quantity');
    let supplier = bySupplier.get(row.supplier_uuid);
    if (!supplier) {
      supplier = { products: new Map(), chargeBase: new Map() };
      bySupplier.set(row.supplier_uuid, supplier);
    }
    const product = supplier.products.get(row.product_uuid);
    const rate = row.rate_minor ?? null;
    if (!product)
      supplier.products.set(row.product_uuid, {
        entries: row.entries,
        quantity: row.quantity_milli,
        amount: row.amount_minor,
        rate,
      });
    else {
      product.entries += row.entries;
      product.quantity = addMinor(product.quantity, row.quantity_milli, 'quantity');
      product.amount = addMinor(product.amount, row.amount_minor, 'gross');
      if (product.rate !== rate) product.rate = null;
    }
    let active = activeByDay.get(row.day);
    if (!active) {
      active = scaled.filter((c) => activeOn(c, row.day));
      activeByDay.set(row.day, active);
    }
    for (const charge of active) {
      if (charge.product_uuid !== null && charge.product_uuid !== row.product_uuid) continue;
      const base = charge.kind === 'percent' ? row.amount_minor : row.quantity_milli;
      supplier.chargeBase.set(charge.uuid, addMinor(supplier.chargeBase.get(charge.uuid) ?? 0, base, charge.name));
    }
  }
  return bySupplier;
}

/** The payslip's gross lines, by product code. */
export function grossLines(gross: SupplierGross | undefined, products: Map<string, ProductRef>): GrossLine[] {
  if (!gross) return [];
  return [...gross.products]
    .map(([uuid, acc]) => {
      const product = products.get(uuid);
      if (!product) throw new Error(`collections name a product that is not in the input: ${uuid}`);
      return {
        product_uuid: uuid,
        product_code: product.code,
        product_name: product.name,
        unit: product.unit,
        entries: acc.entries,
        quantity_milli: acc.quantity,
        rate_minor: acc.rate ?? null,
        amount_minor: acc.amount,
      };
    })
    .sort((a, b) => compareText(a.product_code, b.product_code) || compareText(a.product_uuid, b.product_uuid));
}
