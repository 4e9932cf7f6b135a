import { describe, expect, it } from 'vitest';
import { isImplausibleQuantity, usualQuantity } from './usual-quantity';

describe('usual quantity', () => {
  it('is the median of the deliveries, so one past typo does not move it', () => {
    expect(usualQuantity([24_600, 20_000, 30_000, 100_000_000, 24_000])).toBe(24_600);
    expect(usualQuantity([10_000, 20_000, 30_000, 40_000, 50_000, 60_001])).toBe(35_000);
  });

  it('is unknown with fewer than five deliveries, so a new product never warns', () => {
    expect(usualQuantity([10_000, 10_000, 10_000, 10_000])).toBeNull();
    expect(isImplausibleQuantity(100_000_000, null)).toBe(false);
  });

  it('asks above ten times the usual, not at it', () => {
    expect(isImplausibleQuantity(246_001, 24_600)).toBe(true);
    expect(isImplausibleQuantity(246_000, 24_600)).toBe(false);
    expect(isImplausibleQuantity(100_000_000, 24_600)).toBe(true);
  });
});
