import { z } from 'zod';
import { instantField } from '../domain/fields';
import { SCALE_UNITS } from './settings';

/** Scales this reader serves weigh at most this many thousandths (a million units): anything past it is noise. */
const SCALE_LIMIT_MILLI = 1_000_000_000;

/** One weight read from the scale: thousandths of the unit it reports, steady or not, and when. */
export const ScaleReadingSchema = z.strictObject({
  /** May be slightly negative: an empty platform that drifted below zero. */
  weight_milli: z
    .number()
    .int('must be a whole number')
    .min(-SCALE_LIMIT_MILLI, 'is below what a scale reads')
    .max(SCALE_LIMIT_MILLI, 'is above what a scale reads'),
  unit: z.enum(SCALE_UNITS),
  stable: z.boolean(),
  at: instantField,
  /** Gross or net (the scale's own tare taken) where the format says; null where it does not. */
  mode: z.enum(['gross', 'net']).nullable(),
});
export type ScaleReading = z.infer<typeof ScaleReadingSchema>;
