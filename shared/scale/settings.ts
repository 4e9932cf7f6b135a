import { z } from 'zod';

/**
 * How a desk talks to its scale: the serial port, its line settings, the scale's continuous-output format and
 * how a steady weight is recognised. One schema for the settings screen, the CLI and the stored setting.
 */

/**
 * Continuous-output formats the reader understands:
 * - `st-gs`: a header then the weight, e.g. `ST,GS,+  12.345kg` / `US,NT,-0.120 kg` / `OL,GS,...` (ST stable,
 *   US unstable, OL overload; GS gross, NT net) — the A&D-style line many indicators send;
 * - `plain`: just the weight and perhaps a unit, e.g. `   12.345 kg` (no stable flag: steadiness is counted);
 * - `toledo`: Mettler Toledo continuous output — STX, three status bytes, 6-digit weight, 6-digit tare, CR.
 */
export const SCALE_FORMATS = ['st-gs', 'plain', 'toledo'] as const;
export type ScaleFormat = (typeof SCALE_FORMATS)[number];

export const SCALE_UNITS = ['kg', 'g', 'lb', 't', 'oz'] as const;
export type ScaleUnit = (typeof SCALE_UNITS)[number];

export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

export const ScaleSettingsSchema = z.strictObject({
  /** /dev/ttyUSB0, /dev/pts/3, COM3… */
  port: z.string({ error: 'must be text' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  baud_rate: z
    .number({ error: 'must be a whole number' })
    .refine((rate) => (BAUD_RATES as readonly number[]).includes(rate), `must be one of: ${BAUD_RATES.join(', ')}`),
  data_bits: z.union([z.literal(7), z.literal(8)], { error: 'must be 7 or 8' }).default(8),
  parity: z.enum(['none', 'even', 'odd'], { error: 'must be one of: none, even, odd' }).default('none'),
  stop_bits: z.union([z.literal(1), z.literal(2)], { error: 'must be 1 or 2' }).default(1),
  format: z.enum(SCALE_FORMATS, { error: `must be one of: ${SCALE_FORMATS.join(', ')}` }),
  /** The unit a frame is in when it does not say. */
  unit: z.enum(SCALE_UNITS, { error: `must be one of: ${SCALE_UNITS.join(', ')}` }).default('kg'),
  /** `auto`: the scale's own stable flag where its format has one, else repeated readings; `repeat`: always count. */
  stable_by: z.enum(['auto', 'repeat'], { error: 'must be auto or repeat' }).default('auto'),
  /** Counting: this many readings in a row, within the window and the tolerance, make a weight stable. */
  stable_count: z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(2, 'must be at least 2')
    .max(50, 'must be at most 50')
    .default(5),
  stable_window_ms: z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(100, 'must be at least 100 ms')
    .max(10_000, 'must be at most 10000 ms')
    .default(1500),
  stable_tolerance_milli: z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'cannot be negative')
    .max(1000, 'must be at most 1000 (one whole unit)')
    .default(0),
});
export type ScaleSettings = z.infer<typeof ScaleSettingsSchema>;
export type ScaleSettingsInput = z.input<typeof ScaleSettingsSchema>;
