import { SHIFT_LABELS, type Shift } from '../domain/shifts';
import { REJECTION_REASON_LABELS, type RejectionReason } from './delivery';
import { formatReading, ReadingsSchema } from './readings';
import { readingsOf, RuleTermsSchema } from './rule';

/** What a statement or summary line says about how a collection was graded, tested and taken. */
export interface CollectionFacts {
  grade: string | null;
  readings: string;
  shift: Shift | null;
  rejection_reason: RejectionReason | null;
  rejection_note: string;
  /** The terms of the rule version it was priced by (to label and scale its readings), if any. */
  terms: string | null;
}

/** "Fat % 3.75, SNF % 8.60": readings as a person reads them, labelled by the rule that priced them. */
function describeReadings(readingsText: string, termsText: string | null): string {
  const readings = ReadingsSchema.safeParse(safeJson(readingsText));
  if (!readings.success) return '';
  const terms = termsText ? RuleTermsSchema.safeParse(safeJson(termsText)) : null;
  const defs = terms?.success ? readingsOf(terms.data.rate) : [];
  return Object.entries(readings.data)
    .map(([key, value]) => {
      const def = defs.find((d) => d.key === key);
      return def ? `${def.label} ${formatReading(value, def)}` : `${key} ${value}`;
    })
    .join(', ');
}

/** "grade A · morning" or "Fat % 3.75, SNF % 8.60 · evening · REFUSED: wet". */
export function describeCollection(facts: CollectionFacts): string {
  return describeWith(facts, describeReadings(facts.readings, facts.terms));
}

/**
 * `describeCollection` for many lines (a statement): the readings of each rule version are parsed once per
 * distinct text, not once per line.
 */
export function collectionDescriber(): (facts: CollectionFacts) => string {
  const byTerms = new Map<string | null, Map<string, string>>();
  return (facts) => {
    let known = byTerms.get(facts.terms);
    if (!known) byTerms.set(facts.terms, (known = new Map()));
    let readings = known.get(facts.readings);
    if (readings === undefined) known.set(facts.readings, (readings = describeReadings(facts.readings, facts.terms)));
    return describeWith(facts, readings);
  };
}

function describeWith(facts: CollectionFacts, readings: string): string {
  const parts: string[] = [];
  if (facts.grade) parts.push(`grade ${facts.grade}`);
  if (readings) parts.push(readings);
  if (facts.shift) parts.push(SHIFT_LABELS[facts.shift].toLowerCase());
  if (facts.rejection_reason)
    parts.push(
      `REFUSED: ${REJECTION_REASON_LABELS[facts.rejection_reason].toLowerCase()}${facts.rejection_note ? ` (${facts.rejection_note})` : ''}`,
    );
  return parts.join(' · ');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
