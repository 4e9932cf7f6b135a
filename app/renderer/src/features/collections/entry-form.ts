import {
  parseDecimal,
  parseQuantity,
  priceCollectionByRate,
  priceCollectionByRule,
  readingsOf,
  resolveRule,
  SCALE_UNITS,
  SHIFTS,
  toDecimalString,
  type CollectionEntry,
  type Grade,
  type ReadingDef,
  type RejectionReason,
  type Shift,
  type Tare,
} from '../../../../../shared';
import type { EntryTerms } from '../../../../../shared/ipc/types';
import { toZoneInput, zoneDay } from '../../lib/when';

/**
 * The collection entry form's logic, apart from React: which fields a product's rule in force needs at a place,
 * how the typed text becomes a CollectionEntry, and the price preview — by the same shared pricing functions the
 * core saves with, so the preview is the amount that gets saved.
 */

export interface EntryDraft {
  /** The weight as typed or taken: gross when the rule tares it, else the quantity. */
  weight: string;
  /** The weight came from the scale and has not been typed over since. */
  fromScale: boolean;
  /** Container code → count as typed. */
  containers: Record<string, string>;
  grade: string;
  /** Reading key → value as typed (3.75 for fat 3.75 %). */
  readings: Record<string, string>;
  shift: Shift;
  /** '' = the supplier's own centre. */
  centre: string;
  rejected: boolean;
  reason: RejectionReason;
  note: string;
  secondDelivery: boolean;
}

export const EMPTY_DRAFT: Omit<EntryDraft, 'shift'> = {
  weight: '',
  fromScale: false,
  containers: {},
  grade: '',
  readings: {},
  centre: '',
  rejected: false,
  reason: 'adulterated',
  note: '',
  secondDelivery: false,
};

/** What the form shows for a product at a place: only the fields its terms use. */
export interface EntryLayout {
  /** A rule prices it: the weight is gross, less the containers' tare. */
  weighs: boolean;
  tares: Tare[];
  grades: Grade[];
  readings: ReadingDef[];
  /** Nothing prices it on this date (no rule, no rate). */
  problem: string | null;
}

export function layoutOf(terms: EntryTerms | null, centre: string): EntryLayout {
  const none: EntryLayout = { weighs: false, tares: [], grades: [], readings: [], problem: null };
  if (!terms) return none;
  if (!terms.rule) {
    return terms.rate_minor === null ? { ...none, problem: `No rate or pricing rule in force on ${terms.date}` } : none;
  }
  const resolved = resolveRule(terms.rule, { route_uuid: terms.route_uuid, centre_uuid: centre || terms.centre_uuid });
  return {
    weighs: true,
    tares: resolved.tares,
    grades: resolved.rate.by === 'grade' ? resolved.rate.grades : [],
    readings: readingsOf(resolved.rate),
    problem: null,
  };
}

/** The shift remembered with the day and half-day it was chosen in, both on the org's clock. */
export interface RememberedShift {
  shift: string;
  day: string;
  half: string;
}

/** Morning until noon, evening after, on the org's clock (not this computer's): the default shift at that time. */
export function shiftAt(now: Date, timeZone: string): Shift {
  return Number(toZoneInput(now, timeZone).slice(11, 13)) < 12 ? 'morning' : 'evening';
}

/** What to remember of the clerk's choice: the shift, and the org's day and half-day it was chosen in. */
export function rememberShift(shift: Shift, now: Date, timeZone: string): RememberedShift {
  return { shift, day: zoneDay(now, timeZone), half: shiftAt(now, timeZone) };
}

/**
 * The shift to start with: the one the clerk last chose, while it is the same day and the same half of it (a clerk
 * catching up the morning's slips after noon keeps "morning"); otherwise the one the time of day says.
 */
export function initialShift(now: Date, timeZone: string, remembered: RememberedShift | null): Shift {
  const day = zoneDay(now, timeZone);
  const half = shiftAt(now, timeZone);
  if (remembered && remembered.day === day && remembered.half === half && SHIFTS.includes(remembered.shift as Shift))
    return remembered.shift as Shift;
  return half;
}

/** The entry's field names as the core names them → the form's fields (where the message shows). */
export function formFieldOf(field: string): string {
  if (field === 'gross_weight_milli' || field === 'quantity_milli') return 'weight';
  if (field.startsWith('containers')) return 'containers';
  if (field.startsWith('readings.')) return field;
  if (field === 'readings') return 'readings';
  if (field === 'supplier_uuid') return 'supplier';
  if (field === 'product_uuid') return 'product';
  if (field === 'collected_at') return 'when';
  if (field === 'centre_uuid') return 'centre';
  if (field === 'rejection_reason') return 'reason';
  if (field === 'rejection_note') return 'note';
  if (field === 'second_delivery') return 'second_delivery';
  return field;
}

/** The form's text as a CollectionEntry (minus supplier, product and date), or the fields that are wrong. */
export function buildEntry(
  draft: EntryDraft,
  layout: EntryLayout,
):
  | { ok: true; fields: Omit<CollectionEntry, 'supplier_uuid' | 'product_uuid'> }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const weight = parseQuantity(draft.weight, 'weight');
  if (!weight.ok) errors.weight = weight.error.replace(/^weight /, '');
  else if (weight.value <= 0) errors.weight = 'must be greater than zero';
  const containers: { code: string; count: number }[] = [];
  for (const tare of layout.tares) {
    const text = (draft.containers[tare.code] ?? '').trim();
    if (text === '' || text === '0') continue;
    if (!/^\d{1,4}$/.test(text)) errors.containers = `${tare.label}: count must be a whole number`;
    else containers.push({ code: tare.code, count: Number(text) });
  }
  if (layout.grades.length && !draft.grade) errors.grade = 'pick a grade';
  const readings: Record<string, number> = {};
  for (const def of layout.readings) {
    const parsed = parseDecimal(draft.readings[def.key] ?? '', { scale: def.scale, label: def.label });
    if (!parsed.ok) errors[`readings.${def.key}`] = parsed.error.replace(`${def.label} `, '');
    else readings[def.key] = parsed.value;
  }
  if (draft.rejected && draft.reason === 'other' && !draft.note.trim())
    errors.note = 'say why it was refused (the reason is “other”)';
  if (Object.keys(errors).length || !weight.ok) return { ok: false, errors };
  // A typed weight with no rule is the quantity; a weight from the scale is always kept as weighed.
  const byWeight = layout.weighs || draft.fromScale;
  return {
    ok: true,
    fields: {
      ...(byWeight ? { gross_weight_milli: weight.value } : { quantity_milli: weight.value }),
      weighed_on_scale: draft.fromScale,
      containers: JSON.stringify(containers),
      grade: layout.grades.length ? draft.grade : null,
      readings: JSON.stringify(readings),
      // Shift and centre belong to weighing by a rule; a plain-rate product keeps quick slip entry (no shift, so
      // no one-delivery-per-shift check), as before issue 18.
      shift: layout.weighs ? draft.shift : null,
      ...(layout.weighs && draft.centre ? { centre_uuid: draft.centre } : {}),
      rejection_reason: draft.rejected ? draft.reason : null,
      rejection_note: draft.rejected ? draft.note.trim() : '',
      second_delivery: draft.secondDelivery,
    },
  };
}

export type Preview =
  | { ok: true; rate_minor: number; amount_minor: number; quantity_milli: number; tare_milli: number }
  | { ok: false; problem: string };

/** The rate and amount the core will save for this draft, or what stops it (null: nothing to price yet). */
export function previewOf(
  terms: EntryTerms | null,
  layout: EntryLayout,
  draft: EntryDraft,
  productUuid: string,
): Preview | null {
  if (!terms) return null;
  if (layout.problem) return { ok: false, problem: layout.problem };
  const built = buildEntry(draft, layout);
  if (!built.ok) return null;
  const f = built.fields;
  const row = {
    product_uuid: productUuid,
    gross_weight_milli: f.gross_weight_milli ?? null,
    ...(f.quantity_milli !== undefined ? { quantity_milli: f.quantity_milli } : {}),
    containers: f.containers ?? '[]',
    grade: f.grade ?? null,
    readings: f.readings ?? '{}',
    route_uuid: terms.route_uuid,
    centre_uuid: f.centre_uuid ?? terms.centre_uuid,
    rejection_reason: f.rejection_reason ?? null,
    rejection_note: f.rejection_note ?? '',
  };
  const priced = terms.rule
    ? priceCollectionByRule(terms.rule, row)
    : priceCollectionByRate(terms.rate_minor ?? 0, row);
  if (!priced.ok) {
    const [field, message] = Object.entries(priced.errors)[0] ?? ['', 'cannot be priced'];
    return { ok: false, problem: `${field}: ${message}` };
  }
  return { ok: true, ...priced.priced };
}

/** A weight taken from the scale as the weight field's text, or why it cannot be this product's weight. */
export function weightFromScale(
  reading: { weight_milli: number; unit: string; stable: boolean },
  productUnit: string,
): { ok: true; text: string } | { ok: false; error: string } {
  if (!reading.stable) return { ok: false, error: 'the weight is not steady yet: wait for “stable”, then take it' };
  if (reading.weight_milli <= 0) return { ok: false, error: 'the scale reads nothing: put the load on the platform' };
  const unit = productUnit.trim().toLowerCase();
  if ((SCALE_UNITS as readonly string[]).includes(unit) && unit !== reading.unit)
    return { ok: false, error: `the scale weighs in ${reading.unit}, but this product is recorded in ${unit}` };
  return { ok: true, text: toDecimalString(reading.weight_milli, 3) };
}
