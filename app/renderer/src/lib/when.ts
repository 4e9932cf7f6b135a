/** The value of an <input type="datetime-local"> ("2026-11-26T07:30") for an instant, in this computer's zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The calendar day of a datetime-local value or an instant ("2026-11-26"). */
export function localDay(value: string | Date): string {
  return toLocalInput(typeof value === 'string' ? new Date(value) : value).slice(0, 10);
}

/** [start, end) of a local calendar day as ISO instants, for listing one day's records. */
export function localDayBounds(day: string): { from: string; to: string } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { from: new Date(y, m - 1, d).toISOString(), to: new Date(y, m - 1, d + 1).toISOString() };
}

/** "Thu 26 Nov 2026" for a local day. */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}
