import { dayBounds, localDateOf, zoneOffsetMinutes } from '../../../../shared';

/**
 * Dates and times typed in entry forms are on the org's clock (session.orgTimeZone), the same clock the lists show
 * records on, whatever zone this computer is set to: "07:30" typed is 07:30 at the org, as printed on the slip.
 */

/** The value of an <input type="datetime-local"> ("2026-11-26T07:30") for an instant, on the zone's clock. */
export function toZoneInput(date: Date, timeZone: string): string {
  return new Date(date.getTime() + zoneOffsetMinutes(date, timeZone) * 60_000).toISOString().slice(0, 16);
}

/** The instant a datetime-local value names on the zone's clock; null when it is not a real date and time. */
export function instantOfInput(value: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const asUtc = new Date(`${value}Z`);
  // A day that does not exist (30 February) parses or rolls over; only a value that reads back as typed counts.
  if (Number.isNaN(asUtc.getTime()) || asUtc.toISOString().slice(0, value.length) !== value) return null;
  const first = new Date(asUtc.getTime() - zoneOffsetMinutes(asUtc, timeZone) * 60_000);
  // Once more with the offset at that instant, in case the guess straddled a daylight-saving change.
  return new Date(asUtc.getTime() - zoneOffsetMinutes(first, timeZone) * 60_000);
}

/** The calendar day ("2026-11-26") of a datetime-local value, or of an instant on the zone's clock. */
export function zoneDay(value: string | Date, timeZone: string): string {
  return typeof value === 'string' ? value.slice(0, 10) : localDateOf(value, timeZone);
}

/** [start, end) of a calendar day on the zone's clock as ISO instants, for listing one day's records. */
export function zoneDayBounds(day: string, timeZone: string): { from: string; to: string } {
  const { start, end } = dayBounds(day, timeZone);
  return { from: start, to: end };
}

/** "Thu 26 Nov 2026" for a calendar day (a date, not an instant: no zone moves it). */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}
