import { describe, expect, it } from 'vitest';
import { simulate, summary } from './simulate';

/** CI's short simulation: two fixed seeds with faults on, and proof that the invariants can fail. */
describe('multi-desk fault simulation', () => {
  it.each([1, 2])(
    'seed %i: 3 desks, 500 steps, faults on — every invariant holds',
    async (seed) => {
      const report = await simulate({ seed, desks: 3, ops: 500, faults: true });
      if (!report.ok) console.log(summary(report));
      expect(report.invariants.filter((i) => !i.held).map((i) => `${i.name}: ${i.detail}`)).toEqual([]);
      expect(report.acknowledged).toBeGreaterThan(250);
      expect(
        (report.faults.deskCrashes ?? 0) + (report.faults.serverRestarts ?? 0) + (report.faults.mysqlKills ?? 0),
      ).toBeGreaterThan(5);
    },
    240_000,
  );

  it('catches a server whose idempotency is broken (the invariants can fail)', async () => {
    const report = await simulate({ seed: 1, desks: 3, ops: 300, faults: true, breakIdempotency: true });
    expect(report.ok).toBe(false);
    expect(report.replay).toContain('--break idempotency');
    expect(report.invariants.find((i) => i.name.startsWith('1.'))!.held).toBe(false);
  }, 240_000);
});
