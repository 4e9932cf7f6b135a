import { describe, expect, it } from 'vitest';
import { StabilityDetector } from './stability';

const detector = (stableBy: 'auto' | 'repeat' = 'auto', toleranceMilli = 0) =>
  new StabilityDetector({ stableBy, count: 3, windowMs: 1000, toleranceMilli });

describe('StabilityDetector', () => {
  it("believes the scale's own flag where the format has one", () => {
    const d = detector();
    expect(d.next(12_345, 'kg', 0, true)).toBe(true);
    expect(d.next(12_345, 'kg', 100, false)).toBe(false);
  });

  it('otherwise needs N equal readings in a row within the window', () => {
    const d = detector();
    expect([0, 100, 200].map((at) => d.next(12_345, 'kg', at, null))).toEqual([false, false, true]);
    expect(d.next(12_350, 'kg', 300, null)).toBe(false); // moved
    expect(d.next(12_350, 'kg', 400, null)).toBe(false);
    expect(d.next(12_350, 'kg', 500, null)).toBe(true);
  });

  it('readings spread wider than the window are not stable yet', () => {
    const d = detector();
    expect([0, 900, 1800].map((at) => d.next(5_000, 'kg', at, null))).toEqual([false, false, false]);
    expect(d.next(5_000, 'kg', 1850, null)).toBe(true); // 900, 1800, 1850: within one second
  });

  it('a tolerance allows a flickering last digit; a unit change is never stable', () => {
    const d = detector('auto', 5);
    expect([12_345, 12_350, 12_346].map((w, i) => d.next(w, 'kg', i * 100, null))).toEqual([false, false, true]);
    expect(d.next(12_352, 'kg', 300, null)).toBe(false); // 12.346–12.352 spans 6
    const u = detector();
    u.next(1_000, 'kg', 0, null);
    u.next(1_000, 'lb', 100, null);
    expect(u.next(1_000, 'lb', 200, null)).toBe(false);
  });

  it('"repeat" counts even when the scale flags steadiness', () => {
    const d = detector('repeat');
    expect([0, 100, 200].map((at) => d.next(7_000, 'kg', at, true))).toEqual([false, false, true]);
  });

  it('reset forgets what came before', () => {
    const d = detector();
    d.next(1, 'kg', 0, null);
    d.next(1, 'kg', 100, null);
    d.reset();
    expect(d.next(1, 'kg', 200, null)).toBe(false);
  });
});
