import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandsArb, chartArb, readingDefArb, schemaErrors } from './arbitraries';
import { MILK_RULE } from './fixtures';
import { bandIndex, ChartMethodSchema, lookupChart, type ChartMethod } from './chart';

const fat = { key: 'fat', label: 'Fat %', scale: 2, min: 0, max: 1500 };

/** The milk rule's chart: fat 3.00–3.49 / 3.50–3.99 / 4.00–4.99 down the side, SNF 8.00–8.49 / 8.50–9.50 across. */
const MILK = MILK_RULE.rate as ChartMethod;

const errorsOf = (chart: unknown) => schemaErrors(ChartMethodSchema, chart);

const withFatBands = (bands: { min: number; max: number }[], rates = bands.map(() => [4000, 4200])) => ({
  ...MILK,
  axes: [{ reading: fat, bands }, MILK.axes[1]],
  rates,
});

describe('quality chart schema', () => {
  it('accepts a well-formed two-reading chart', () => {
    expect(ChartMethodSchema.parse(MILK)).toEqual(MILK);
  });

  it.each([
    [
      'overlap',
      [
        { min: 300, max: 349 },
        { min: 340, max: 399 },
      ],
      'axes.0.bands.1',
      '3.40–3.99 overlaps the band before it (3.00–3.49): start it at 3.50',
    ],
    [
      'gap',
      [
        { min: 300, max: 349 },
        { min: 360, max: 399 },
      ],
      'axes.0.bands.1',
      'leaves a gap after 3.00–3.49: Fat % 3.50–3.59 would have no rate; start this band at 3.50',
    ],
    [
      'out of order',
      [
        { min: 350, max: 399 },
        { min: 300, max: 349 },
      ],
      'axes.0.bands.1',
      '3.00–3.49 is out of order: bands go from the lowest Fat % up',
    ],
    ['backwards', [{ min: 399, max: 350 }], 'axes.0.bands.0', 'runs backwards: 3.99–3.50 (put the lower end first)'],
    [
      'outside the reading',
      [{ min: 300, max: 1600 }],
      'axes.0.bands.0',
      '3.00–16.00 lies outside what Fat % can read (0.00–15.00)',
    ],
    ['no bands', [], 'axes.0.bands', 'needs at least one band'],
  ])('names the band and the fix for a chart with %s', (_name, bands, path, message) => {
    expect(errorsOf(withFatBands(bands))).toMatchObject({ [path]: message });
  });

  it('a gap of one step is still a gap', () => {
    const errors = errorsOf(
      withFatBands([
        { min: 300, max: 349 },
        { min: 351, max: 399 },
      ]),
    );
    expect(errors['axes.0.bands.1']).toBe(
      'leaves a gap after 3.00–3.49: Fat % 3.50–3.50 would have no rate; start this band at 3.50',
    );
  });

  it('checks the rate table against the bands', () => {
    expect(errorsOf({ ...MILK, rates: MILK.rates.slice(0, 2) })).toEqual({
      rates: 'needs 3 row(s), one per Fat % band (has 2)',
    });
    expect(errorsOf({ ...MILK, rates: [[4000, 4200], [4400], [4800, 5000]] })).toEqual({
      'rates.1': 'needs 2 rate(s), one per SNF % band (has 1)',
    });
    expect(
      errorsOf({
        ...MILK,
        rates: [
          [4000, -1],
          [4400, 4600],
          [4800, 5000],
        ],
      }),
    ).toEqual({
      'rates.0.1': 'cannot be negative',
    });
    expect(
      errorsOf({
        ...MILK,
        rates: [
          [4000, 4200.5],
          [4400, 4600],
          [4800, 5000],
        ],
      }),
    ).toEqual({
      'rates.0.1': 'must be a whole number',
    });
    const oneReading = { by: 'chart', axes: [MILK.axes[0]], rates: [[1], [2, 3], [4]] };
    expect(errorsOf(oneReading)).toEqual({ 'rates.1': 'needs exactly one rate (has 2)' });
  });

  it('refuses the same reading on both axes, three axes, and a reading range that runs backwards', () => {
    expect(errorsOf({ ...MILK, axes: [MILK.axes[0], { ...MILK.axes[0] }] })).toMatchObject({
      'axes.1.reading.key': 'fat is already used by reading 1',
    });
    expect(errorsOf({ ...MILK, axes: [...MILK.axes, MILK.axes[0]] })).toMatchObject({
      axes: 'may use at most two readings',
    });
    expect(
      errorsOf({ ...MILK, axes: [{ ...MILK.axes[0], reading: { ...fat, min: 100, max: 50 } }, MILK.axes[1]] }),
    ).toMatchObject({
      'axes.0.reading.max': 'must be at least the minimum 1.00',
    });
    expect(
      errorsOf({ ...MILK, axes: [{ ...MILK.axes[0], reading: { ...fat, scale: 4 } }, MILK.axes[1]] }),
    ).toMatchObject({
      'axes.0.reading.scale': 'must be at most 3 (thousandths)',
    });
  });

  it('accepts every generated contiguous chart', () => {
    fc.assert(
      fc.property(chartArb, (chart) => {
        expect(ChartMethodSchema.safeParse(chart).success).toBe(true);
      }),
    );
  });
});

describe('chart lookup', () => {
  it('reads the cell for both readings', () => {
    expect(lookupChart(MILK, { fat: 375, snf: 860 })).toEqual({ ok: true, rate_minor: 4600, cell: [1, 1] });
    expect(lookupChart(MILK, { fat: 300, snf: 800 })).toEqual({ ok: true, rate_minor: 4000, cell: [0, 0] });
    expect(lookupChart(MILK, { fat: 499, snf: 950 })).toEqual({ ok: true, rate_minor: 5000, cell: [2, 1] });
  });

  it('says which reading is missing, implausible or outside the chart', () => {
    expect(lookupChart(MILK, { fat: 375 })).toEqual({ ok: false, field: 'readings.snf', message: 'SNF % is required' });
    expect(lookupChart(MILK, { fat: 3750, snf: 860 })).toEqual({
      ok: false,
      field: 'readings.fat',
      message: 'Fat % 37.50 is outside the possible range 0.00–15.00',
    });
    expect(lookupChart(MILK, { fat: 299, snf: 860 })).toEqual({
      ok: false,
      field: 'readings.fat',
      message: 'Fat % 2.99 is outside the chart (3.00–4.99): reject the delivery or correct the reading',
    });
    expect(lookupChart(MILK, { fat: 400, snf: 951 })).toMatchObject({ ok: false, field: 'readings.snf' });
  });

  it('at every band boundary: min and max fall in the band, one step beyond falls in the next or outside', () => {
    fc.assert(
      fc.property(
        readingDefArb('fat').chain((def) => bandsArb(def)),
        (bands) => {
          bands.forEach((band, i) => {
            expect(bandIndex(bands, band.min)).toBe(i);
            expect(bandIndex(bands, band.max)).toBe(i);
            expect(bandIndex(bands, band.min - 1)).toBe(i - 1);
            expect(bandIndex(bands, band.max + 1)).toBe(i + 1 < bands.length ? i + 1 : -1);
          });
        },
      ),
    );
  });

  it('agrees with a linear scan of the table for any reading (oracle)', () => {
    fc.assert(
      fc.property(
        chartArb.chain((chart) =>
          fc.tuple(
            fc.constant(chart),
            fc.tuple(...chart.axes.map((a) => fc.integer({ min: a.reading.min - 3, max: a.reading.max + 3 }))),
          ),
        ),
        ([chart, values]) => {
          const readings = Object.fromEntries(chart.axes.map((a, i) => [a.reading.key, values[i]!]));
          const indexes = chart.axes.map((axis, i) =>
            axis.bands.findIndex((band) => band.min <= values[i]! && values[i]! <= band.max),
          );
          const result = lookupChart(chart, readings);
          if (indexes.some((index) => index < 0)) expect(result.ok).toBe(false);
          else
            expect(result).toEqual({ ok: true, rate_minor: chart.rates[indexes[0]!]![indexes[1] ?? 0], cell: indexes });
        },
      ),
    );
  });
});
