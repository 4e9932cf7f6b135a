import { z } from 'zod';
import { toDecimalString } from '../money/decimal';

/**
 * A quality reading a product is priced by (milk fat %, SNF %, density…). Values travel as integers in the
 * reading's own scale — fat 3.75 % with scale 2 is 375 — so no reading ever passes through a float.
 */

/** Readings are kept well inside the safe range so the formula's exact arithmetic never overflows a column. */
const READING_LIMIT = 1_000_000_000;

const readingKeyField = z
  .string({ error: 'must be text' })
  .regex(/^[a-z][a-z0-9_]{0,23}$/, 'must be a short lowercase name like fat or snf');

export const readingValueField = z
  .number({ error: 'must be a whole number' })
  .int('must be a whole number (readings are stored in their smallest step, e.g. 375 for 3.75)')
  .min(-READING_LIMIT, 'is too small')
  .max(READING_LIMIT, 'is too large');

export const ReadingDefSchema = z
  .strictObject({
    key: readingKeyField,
    label: z.string({ error: 'must be text' }).trim().min(1, 'is required').max(40, 'must be at most 40 characters'),
    /** Digits after the decimal point: 2 for hundredths (fat 3.75 → 375), 3 for thousandths. */
    scale: z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(0, 'cannot be negative')
      .max(3, 'must be at most 3 (thousandths)'),
    /** The plausible range (inclusive), so a slipped decimal point (37.5 for 3.75) is caught at entry. */
    min: readingValueField,
    max: readingValueField,
  })
  .superRefine((def, ctx) => {
    if (def.min > def.max)
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: `must be at least the minimum ${toDecimalString(def.min, def.scale)}`,
      });
  });
export type ReadingDef = z.infer<typeof ReadingDefSchema>;

/** Readings as a delivery carries them: `{ fat: 375, snf: 850 }`. */
export const ReadingsSchema = z.record(readingKeyField, readingValueField, {
  error: (issue) =>
    issue.code === 'invalid_key'
      ? 'is not a reading name: use a short lowercase name like fat or snf'
      : 'must be an object of readings',
});
export type Readings = z.infer<typeof ReadingsSchema>;

/** "3.75" for 375 at scale 2: a reading as a person reads it. */
export function formatReading(value: number, def: Pick<ReadingDef, 'scale'>): string {
  return toDecimalString(value, def.scale);
}

/** "0.00–15.00" */
export function formatRange(min: number, max: number, def: Pick<ReadingDef, 'scale'>): string {
  return `${formatReading(min, def)}–${formatReading(max, def)}`;
}

/** Flags a second use of the same reading key among a method's readings. */
export function checkDistinctReadings(
  defs: readonly ReadingDef[],
  path: (index: number) => PropertyKey[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Map<string, number>();
  defs.forEach((def, index) => {
    const first = seen.get(def.key);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [...path(index), 'key'],
        message: `${def.key} is already used by reading ${first + 1}`,
      });
    else seen.set(def.key, index);
  });
}

export type ReadingCheck = { ok: true; value: number } | { ok: false; field: string; message: string };

/** The delivery's value of one reading, present and within its plausible range, or the field to fix. */
export function readingOf(readings: Readings, def: ReadingDef): ReadingCheck {
  const field = `readings.${def.key}`;
  const value = readings[def.key];
  if (value === undefined) return { ok: false, field, message: `${def.label} is required` };
  if (value < def.min || value > def.max)
    return {
      ok: false,
      field,
      message: `${def.label} ${formatReading(value, def)} is outside the possible range ${formatRange(def.min, def.max, def)}`,
    };
  return { ok: true, value };
}
