import { dayBounds, localDateOf, zoneOffsetMinutes, outsideDateWindow } from '../../../../shared';

/**
 * Dates and times typed in entry forms are on the org's clock (session.orgTimeZone), the same clock the lists show
 * records on, whatever zone this computer is set to: "07:30" typed is 07:30 at the org, as printed on the slip.
 */

/** The value of an <input type="datetime-local"> ("2026-11-26T07:30") for an instant, on the zone's clock. */
export function toZoneInput(date: Date, timeZone: string): string {
  return new Date(date.getTime() + zoneOffsetMinutes(date, timeZone) * 60_000).toISOString().slice(0, 16);
}

/** What a typed datetime-local value names on the zone's clock: its instant, or why it names none. */
export type TypedTime = { at: Date } | { error: string };

/**
 * The instant a datetime-local value names on the zone's clock. Not a real date and time, or a time the zone's
 * clocks skip when they go forward (01:30 on London's spring-forward day), names none: a money record's date
 * decides its price and pay period, so the clerk is asked rather than given the hour after. A time the clocks go
 * back over happens twice; it reads as one of the two, which shows back as typed.
 */
export function readTypedTime(value: string, timeZone: string): TypedTime {
  const notReal = { error: 'must be a date and time' };
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return notReal;
  const asUtc = new Date(`${value}Z`);
  // A day that does not exist (30 February) parses or rolls over; only a value that reads back as typed counts.
  if (Number.isNaN(asUtc.getTime()) || asUtc.toISOString().slice(0, value.length) !== value) return notReal;
  const first = new Date(asUtc.getTime() - zoneOffsetMinutes(asUtc, timeZone) * 60_000);
  // Once more with the offset at that instant, in case the guess straddled a daylight-saving change.
  const at = new Date(asUtc.getTime() - zoneOffsetMinutes(first, timeZone) * 60_000);
  // Inside a gap no offset makes the instant read back as typed: it shows as another hour of the day.
  if (toZoneInput(at, timeZone) !== value.slice(0, 16))
    return { error: `That time does not exist on ${value.slice(0, 10)} (clocks go forward)` };
  return { at };
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

/**
 * What is wrong with a typed record time the form would otherwise send, or undefined: later than a few minutes
 * from now, or outside the dates the server takes (it would refuse the record later, in Needs attention).
 */
export function typedTimeProblem(at: Date, now = Date.now()): string | undefined {
  if (at.getTime() > now + 5 * 60_000) return 'cannot be in the future';
  return outsideDateWindow(at.toISOString()) ?? undefined;
}
