import { afterEach, describe, expect, it, vi } from 'vitest';
import { toMysqlDateTime } from './time';

describe('toMysqlDateTime', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes an instant as DATETIME(3) in UTC, whatever its offset', () => {
    expect(toMysqlDateTime('2026-11-20T07:45:03.120Z')).toBe('2026-11-20 07:45:03.120');
    expect(toMysqlDateTime('2026-11-20T10:45:03+03:00')).toBe('2026-11-20 07:45:03.000');
    expect(toMysqlDateTime(new Date(Date.UTC(2026, 10, 20, 7, 45, 3, 120)))).toBe('2026-11-20 07:45:03.120');
    expect(toMysqlDateTime('2026-11-20T07:45:03.120Z')).toBe('2026-11-20 07:45:03.120');
    expect(() => toMysqlDateTime('not a time')).toThrow(RangeError);
    expect(() => toMysqlDateTime('not a time')).toThrow(RangeError);
  });

  it("formats a batch's repeated instant (every row's created_at and updated_at) once", () => {
    const format = vi.spyOn(Date.prototype, 'toISOString');
    const now = '2026-11-20T07:45:03.120Z';
    for (let i = 0; i < 100; i++) {
      expect(toMysqlDateTime(now)).toBe('2026-11-20 07:45:03.120');
      expect(toMysqlDateTime(now)).toBe('2026-11-20 07:45:03.120');
    }
    expect(format.mock.calls.length).toBeLessThanOrEqual(1);
  });
});
