import { describe, expect, it } from 'vitest';
import { clockIn } from './reports';

/** The quarter-hour offset cache gives what Intl gives, across a daylight-saving change. */
describe('clockIn', () => {
  it('matches Intl minute by minute over a DST change and in a half-hour zone', () => {
    for (const zone of ['Europe/London', 'Australia/Adelaide', 'Africa/Nairobi', 'UTC']) {
      const intl = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      const when = clockIn(zone);
      // 2026-03-29 (Europe) and 2026-04-05 (Adelaide) change offset; walk 2 days in 7-minute steps.
      for (const start of [Date.UTC(2026, 2, 28), Date.UTC(2026, 3, 4)]) {
        for (let t = start; t < start + 2 * 86_400_000; t += 7 * 60_000) {
          const iso = new Date(t).toISOString();
          expect(when(iso), `${zone} ${iso}`).toBe(intl.format(new Date(t)).replace(',', ''));
        }
      }
    }
  });
});
