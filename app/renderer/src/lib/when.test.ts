import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayLabel, readTypedTime, toZoneInput, typedTimeProblem, zoneDay, zoneDayBounds } from './when';

/** The instant a typed value reads as, or what is wrong with it. */
const read = (value: string, zone: string) => {
  const typed = readTypedTime(value, zone);
  return 'error' in typed ? typed.error : typed.at.toISOString();
};

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
    expect(read('2026-11-26T07:30', 'Africa/Nairobi')).toBe('2026-11-26T04:30:00.000Z');
    expect(read('2026-11-26T07:30', 'America/New_York')).toBe('2026-11-26T12:30:00.000Z');
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
    expect(read('2026-07-01T07:30', 'Europe/London')).toBe('2026-07-01T06:30:00.000Z');
    expect(read('2026-12-01T07:30', 'Europe/London')).toBe('2026-12-01T07:30:00.000Z');
    // The day the clocks go back is 25 hours long.
    const { from, to } = zoneDayBounds('2026-10-25', 'Europe/London');
    expect(Date.parse(to) - Date.parse(from)).toBe(25 * 3_600_000);
    for (const value of ['2026-07-01T07:30', '2026-03-29T00:59', '2026-10-25T03:00'])
      expect(toZoneInput(new Date(read(value, 'Europe/London')), 'Europe/London')).toBe(value);
  });

  // A time inside a spring-forward gap names no instant: refused beside the field rather than read as another
  // hour, since the record's date decides its price and its pay period.
  it.each([
    // London: 01:00 GMT → 02:00 BST on 29 March 2026.
    ['Europe/London', '2026-03-29T00:59', '2026-03-29T00:59:00.000Z'],
    ['Europe/London', '2026-03-29T01:00', 'That time does not exist on 2026-03-29 (clocks go forward)'],
    ['Europe/London', '2026-03-29T01:30', 'That time does not exist on 2026-03-29 (clocks go forward)'],
    ['Europe/London', '2026-03-29T01:59:30', 'That time does not exist on 2026-03-29 (clocks go forward)'],
    ['Europe/London', '2026-03-29T02:00', '2026-03-29T01:00:00.000Z'],
    // New York: 02:00 EST → 03:00 EDT on 8 March 2026.
    ['America/New_York', '2026-03-08T01:59', '2026-03-08T06:59:00.000Z'],
    ['America/New_York', '2026-03-08T02:30', 'That time does not exist on 2026-03-08 (clocks go forward)'],
    ['America/New_York', '2026-03-08T03:00', '2026-03-08T07:00:00.000Z'],
    // Lord Howe Island moves half an hour: 02:00 → 02:30 on 4 October 2026.
    ['Australia/Lord_Howe', '2026-10-04T02:15', 'That time does not exist on 2026-10-04 (clocks go forward)'],
    ['Australia/Lord_Howe', '2026-10-04T02:30', '2026-10-03T15:30:00.000Z'],
  ])('in %s reads %s as %s', (zone, value, expected) => {
    for (const machine of MACHINE_ZONES) {
      vi.stubEnv('TZ', machine);
      expect(read(value, zone)).toBe(expected);
    }
  });

  it('reads a time the clocks go back over (it happens twice) as one of its instants, and it reads back as typed', () => {
    for (const [zone, value] of [
      ['Europe/London', '2026-10-25T01:30'],
      ['America/New_York', '2026-11-01T01:30'],
    ] as const) {
      const at = read(value, zone);
      expect(toZoneInput(new Date(at), zone)).toBe(value);
    }
  });

  it('refuses what is not a real date and time', () => {
    for (const value of ['', '2026-02-30T10:00', '2026-13-01T10:00', '26/11/2026 07:30', '2026-11-26T25:00'])
      expect(read(value, 'Africa/Nairobi')).toBe('must be a date and time');
  });
});

describe('typedTimeProblem', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  it('takes now and the past within the server’s dates; refuses the future and dates the server would refuse', () => {
    expect(typedTimeProblem(new Date('2026-11-29T12:04:00Z'), now)).toBeUndefined();
    expect(typedTimeProblem(new Date('2001-03-01T08:00:00Z'), now)).toBeUndefined();
    expect(typedTimeProblem(new Date('2026-11-29T12:06:00Z'), now)).toBe('cannot be in the future');
    expect(typedTimeProblem(new Date('1999-12-31T23:00:00Z'), now)).toMatch(/^must fall between 2000-01-01/);
  });
});
