import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  HILL_ROUTE,
  MILK_PRODUCT,
  MILK_RULE,
  TEA_PRODUCT,
  TEA_RULE,
  UPPER_CENTRE,
} from '../../../../../shared/pricing/fixtures';
import type { EntryTerms } from '../../../../../shared/ipc/types';
import {
  buildEntry,
  EMPTY_DRAFT,
  formFieldOf,
  initialShift,
  layoutOf,
  previewOf,
  rememberShift,
  shiftAt,
  type EntryDraft,
  weightFromScale,
} from './entry-form';

const terms = (over: Partial<EntryTerms>): EntryTerms => ({
  date: '2026-03-02',
  rule: null,
  rate_minor: null,
  route_uuid: null,
  centre_uuid: null,
  centres: [],
  usual_milli: null,
  ...over,
});
const draft = (over: Partial<EntryDraft>): EntryDraft => ({ ...EMPTY_DRAFT, shift: 'morning', ...over });

describe('the entry form shows only the fields the rule in force uses', () => {
  it('a plain rate: a quantity, no grade, readings or containers', () => {
    expect(layoutOf(terms({ rate_minor: 3275 }), '')).toEqual({
      weighs: false,
      tares: [],
      grades: [],
      readings: [],
      problem: null,
    });
  });

  it('nothing in force: says so', () => {
    expect(layoutOf(terms({}), '').problem).toBe('No rate or pricing rule in force on 2026-03-02');
  });

  it('tea by grade: gross weight, its sacks and its grades; the route override’s rates; the centre’s tare', () => {
    const plain = layoutOf(terms({ rule: TEA_RULE }), '');
    expect(plain.weighs).toBe(true);
    expect(plain.grades.map((g) => `${g.code}:${g.rate_minor}`)).toEqual(['A:2400', 'B:2000', 'C:1500']);
    expect(plain.readings).toEqual([]);
    expect(plain.tares.map((t) => t.code)).toEqual(['ROPE', 'WET']);
    const hill = layoutOf(terms({ rule: TEA_RULE, route_uuid: HILL_ROUTE }), '');
    expect(hill.grades.map((g) => g.rate_minor)).toEqual([2500, 2100, 1600]);
    // The centre the clerk picks counts, not only the supplier's own.
    const upper = layoutOf(terms({ rule: TEA_RULE }), UPPER_CENTRE);
    expect(upper.tares.find((t) => t.code === 'WET')?.tare_milli).toBe(2000);
  });

  it('milk by chart: fat and SNF readings with their labels and scales, no grade', () => {
    const milk = layoutOf(terms({ rule: MILK_RULE }), '');
    expect(milk.grades).toEqual([]);
    expect(milk.readings.map((r) => `${r.label}/${r.scale}`)).toEqual(['Fat %/2', 'SNF %/2']);
  });
});

describe('building the entry', () => {
  const tea = layoutOf(terms({ rule: TEA_RULE }), '');
  const milk = layoutOf(terms({ rule: MILK_RULE }), '');

  it('tea: gross weight, counted sacks, the grade, the shift, typed', () => {
    const built = buildEntry(draft({ weight: '42.5', containers: { ROPE: '2', WET: '' }, grade: 'A' }), tea);
    expect(built).toEqual({
      ok: true,
      fields: expect.objectContaining({
        gross_weight_milli: 42_500,
        containers: '[{"code":"ROPE","count":2}]',
        grade: 'A',
        readings: '{}',
        shift: 'morning',
        weighed_on_scale: false,
        rejection_reason: null,
        second_delivery: false,
      }),
    });
  });

  it('milk: readings scaled by their rule (3.75 % → 375)', () => {
    const built = buildEntry(draft({ weight: '22.35', readings: { fat: '3.75', snf: '8.6' } }), milk);
    expect(built.ok && built.fields.readings).toBe('{"fat":375,"snf":860}');
  });

  it('names every wrong field beside itself', () => {
    const built = buildEntry(
      draft({ weight: '', containers: { ROPE: 'two' }, readings: { fat: '3.755' }, rejected: true, reason: 'other' }),
      { ...milk, grades: tea.grades, tares: tea.tares },
    );
    expect(built.ok ? null : built.errors).toEqual({
      weight: 'is required',
      containers: 'Rope sack: count must be a whole number',
      grade: 'pick a grade',
      'readings.fat': expect.stringContaining('decimal places'),
      'readings.snf': 'is required',
      note: 'say why it was refused (the reason is “other”)',
    });
  });

  it('a plain-rate product takes a typed quantity with no shift or centre, but keeps a scale weight as weighed', () => {
    const plain = layoutOf(terms({ rate_minor: 3275 }), '');
    expect(buildEntry(draft({ weight: '12', centre: UPPER_CENTRE }), plain)).toEqual({
      ok: true,
      fields: expect.objectContaining({ quantity_milli: 12_000, shift: null, second_delivery: false }),
    });
    expect(buildEntry(draft({ weight: '12', centre: UPPER_CENTRE }), plain)).not.toMatchObject({
      fields: { centre_uuid: UPPER_CENTRE },
    });
    expect(buildEntry(draft({ weight: '12.345', fromScale: true }), plain)).toMatchObject({
      ok: true,
      fields: { gross_weight_milli: 12_345, weighed_on_scale: true },
    });
  });

  it('a rejection carries its reason and note; a second delivery its confirmation', () => {
    const built = buildEntry(
      draft({ weight: '10', grade: 'B', rejected: true, reason: 'wet', note: ' soaked ', secondDelivery: true }),
      tea,
    );
    expect(built).toMatchObject({
      ok: true,
      fields: { rejection_reason: 'wet', rejection_note: 'soaked', second_delivery: true },
    });
  });
});

describe('the live price preview', () => {
  it('prices tea by grade less the sacks, exactly as the core will', () => {
    const t = terms({ rule: TEA_RULE });
    const p = previewOf(
      t,
      layoutOf(t, ''),
      draft({ weight: '42.5', containers: { ROPE: '2' }, grade: 'A' }),
      TEA_PRODUCT,
    );
    expect(p).toEqual({ ok: true, quantity_milli: 40_500, tare_milli: 2_000, rate_minor: 2400, amount_minor: 97_200 });
  });

  it('prices milk by the chart cell and says when a reading is outside it', () => {
    const t = terms({ rule: MILK_RULE });
    const layout = layoutOf(t, '');
    const ok = previewOf(t, layout, draft({ weight: '22.35', readings: { fat: '3.75', snf: '8.60' } }), MILK_PRODUCT);
    expect(ok).toMatchObject({ ok: true, rate_minor: 4600, quantity_milli: 22_350 });
    const off = previewOf(t, layout, draft({ weight: '22.35', readings: { fat: '2.5', snf: '8.60' } }), MILK_PRODUCT);
    expect(off).toMatchObject({ ok: false, problem: expect.stringContaining('readings.fat') });
  });

  it('nothing to preview until the fields parse; a rejection previews at zero', () => {
    const t = terms({ rate_minor: 3275 });
    expect(previewOf(t, layoutOf(t, ''), draft({ weight: '' }), TEA_PRODUCT)).toBeNull();
    expect(
      previewOf(t, layoutOf(t, ''), draft({ weight: '10', rejected: true, reason: 'wet' }), TEA_PRODUCT),
    ).toMatchObject({ ok: true, rate_minor: 0, amount_minor: 0 });
  });
});

/** The computer's own zone, as a desk set to the wrong one (or a travelling laptop) would have it. */
const MACHINE_ZONES = ['America/Los_Angeles', 'Asia/Tokyo', 'UTC', 'Pacific/Kiritimati'];

describe('shift', () => {
  // Node reads TZ again when it is set: the tests move "this computer" to another zone.
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('defaults by the time of day', () => {
    expect(shiftAt(new Date('2026-03-02T03:30:00Z'), 'Africa/Nairobi')).toBe('morning');
    expect(shiftAt(new Date('2026-03-02T13:00:00Z'), 'Africa/Nairobi')).toBe('evening');
  });

  it('keeps the clerk’s choice within the same day and half-day, not after', () => {
    const afternoon = new Date('2026-03-02T11:00:00Z'); // 14:00 in Nairobi
    const chosen = { shift: 'morning', day: '2026-03-02', half: 'evening' };
    expect(initialShift(afternoon, 'Africa/Nairobi', chosen)).toBe('morning');
    expect(initialShift(new Date('2026-03-03T11:00:00Z'), 'Africa/Nairobi', chosen)).toBe('evening');
    expect(initialShift(new Date('2026-03-02T06:00:00Z'), 'Africa/Nairobi', null)).toBe('morning');
  });

  it.each(MACHINE_ZONES)('reads the half-day and the day on the org’s clock, whatever the computer’s (%s)', (zone) => {
    vi.stubEnv('TZ', zone);
    // 06:30 in Nairobi is 03:30 UTC, 19:30 the day before in Los Angeles, 12:30 in Tokyo, 17:30 in Kiritimati.
    const morning = new Date('2026-03-02T03:30:00Z');
    expect(shiftAt(morning, 'Africa/Nairobi')).toBe('morning');
    expect(shiftAt(morning, 'America/Los_Angeles')).toBe('evening');
    // 23:30 on the 2nd in Nairobi is still the 2nd's evening there (the 3rd in Tokyo, midday in Kiritimati).
    const lateEvening = new Date('2026-03-02T20:30:00Z');
    expect(rememberShift('evening', lateEvening, 'Africa/Nairobi')).toEqual({
      shift: 'evening',
      day: '2026-03-02',
      half: 'evening',
    });
    // What the clerk chose at 06:30 the org's time is kept at 11:50 the same org morning, not the next morning.
    const chosen = rememberShift('evening', morning, 'Africa/Nairobi');
    expect(initialShift(new Date('2026-03-02T08:50:00Z'), 'Africa/Nairobi', chosen)).toBe('evening');
    expect(initialShift(new Date('2026-03-03T03:30:00Z'), 'Africa/Nairobi', chosen)).toBe('morning');
  });

  it('follows daylight saving in the org’s zone', () => {
    vi.stubEnv('TZ', 'Asia/Tokyo');
    // 11:30 UTC is 12:30 in London in summer (evening), 11:30 in winter (morning).
    expect(shiftAt(new Date('2026-07-01T11:30:00Z'), 'Europe/London')).toBe('evening');
    expect(shiftAt(new Date('2026-12-01T11:30:00Z'), 'Europe/London')).toBe('morning');
  });
});

describe('field errors from the core land beside their fields', () => {
  it('maps the core’s names to the form’s', () => {
    expect(
      [
        'gross_weight_milli',
        'quantity_milli',
        'containers.0.code',
        'readings.fat',
        'rejection_note',
        'second_delivery',
      ].map(formFieldOf),
    ).toEqual(['weight', 'weight', 'containers', 'readings.fat', 'note', 'second_delivery']);
  });
});

describe('a weight from the scale', () => {
  it('takes a steady weight as the field’s text, and refuses an unsteady, empty or wrong-unit one', () => {
    expect(weightFromScale({ weight_milli: 42_500, unit: 'kg', stable: true }, 'kg')).toEqual({
      ok: true,
      text: '42.500',
    });
    expect(weightFromScale({ weight_milli: 42_500, unit: 'kg', stable: false }, 'kg')).toMatchObject({ ok: false });
    expect(weightFromScale({ weight_milli: 0, unit: 'kg', stable: true }, 'kg')).toMatchObject({ ok: false });
    expect(weightFromScale({ weight_milli: 9_000, unit: 'lb', stable: true }, 'kg')).toEqual({
      ok: false,
      error: 'the scale weighs in lb, but this product is recorded in kg',
    });
    // A product counted in litres takes the scale's kilograms as they are (the office's own conversion).
    expect(weightFromScale({ weight_milli: 22_350, unit: 'kg', stable: true }, 'litre')).toMatchObject({ ok: true });
  });
});
