import { describe, expect, it } from 'vitest';
import { outsideDateWindow, parseDateWindow } from './date-window';

describe('date window', () => {
  it('takes instants by their UTC moment, and dates, inside [from, to)', () => {
    expect(outsideDateWindow('2026-11-20T08:00:00+03:00')).toBeNull();
    expect(outsideDateWindow('2000-01-01')).toBeNull();
    expect(outsideDateWindow('2099-12-31T23:59:59.999Z')).toBeNull();
    expect(outsideDateWindow('2100-01-01T00:00:00Z')).toMatch(/2000-01-01 and 2100-01-01/);
    expect(outsideDateWindow('1999-12-31T23:59:59Z')).not.toBeNull();
    expect(outsideDateWindow('9999-12-31T23:00:00-05:00')).not.toBeNull();
    expect(outsideDateWindow('not a date')).not.toBeNull();
  });

  it('uses a configured window', () => {
    const window = parseDateWindow('2020-01-01', '2030-01-01');
    expect(window).toEqual({ from: '2020-01-01', to: '2030-01-01' });
    expect(outsideDateWindow('2019-06-01', window as { from: string; to: string })).not.toBeNull();
    expect(parseDateWindow('2030-01-01', '2020-01-01')).toMatch(/before/);
    expect(parseDateWindow('2030-13-01', '2040-01-01')).toMatch(/YYYY-MM-DD/);
  });
});
