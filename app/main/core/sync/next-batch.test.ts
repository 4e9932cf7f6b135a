import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../test-support';
import { nextBatch, startBatches } from './outbox';

describe('the next push batch', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('ends before its payloads pass the size limit, and the next one starts at the op left out', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    const notes = 'n'.repeat(400);
    await core.suppliers.createMany(Array.from({ length: 30 }, (_, i) => ({ code: `B-${i}`, name: `B ${i}`, notes })));
    const local = { sqlite: core.sqlite, transact: core.transact };
    const cursor = await startBatches(core.db);
    const first = await nextBatch(local, cursor, 500, undefined, 5_000);
    const size = (ops: typeof first) => ops.reduce((n, op) => n + op.payload.length, 0);
    expect(first.length).toBeGreaterThan(1);
    expect(first.length).toBeLessThan(30);
    expect(size(first)).toBeLessThanOrEqual(5_000);
    const second = await nextBatch(local, cursor, 500, undefined, 5_000);
    expect(second[0]!.id).toBe(first.at(-1)!.id + 1);
    expect(size(second)).toBeLessThanOrEqual(5_000);
  });

  it('still sends one op larger than the limit, alone', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    await core.suppliers.createMany([{ code: 'HUGE', name: 'Huge', notes: 'h'.repeat(900) }]);
    const batch = await nextBatch(
      { sqlite: core.sqlite, transact: core.transact },
      await startBatches(core.db),
      500,
      undefined,
      100,
    );
    expect(batch).toHaveLength(1);
  });
});
