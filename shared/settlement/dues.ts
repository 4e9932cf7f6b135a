import { PERCENT_DENOMINATOR, type ChargeTerms } from '../domain/charges';
import type { CarriedKind, DeductionKind, SettlementPeriod } from '../domain/settlement-lines';
import type { CreditTerms } from '../domain/supplier-credits';
import type { PaymentType } from '../domain/entities/payments';
import { divRoundHalfUp, toSafeMinor } from '../money/money';
import type { BroughtForward, PaymentTotal } from './input';
import type { SupplierGross } from './gross';
import { addMinor, assertMinor, compareText } from './sums';

/** A deduction as it falls due, before gross is known to cover it. */
export interface Due {
  kind: DeductionKind;
  name: string;
  ref: string | null;
  origin: CarriedKind | null;
  due_minor: number;
  credit?: CreditTerms;
}

const CARRIED_ORDER: readonly CarriedKind[] = ['adjustment', 'advance', 'partial', 'charge', 'credit'];

/** Brought-forward amounts first (oldest debt): the same kind, name and ref merged, in an order the input never moves. */
export function broughtForwardDues(items: BroughtForward[]): Due[] {
  const merged = new Map<string, Due>();
  for (const item of items) {
    const key = `${item.kind}|${item.name}|${item.ref}`;
    const amount = assertMinor(item.amount_minor, 'brought-forward amount');
    const due = merged.get(key);
    if (due) due.due_minor = addMinor(due.due_minor, amount, 'brought forward');
    else
      merged.set(key, {
        kind: 'brought_forward',
        name: item.name,
        ref: item.ref,
        origin: item.kind,
        due_minor: amount,
      });
  }
  return [...merged.values()].sort(
    (a, b) =>
      CARRIED_ORDER.indexOf(a.origin!) - CARRIED_ORDER.indexOf(b.origin!) ||
      compareText(a.name, b.name) ||
      compareText(a.ref ?? '', b.ref ?? ''),
  );
}

const PAYMENT_NAMES: Partial<Record<PaymentType, string>> = { advance: 'Advances paid', partial: 'Part payments' };

/** Advances, then part payments, made in the period (each summed); settlement payments pay earlier runs. */
export function paymentDues(payments: PaymentTotal[]): Due[] {
  const dues: Due[] = [];
  for (const type of ['advance', 'partial'] as const) {
    let amount = 0;
    let entries = 0;
    for (const p of payments) {
      if (p.type !== type || p.voided) continue;
      amount = addMinor(amount, assertMinor(p.amount_minor, 'payment amount'), 'payments');
      entries += p.entries;
    }
    if (amount > 0)
      dues.push({
        kind: type,
        name: `${PAYMENT_NAMES[type]} (${entries})`,
        ref: null,
        origin: null,
        due_minor: amount,
      });
  }
  return dues;
}

export function chargeOrder(a: ChargeTerms, b: ChargeTerms): number {
  return a.sort_order - b.sort_order || compareText(a.code, b.code) || compareText(a.uuid, b.uuid);
}

/** Charges in their order: percent of gross and per-unit rounded once each (half up); fixed if active in the period. */
export function chargeDues(
  charges: ChargeTerms[],
  gross: SupplierGross | undefined,
  delivered: boolean,
  period: SettlementPeriod,
): Due[] {
  if (!delivered || !gross) return [];
  const dues: Due[] = [];
  for (const charge of charges) {
    let due: number;
    if (charge.kind === 'fixed') {
      const overlaps =
        charge.active_from <= period.to && (charge.active_to === null || charge.active_to >= period.from);
      due = overlaps ? charge.value : 0;
    } else {
      const base = BigInt(gross.chargeBase.get(charge.uuid) ?? 0);
      const denominator = charge.kind === 'percent' ? PERCENT_DENOMINATOR : 1000n;
      due = toSafeMinor(divRoundHalfUp(base * BigInt(charge.value), denominator), charge.name);
    }
    if (due > 0) dues.push({ kind: 'charge', name: charge.name, ref: charge.uuid, origin: null, due_minor: due });
  }
  return dues;
}

export function creditOrder(a: CreditTerms, b: CreditTerms): number {
  return compareText(a.issued_on, b.issued_on) || compareText(a.uuid, b.uuid);
}

/** The next instalment of each credit (at most what remains), oldest credit first. */
export function creditDues(credits: CreditTerms[], delivered: boolean): Due[] {
  if (!delivered) return [];
  return credits
    .map((credit) => ({
      kind: 'credit' as const,
      name: credit.description,
      ref: credit.uuid,
      origin: null,
      due_minor: Math.min(
        assertMinor(credit.instalment_minor, 'instalment'),
        assertMinor(credit.remaining_minor, 'remaining'),
      ),
      credit,
    }))
    .filter((d) => d.due_minor > 0);
}
