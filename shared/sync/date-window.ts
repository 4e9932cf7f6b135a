import { isIsoDate } from '../dates';

/**
 * The dates a record may plausibly carry: a paid_at in year 10000 or 1970 is a typo or an attack, and the
 * server's DATETIME column could not hold the first. The server's window is configurable
 * (DATE_WINDOW_FROM / DATE_WINDOW_TO); `to` is exclusive.
 */
export interface DateWindow {
  from: string;
  to: string;
}

export const DEFAULT_DATE_WINDOW: DateWindow = { from: '2000-01-01', to: '2100-01-01' };

const startOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The window's ends in ms, worked out for the last window asked about (a server has one, from its config). */
let bounds: { from: string; to: string; fromMs: number; toMs: number } | null = null;

/** The window's ends as UTC milliseconds: `from` inclusive, `to` exclusive (NaN for an end that is no date). */
export function dateWindowMs(window: DateWindow): { fromMs: number; toMs: number } {
  if (bounds?.from !== window.from || bounds.to !== window.to)
    bounds = { from: window.from, to: window.to, fromMs: startOf(window.from), toMs: startOf(window.to) };
  return bounds;
}

/** The problem with an instant (ISO-8601, any offset) or a calendar date outside the window, or null. */
export function outsideDateWindow(value: string, window: DateWindow = DEFAULT_DATE_WINDOW): string | null {
  const ms = isIsoDate(value) ? startOf(value) : Date.parse(value);
  const { fromMs, toMs } = dateWindowMs(window);
  if (Number.isNaN(ms) || ms < fromMs || ms >= toMs)
    return `must fall between ${window.from} and ${window.to} (exclusive)`;
  return null;
}

/** A window read from configuration, or the reason it cannot be one. */
export function parseDateWindow(from: string, to: string): DateWindow | string {
  if (!isIsoDate(from) || !isIsoDate(to)) return 'DATE_WINDOW_FROM and DATE_WINDOW_TO must be dates as YYYY-MM-DD';
  if (from >= to) return 'DATE_WINDOW_FROM must come before DATE_WINDOW_TO';
  if (from < '0001-01-01' || to > '9999-12-31') return 'the date window must lie within years 0001 to 9999';
  return { from, to };
}
