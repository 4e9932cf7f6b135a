import { describe, expect, it } from 'vitest';
import { SyncHttpError } from './http-client';
import type { OutboxRow } from './outbox';
import { StuckBatchWatch } from './stuck-batch';

const ops = (...ids: string[]) => ids.map((op_id) => ({ op_id }) as OutboxRow);
const healthy = async () => true;
const down = async () => false;
const fiveHundred = new SyncHttpError('server', 'boom', 503, 'UNAVAILABLE');

describe('StuckBatchWatch', () => {
  it('splits only after the same head fails on a healthy server `threshold` times', async () => {
    const watch = new StuckBatchWatch(3);
    expect(await watch.judge(ops('a', 'b'), fiveHundred, healthy)).toBe('retry-later');
    expect(await watch.judge(ops('a', 'b'), fiveHundred, healthy)).toBe('retry-later');
    expect(await watch.judge(ops('a', 'b'), fiveHundred, healthy)).toBe('halve');
    // Once splitting, each failing half is split again at once, down to one op.
    expect(await watch.judge(ops('a'), fiveHundred, healthy)).toBe('isolate');
  });

  it('counts afresh when the head of the queue changes', async () => {
    const watch = new StuckBatchWatch(2);
    expect(await watch.judge(ops('a'), fiveHundred, healthy)).toBe('retry-later');
    expect(await watch.judge(ops('b'), fiveHundred, healthy)).toBe('retry-later');
    expect(await watch.judge(ops('b'), fiveHundred, healthy)).toBe('isolate');
  });

  it('never splits for network trouble, rate limits, or a server that says it cannot serve', async () => {
    const watch = new StuckBatchWatch(1);
    expect(await watch.judge(ops('a'), new SyncHttpError('network', 'down'), healthy)).toBe('retry-later');
    expect(await watch.judge(ops('a'), new SyncHttpError('server', 'slow down', 429), healthy)).toBe('retry-later');
    expect(await watch.judge(ops('a'), fiveHundred, down)).toBe('retry-later');
    expect(await watch.judge(ops('a'), new Error('bug'), healthy)).toBe('retry-later');
  });
});
