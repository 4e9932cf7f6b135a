import { codeField, codeKey } from '../../../../../shared';
import type { ClashDecision } from '../../../../../shared/ipc/inputs';
import type { CodeClash } from '../../../../../shared/ipc/types';

export type Clash = Omit<CodeClash, 'server_row'>;
export interface Choice {
  action: ClashDecision['action'];
  code: string;
}

/** The desk's proposal for each clash: a new code (to be typed) when a supplier's names differ, else merge. */
export function initialChoices(clashes: readonly Clash[]): Record<string, Choice> {
  return Object.fromEntries(clashes.map((c) => [c.local_uuid, { action: c.suggested, code: '' }]));
}

/** The field key of a clash's new code: the core names the same key when the server has the code already. */
export const codeFieldOf = (index: number) => `decisions.${index}.code`;

/** New codes checked before asking: well formed, not the clashing code again, not given twice. */
export function checkChoices(clashes: readonly Clash[], choices: Record<string, Choice>): Record<string, string> {
  const errors: Record<string, string> = {};
  const given = new Set<string>();
  clashes.forEach((clash, i) => {
    const choice = choices[clash.local_uuid];
    if (choice?.action !== 'recode') return;
    const parsed = codeField.safeParse(choice.code);
    const key = codeKey(choice.code);
    if (!parsed.success) errors[codeFieldOf(i)] = parsed.error.issues[0]?.message ?? 'is not a valid code';
    else if (key === codeKey(clash.code))
      errors[codeFieldOf(i)] = `must differ from ${clash.code}, which the office uses`;
    else if (given.has(`${clash.entity_type}:${key}`)) errors[codeFieldOf(i)] = 'is given to two records';
    given.add(`${clash.entity_type}:${key}`);
  });
  return errors;
}

/** One decision per clash, in the clashes' order (so a field error's index names the same row). */
export function decisionsOf(clashes: readonly Clash[], choices: Record<string, Choice>): ClashDecision[] {
  return clashes.map((clash) => {
    const choice = choices[clash.local_uuid];
    return choice?.action === 'recode'
      ? { local_uuid: clash.local_uuid, action: 'recode', code: choice.code.trim() }
      : { local_uuid: clash.local_uuid, action: 'merge' };
  });
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function carried(clash: Clash): string {
  const { collections, payments } = clash.moves;
  return clash.entity_type === 'suppliers'
    ? `${count(collections, 'collection')} and ${count(payments, 'payment')}`
    : count(collections, 'collection');
}

/**
 * What the confirmation says will happen, one line per record (and one per product whose local pricing is
 * dropped): exactly what merges onto which office record, and what moves with it.
 */
export function summaryLines(clashes: readonly Clash[], choices: Record<string, Choice>): string[] {
  const lines: string[] = [];
  for (const clash of clashes) {
    const kind = clash.entity_type === 'suppliers' ? 'Supplier' : 'Product';
    const choice = choices[clash.local_uuid];
    const local = `${kind} ${clash.code} “${clash.local_name}”`;
    if (choice?.action === 'recode') {
      lines.push(`${local} stays separate under the new code ${choice.code.trim()}, with its ${carried(clash)}.`);
      continue;
    }
    lines.push(`${local} → the office’s “${clash.server_name}”: ${carried(clash)} move onto it.`);
    const { rates, rules, priced_by_rule: byRule } = clash.local_pricing;
    if (rates + rules === 0) continue;
    const pricing = [rates ? count(rates, 'rate') : '', rules ? count(rules, 'pricing rule') : ''].filter(Boolean);
    lines.push(
      `${pricing.join(' and ')} set on this computer for ${clash.code} will not be sent; the office’s rates apply.`,
    );
    if (byRule)
      lines.push(
        `${count(byRule, 'collection')} priced by a pricing rule made here will wait in Needs attention, to be priced the office’s way.`,
      );
  }
  return lines;
}
