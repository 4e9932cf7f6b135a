import type { SettlementLine, SettlementResult } from '../domain/settlement-lines';
import { broughtForwardDues, chargeDues, chargeOrder, creditDues, creditOrder, paymentDues } from './dues';
import { grossLines, sumGross } from './gross';
import type { AdjustmentEntry, BroughtForward, PaymentTotal, SettlementInput, SupplierRef } from './input';
import { splitAdjustments } from './adjustments';
import { recover } from './recover';
import { compareText, sumMinor } from './sums';
import { runTotals } from './totals';
import type { CreditTerms } from '../domain/supplier-credits';

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The pay run of a period (pure; the same input always gives the same output, whatever its order).
 * Per supplier: gross from collections at their stored amounts plus adjustments owed to the supplier; deductions
 * in order — brought forward, adjustments owed back, advances, part payments, charges (by sort order), credit
 * instalments (oldest first) — each taking what gross still covers; net = gross − deductions ≥ 0; the rest carries forward. Charges and instalments fall due only for
 * suppliers who delivered in the period. Suppliers with no collections, payments or brought-forward amounts have
 * no line.
 */
export function computeSettlement(input: SettlementInput): SettlementResult {
  const suppliers = new Map(input.suppliers.map((s) => [s.uuid, s]));
  const products = new Map(input.products.map((p) => [p.uuid, p]));
  const charges = [...input.charges].sort(chargeOrder);
  const gross = sumGross(input.collections, charges);
  const payments = groupBy<PaymentTotal>(input.payments, (p) => p.supplier_uuid);
  const brought = groupBy<BroughtForward>(input.brought_forward, (b) => b.supplier_uuid);
  const credits = groupBy<CreditTerms>([...input.credits].sort(creditOrder), (c) => c.supplier_uuid);
  const adjustments = groupBy<AdjustmentEntry>(input.adjustments ?? [], (a) => a.supplier_uuid);

  const included = new Set<string>([...gross.keys(), ...brought.keys(), ...adjustments.keys()]);
  for (const [uuid, list] of payments) if (paymentDues(list).length > 0) included.add(uuid);

  const lines: SettlementLine[] = [];
  for (const uuid of included) {
    const supplier: SupplierRef | undefined = suppliers.get(uuid);
    if (!supplier) throw new Error(`the run names a supplier that is not in the input: ${uuid}`);
    const supplierGross = gross.get(uuid);
    const adjusted = splitAdjustments(adjustments.get(uuid) ?? [], products);
    const delivered = supplierGross !== undefined;
    const gross_lines = [...grossLines(supplierGross, products), ...adjusted.gross];
    const gross_minor = sumMinor(
      gross_lines.map((l) => l.amount_minor),
      'gross',
    );
    const supplierCredits = credits.get(uuid) ?? [];
    const dues = [
      ...broughtForwardDues(brought.get(uuid) ?? []),
      ...adjusted.dues,
      ...paymentDues(payments.get(uuid) ?? []),
      ...chargeDues(charges, supplierGross, delivered, input.period),
      ...creditDues(supplierCredits, delivered),
    ];
    lines.push({
      supplier_uuid: uuid,
      supplier_code: supplier.code,
      supplier_name: supplier.name,
      route: supplier.route,
      gross_minor,
      gross_lines,
      ...recover(gross_minor, dues, supplierCredits),
    });
  }
  lines.sort(lineOrder);
  return { kind: input.kind ?? 'regular', period: input.period, lines, totals: runTotals(lines) };
}

/** Payslip and table order: by route, then supplier code. */
export function lineOrder(a: Pick<SettlementLine, 'route' | 'supplier_code' | 'supplier_uuid'>, b: typeof a): number {
  return (
    compareText(a.route, b.route) ||
    compareText(a.supplier_code, b.supplier_code) ||
    compareText(a.supplier_uuid, b.supplier_uuid)
  );
}
