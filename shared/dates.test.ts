import { describe, expect, it } from 'vitest';
import { dayBounds, isIsoDate, localDateOf, zoneOffsetMinutes } from './dates';

describe('dates', () => {
  it('validates calendar dates', () => {
    expect(['2026-02-28', '2028-02-29'].map(isIsoDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '26-01-01', ''].map(isIsoDate)).toEqual([false, false, false, false]);
  });

  it('finds the local date and day bounds in a zone', () => {
    expect(localDateOf('2026-10-31T22:30:00Z', 'Africa/Nairobi')).toBe('2026-11-01');
    expect(zoneOffsetMinutes(new Date('2026-06-01T00:00:00Z'), 'Africa/Nairobi')).toBe(180);
    expect(dayBounds('2026-11-01', 'Africa/Nairobi')).toEqual({
      start: '2026-10-31T21:00:00.000Z',
      end: '2026-11-01T21:00:00.000Z',
    });
    expect(dayBounds('2026-11-01', 'UTC')).toEqual({
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-11-02T00:00:00.000Z',
    });
    // A daylight-saving day is 23 hours long.
    const dst = dayBounds('2026-03-29', 'Europe/London');
    expect(dst).toEqual({ start: '2026-03-29T00:00:00.000Z', end: '2026-03-29T23:00:00.000Z' });
  });
});
