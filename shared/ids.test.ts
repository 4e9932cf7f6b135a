import { describe, expect, it, vi } from 'vitest';
import { isUuidV7, newId } from './ids';

describe('newId', () => {
  it('makes distinct, time-ordered UUIDv7s', () => {
    const ids = Array.from({ length: 1000 }, newId);
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every(isUuidV7)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it('draws random bytes in blocks, not once per id (an import makes two ids a line)', () => {
    const draws = vi.spyOn(globalThis.crypto, 'getRandomValues');
    try {
      const ids = Array.from({ length: 2000 }, newId);
      expect(new Set(ids).size).toBe(2000);
      expect(draws.mock.calls.length).toBeLessThanOrEqual(10);
    } finally {
      draws.mockRestore();
    }
  });
});
