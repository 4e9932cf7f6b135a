import {
  DEDUCTION_KINDS,
  type DeductionTotal,
  type SettlementLine,
  type SettlementTotals,
} from '../domain/settlement-lines';
import { addMinor, compareText } from './sums';

/** Run totals as sums of the lines (so they agree to the minor unit), plus one total per distinct deduction. */
export function runTotals(lines: SettlementLine[]): SettlementTotals {
  const totals = {
    suppliers: lines.length,
    gross_minor: 0,
    due_minor: 0,
    deductions_minor: 0,
    net_minor: 0,
    carried_forward_minor: 0,
    credit_remaining_minor: 0,
  };
  const byDeduction = new Map<string, DeductionTotal>();
  for (const line of lines) {
    totals.gross_minor = addMinor(totals.gross_minor, line.gross_minor, 'run gross');
    totals.deductions_minor = addMinor(totals.deductions_minor, line.deductions_minor, 'run deductions');
    totals.net_minor = addMinor(totals.net_minor, line.net_minor, 'run net');
    totals.carried_forward_minor = addMinor(totals.carried_forward_minor, line.carried_forward_minor, 'run carried');
    totals.credit_remaining_minor = addMinor(totals.credit_remaining_minor, line.credit_remaining_minor, 'run credit');
    for (const d of line.deductions) {
      totals.due_minor = addMinor(totals.due_minor, d.due_minor, 'run due');
      // Advances and part payments are named with their count per supplier; they total per kind.
      const name = d.ref === null && d.kind !== 'brought_forward' ? d.name.replace(/ \(\d+\)$/, '') : d.name;
      const key = `${d.kind}|${d.origin}|${d.ref}|${name}`;
      const total = byDeduction.get(key);
      if (total) {
        total.due_minor = addMinor(total.due_minor, d.due_minor, name);
        total.amount_minor = addMinor(total.amount_minor, d.amount_minor, name);
      } else byDeduction.set(key, { ...d, name });
    }
  }
  const by_deduction = [...byDeduction.values()].sort(
    (a, b) =>
      DEDUCTION_KINDS.indexOf(a.kind) - DEDUCTION_KINDS.indexOf(b.kind) ||
      compareText(a.name, b.name) ||
      compareText(a.origin ?? '', b.origin ?? '') ||
      compareText(a.ref ?? '', b.ref ?? ''),
  );
  return { ...totals, by_deduction };
}
