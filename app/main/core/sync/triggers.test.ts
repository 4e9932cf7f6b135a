import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncEngine } from './sync-engine';
import { attachTriggers } from './triggers';

/** A local-write source the test fires by hand, and an engine that records its triggers. */
function harness(debounceMs: number, maxWaitMs: number) {
  let fire = () => undefined as void;
  const fired: number[] = [];
  const engine = { trigger: () => fired.push(Date.now()) } as unknown as SyncEngine;
  const detach = attachTriggers(
    engine,
    {
      localWrite: (f) => {
        fire = f;
        return () => undefined;
      },
    },
    debounceMs,
    maxWaitMs,
  );
  return { write: () => fire(), fired, detach };
}

describe('local-write trigger', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('a burst of writes syncs once, a second after the last', () => {
    const { write, fired } = harness(1000, 5000);
    for (let i = 0; i < 10; i++) {
      write();
      vi.advanceTimersByTime(50);
    }
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([1450]);
  });

  it('writes that never pause still sync: at most maxWait after the first unsent write', () => {
    // A clerk (or a scale) recording every 0.5 s would otherwise keep postponing the sync forever.
    const { write, fired } = harness(1000, 5000);
    for (let t = 0; t < 12_000; t += 500) {
      write();
      vi.advanceTimersByTime(500);
    }
    expect(fired).toEqual([5000, 10_000]);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([5000, 10_000, 12_500]);
  });

  it('detaching cancels a sync still waiting', () => {
    const { write, fired, detach } = harness(1000, 5000);
    write();
    detach();
    vi.advanceTimersByTime(10_000);
    expect(fired).toEqual([]);
  });
});
