/**
 * "2026-11-28 06:31": when a page was printed, on the office's clock like every time on it, so a page printed
 * on any desk (or by the headless client) reads the same clock as the records it lists.
 */
export function printedAtIn(timeZone: string, iso: string): string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return format.format(new Date(iso)).replace(',', '');
}
