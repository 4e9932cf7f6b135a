import { z } from 'zod';
import { nonNegativeInt } from '../domain/fields';
import {
  checkDistinctReadings,
  formatRange,
  formatReading,
  readingOf,
  ReadingDefSchema,
  readingValueField,
  type ReadingDef,
  type Readings,
} from './readings';

/**
 * A quality chart: the rate looked up from a table of ranges over one or two readings, laid out as buyers
 * print them — bands of the first reading down the side, bands of the second across the top, a rate in each
 * cell. Bands are inclusive integer ranges in the reading's scale ("3.50–3.59" is {min: 350, max: 359}), in
 * ascending order, each starting one step after the one before: no overlap, no gap, so every reading inside
 * the chart has exactly one rate.
 */

const MAX_BANDS = 200;

const BandSchema = z.strictObject({ min: readingValueField, max: readingValueField });
export type Band = z.infer<typeof BandSchema>;

const ChartAxisSchema = z.strictObject({
  reading: ReadingDefSchema,
  bands: z
    .array(BandSchema, { error: 'must be a list of bands' })
    .min(1, 'needs at least one band')
    .max(MAX_BANDS, `may have at most ${MAX_BANDS} bands`),
});
type ChartAxis = z.infer<typeof ChartAxisSchema>;

export const ChartMethodSchema = z
  .strictObject({
    by: z.literal('chart'),
    axes: z
      .array(ChartAxisSchema, { error: 'must be a list of readings' })
      .min(1, 'needs one or two readings')
      .max(2, 'may use at most two readings'),
    /** rates[i][j]: minor units per unit for band i of the first reading and band j of the second (one column with one reading). */
    rates: z.array(z.array(nonNegativeInt, { error: 'must be a list of rates' }), {
      error: 'must be a table of rates',
    }),
  })
  .superRefine((chart, ctx) => {
    checkDistinctReadings(
      chart.axes.map((a) => a.reading),
      (i) => ['axes', i, 'reading'],
      ctx,
    );
    chart.axes.forEach((axis, a) => checkBands(axis, (b) => ['axes', a, 'bands', b], ctx));
    checkRateTable(chart.axes, chart.rates, ctx);
  });
export type ChartMethod = z.infer<typeof ChartMethodSchema>;

function checkBands(axis: ChartAxis, path: (band: number) => PropertyKey[], ctx: z.RefinementCtx): void {
  const def = axis.reading;
  const range = (band: Band) => formatRange(band.min, band.max, def);
  axis.bands.forEach((band, b) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: path(b), message });
    if (band.min > band.max) {
      issue(`runs backwards: ${range(band)} (put the lower end first)`);
      return;
    }
    if (band.min < def.min || band.max > def.max) {
      issue(`${range(band)} lies outside what ${def.label} can read (${formatRange(def.min, def.max, def)})`);
      return;
    }
    const before = axis.bands[b - 1];
    if (!before || before.min > before.max) return;
    const next = before.max + 1;
    if (band.min < before.min) issue(`${range(band)} is out of order: bands go from the lowest ${def.label} up`);
    else if (band.min < next)
      issue(`${range(band)} overlaps the band before it (${range(before)}): start it at ${formatReading(next, def)}`);
    else if (band.min > next)
      issue(
        `leaves a gap after ${range(before)}: ${def.label} ${formatRange(next, band.min - 1, def)} would have no rate; start this band at ${formatReading(next, def)}`,
      );
  });
}

function checkRateTable(axes: ChartAxis[], rates: number[][], ctx: z.RefinementCtx): void {
  const [rows, columns] = axes;
  if (!rows) return;
  const width = columns ? columns.bands.length : 1;
  if (rates.length !== rows.bands.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['rates'],
      message: `needs ${rows.bands.length} row(s), one per ${rows.reading.label} band (has ${rates.length})`,
    });
    return;
  }
  rates.forEach((row, r) => {
    if (row.length !== width)
      ctx.addIssue({
        code: 'custom',
        path: ['rates', r],
        message: columns
          ? `needs ${width} rate(s), one per ${columns.reading.label} band (has ${row.length})`
          : `needs exactly one rate (has ${row.length})`,
      });
  });
}

export function chartReadings(chart: ChartMethod): ReadingDef[] {
  return chart.axes.map((axis) => axis.reading);
}

export type ChartLookup =
  { ok: true; rate_minor: number; cell: number[] } | { ok: false; field: string; message: string };

/** The band holding a value (bands are validated contiguous and ascending), or -1 outside the chart. */
export function bandIndex(bands: readonly Band[], value: number): number {
  let low = 0;
  let high = bands.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const band = bands[middle]!;
    if (value < band.min) high = middle - 1;
    else if (value > band.max) low = middle + 1;
    else return middle;
  }
  return -1;
}

/** The chart's rate for a delivery's readings, or which reading falls outside it. */
export function lookupChart(chart: ChartMethod, readings: Readings): ChartLookup {
  const cell: number[] = [];
  for (const axis of chart.axes) {
    const reading = readingOf(readings, axis.reading);
    if (!reading.ok) return reading;
    const index = bandIndex(axis.bands, reading.value);
    if (index < 0) {
      const first = axis.bands[0]!;
      const last = axis.bands[axis.bands.length - 1]!;
      return {
        ok: false,
        field: `readings.${axis.reading.key}`,
        message: `${axis.reading.label} ${formatReading(reading.value, axis.reading)} is outside the chart (${formatRange(first.min, last.max, axis.reading)}): reject the delivery or correct the reading`,
      };
    }
    cell.push(index);
  }
  const rate = chart.rates[cell[0]!]?.[cell[1] ?? 0];
  // The schema guarantees a rate in every cell; a table that bypassed it is refused rather than priced.
  if (rate === undefined) return { ok: false, field: 'rule', message: 'the chart has no rate for these readings' };
  return { ok: true, rate_minor: rate, cell };
}
