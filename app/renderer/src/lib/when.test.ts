import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayLabel, instantOfInput, toZoneInput, zoneDay, zoneDayBounds } from './when';

/** The computer's own zone, as a desk set to the wrong one (or a travelling laptop) would have it. */
const MACHINE_ZONES = ['America/Los_Angeles', 'Asia/Tokyo', 'UTC', 'Pacific/Kiritimati'];

// Node reads TZ again when it is set: the test moves "this computer" to another zone.
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('typed times on the org’s clock', () => {
  it.each(MACHINE_ZONES)('reads a typed time in the org’s zone, whatever the computer’s zone (%s)', (zone) => {
    vi.stubEnv('TZ', zone);
    // This computer's own reading of "07:30" is another instant (what the form did before)…
    expect(new Date('2026-11-26T07:30').toISOString()).not.toBe('2026-11-26T04:30:00.000Z');
    // …the form's is 07:30 in Nairobi.
    expect(instantOfInput('2026-11-26T07:30', 'Africa/Nairobi')?.toISOString()).toBe('2026-11-26T04:30:00.000Z');
    expect(instantOfInput('2026-11-26T07:30', 'America/New_York')?.toISOString()).toBe('2026-11-26T12:30:00.000Z');
    expect(toZoneInput(new Date('2026-11-26T04:30:00Z'), 'Africa/Nairobi')).toBe('2026-11-26T07:30');
    // The day an instant falls on, and the day's bounds, are the org's too.
    expect(zoneDay(new Date('2026-11-26T22:30:00Z'), 'Africa/Nairobi')).toBe('2026-11-27');
    expect(zoneDay(new Date('2026-11-26T22:30:00Z'), 'America/New_York')).toBe('2026-11-26');
    expect(zoneDayBounds('2026-11-26', 'Africa/Nairobi')).toEqual({
      from: '2026-11-25T21:00:00.000Z',
      to: '2026-11-26T21:00:00.000Z',
    });
    expect(dayLabel('2026-11-26')).toMatch(/26/);
  });

  it('follows daylight saving in the org’s zone, and shows what it reads', () => {
    vi.stubEnv('TZ', 'Asia/Tokyo');
    expect(instantOfInput('2026-07-01T07:30', 'Europe/London')?.toISOString()).toBe('2026-07-01T06:30:00.000Z');
    expect(instantOfInput('2026-12-01T07:30', 'Europe/London')?.toISOString()).toBe('2026-12-01T07:30:00.000Z');
    // The day the clocks go back is 25 hours long.
    const { from, to } = zoneDayBounds('2026-10-25', 'Europe/London');
    expect(Date.parse(to) - Date.parse(from)).toBe(25 * 3_600_000);
    for (const value of ['2026-07-01T07:30', '2026-03-29T00:59', '2026-10-25T03:00'])
      expect(toZoneInput(instantOfInput(value, 'Europe/London')!, 'Europe/London')).toBe(value);
  });

  it('refuses what is not a real date and time', () => {
    for (const value of ['', '2026-02-30T10:00', '2026-13-01T10:00', '26/11/2026 07:30', '2026-11-26T25:00'])
      expect(instantOfInput(value, 'Africa/Nairobi')).toBeNull();
  });
});
