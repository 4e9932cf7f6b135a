import type { CreditBalance } from '../domain/settlement-lines';

/**
 * What remains of each credit: its principal less every instalment that fell due in an approved run (recovered
 * then, or carried forward — either way it left the credit's balance). `dues` are the credit balances of the
 * lines of approved runs; both the server (before a run) and the desks (on the supplier's screen) use this.
 */
export function creditRemaining(
  credits: readonly { uuid: string; principal_minor: number }[],
  dues: Iterable<Pick<CreditBalance, 'credit_uuid' | 'due_minor'>>,
): Map<string, number> {
  const due = new Map<string, number>();
  for (const d of dues) due.set(d.credit_uuid, (due.get(d.credit_uuid) ?? 0) + d.due_minor);
  return new Map(credits.map((c) => [c.uuid, Math.max(0, c.principal_minor - (due.get(c.uuid) ?? 0))]));
}
