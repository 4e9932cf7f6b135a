import { describe, expect, it } from 'vitest';
import { formatDay, formatWhen } from './clock';

describe('dates on a given clock', () => {
  it("shows an instant on the org's clock, not the machine's", () => {
    const clock = { timeZone: 'Africa/Nairobi', locale: 'en-GB' };
    expect(formatWhen('2026-11-20T22:30:00.000Z', clock)).toBe('21 Nov 2026, 01:30');
    expect(formatDay('2026-11-20T22:30:00.000Z', clock)).toBe('21 Nov 2026');
    expect(formatWhen('2026-11-20T22:30:00.000Z', { timeZone: 'UTC', locale: 'en-GB' })).toBe('20 Nov 2026, 22:30');
  });

  it('says so when there is no time', () => {
    expect(formatWhen(null)).toBe('never');
    expect(formatWhen('not a date')).toBe('never');
    expect(formatDay(undefined)).toBe('—');
  });
});
