import type { CarriedItem, CreditBalance, Deduction } from '../domain/settlement-lines';
import type { CreditTerms } from '../domain/supplier-credits';
import type { Due } from './dues';
import { addMinor } from './sums';

export interface Recovery {
  deductions: Deduction[];
  deductions_minor: number;
  net_minor: number;
  carried_forward: CarriedItem[];
  carried_forward_minor: number;
  credits: CreditBalance[];
  credit_remaining_minor: number;
}

/**
 * Takes each due amount from gross in order until gross is spent: net never goes below zero and whatever a
 * deduction could not take carries forward under its first kind. A credit's instalment leaves its remaining
 * balance once due — recovered now, or carried forward — so the supplier's debt is counted exactly once.
 */
export function recover(gross: number, dues: Due[], credits: CreditTerms[]): Recovery {
  let available = gross;
  let deducted = 0;
  let carriedTotal = 0;
  const deductions: Deduction[] = [];
  const carried: CarriedItem[] = [];
  const dueByCredit = new Map<string, number>();
  for (const due of dues) {
    const amount = Math.min(due.due_minor, available);
    available -= amount;
    deducted = addMinor(deducted, amount, 'deductions');
    deductions.push({
      kind: due.kind,
      name: due.name,
      ref: due.ref,
      origin: due.origin,
      due_minor: due.due_minor,
      amount_minor: amount,
    });
    const short = due.due_minor - amount;
    if (short > 0) {
      carried.push({
        kind: due.origin ?? (due.kind as CarriedItem['kind']),
        name: due.name,
        ref: due.ref,
        amount_minor: short,
      });
      carriedTotal = addMinor(carriedTotal, short, 'carried forward');
    }
    if (due.credit) dueByCredit.set(due.credit.uuid, due.due_minor);
  }
  let remainingTotal = 0;
  const balances: CreditBalance[] = [];
  for (const credit of credits) {
    const due = dueByCredit.get(credit.uuid) ?? 0;
    const remaining = credit.remaining_minor - due;
    if (remaining === 0 && due === 0) continue;
    remainingTotal = addMinor(remainingTotal, remaining, 'credit remaining');
    balances.push({
      credit_uuid: credit.uuid,
      kind: credit.kind,
      description: credit.description,
      due_minor: due,
      remaining_minor: remaining,
    });
  }
  return {
    deductions,
    deductions_minor: deducted,
    net_minor: available,
    carried_forward: carried,
    carried_forward_minor: carriedTotal,
    credits: balances,
    credit_remaining_minor: remainingTotal,
  };
}
