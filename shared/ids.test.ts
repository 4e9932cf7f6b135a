import { describe, expect, it } from 'vitest';
import { isUuidV7, newId } from './ids';

describe('newId', () => {
  it('makes distinct, time-ordered UUIDv7s', () => {
    const ids = Array.from({ length: 1000 }, newId);
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every(isUuidV7)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });
});
