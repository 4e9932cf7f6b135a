/** Dates and times as people read them, on a given clock (the org's, for records; the desk's, for its own events). */
export interface ClockOptions {
  /** IANA zone; the machine's own when absent. */
  timeZone?: string;
  locale?: string;
}

const valid = (iso: string | null | undefined): iso is string => !!iso && !Number.isNaN(Date.parse(iso));

/** "20 Nov 2026, 10:45". */
export function formatWhen(iso: string | null | undefined, clock: ClockOptions = {}): string {
  if (!valid(iso)) return 'never';
  return new Intl.DateTimeFormat(clock.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: clock.timeZone,
  }).format(new Date(iso));
}

/** "20 Nov 2026": the calendar day an instant falls on, on that clock. */
export function formatDay(iso: string | null | undefined, clock: ClockOptions = {}): string {
  if (!valid(iso)) return '—';
  return new Intl.DateTimeFormat(clock.locale, { dateStyle: 'medium', timeZone: clock.timeZone }).format(new Date(iso));
}
