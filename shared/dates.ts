/** Calendar helpers. Dates are "YYYY-MM-DD"; instants are ISO-8601 UTC strings. */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone (the organisation's, for pricing a collection). */
export function localDateOf(instant: string | Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return formatter.format(date);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Normalises any parseable instant to ISO-8601 UTC with milliseconds. */
export function toIsoInstant(value: string | Date): string {
  return (typeof value === 'string' ? new Date(value) : value).toISOString();
}

/** Minutes the zone is ahead of UTC at an instant (Nairobi: +180). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The UTC instants where a calendar day starts and ends in a zone: [start, end). */
export function dayBounds(date: string, timeZone: string): { start: string; end: string } {
  const startOf = (d: string) => {
    const guess = new Date(`${d}T00:00:00Z`);
    let instant = new Date(guess.getTime() - zoneOffsetMinutes(guess, timeZone) * 60_000);
    // Once more, in case the first guess straddled a daylight-saving change.
    instant = new Date(guess.getTime() - zoneOffsetMinutes(instant, timeZone) * 60_000);
    return instant.toISOString();
  };
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { start: startOf(date), end: startOf(next.toISOString().slice(0, 10)) };
}
