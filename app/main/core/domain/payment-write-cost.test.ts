import type Database from 'better-sqlite3';
import { Session } from 'node:inspector';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempCore } from '../test-support';

/** What one payment write costs in work, not time (docs/performance.md "Local write (3)"). */
describe('the cost of one payment write', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await cleanup?.();
  });

  it('runs six prepared statements, prepares none and builds its JSON once', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    const supplier = await core.suppliers.create({ code: 'S-1', name: 'Counted' });
    const pay = (amount: number) =>
      core.payments.create({ supplier_uuid: supplier.uuid, amount_minor: amount, type: 'partial', method: 'cash' });
    await pay(1); // the first write prepares its statements once per connection

    // Every statement runs through these prototype methods, better-sqlite3's own begin and commit included.
    const statement = Object.getPrototypeOf(core.sqlite.prepare('select 1')) as Database.Statement;
    const runs = (['run', 'get', 'all', 'iterate'] as const).map((method) => vi.spyOn(statement, method));
    const prepares = vi.spyOn(core.sqlite, 'prepare');
    const stringify = vi.spyOn(JSON, 'stringify');
    const writes = 10;
    for (let i = 0; i < writes; i++) await pay(100 + i);
    const executed = runs.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    const counts = { prepared: prepares.mock.calls.length, stringified: stringify.mock.calls.length };
    vi.restoreAllMocks();

    // begin, the supplier reference check, the payment row, its audit entry, its outbox op, commit.
    expect(executed / writes).toBe(6);
    // Kysely prepared begin, the reference read and commit on every write.
    expect(counts.prepared).toBe(0);
    // The audit entry of a create shares the outbox payload's JSON.
    expect(counts.stringified / writes).toBe(1);
  });

  it('takes the connection without Kysely and makes no transaction function', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    const supplier = await core.suppliers.create({ code: 'S-1', name: 'Counted' });
    const pay = (amount: number) =>
      core.payments.create({ supplier_uuid: supplier.uuid, amount_minor: amount, type: 'partial', method: 'cash' });
    await pay(1);

    const connections = vi.spyOn(core.db, 'connection');
    const transactions = vi.spyOn(core.sqlite, 'transaction');
    for (let i = 0; i < 10; i++) await pay(100 + i);
    // Before: each write built a Kysely instance to hold the connection, and four transaction wrappers.
    expect(connections).not.toHaveBeenCalled();
    expect(transactions).not.toHaveBeenCalled();
  });

  it('allocates under 14 KB per write, so scavenges (among the slowest writes) come less often', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    core.sqlite.pragma('synchronous = OFF'); // what is counted is memory, not the disk
    const supplier = await core.suppliers.create({ code: 'S-1', name: 'Counted' });
    const pay = (amount: number) =>
      core.payments.create({ supplier_uuid: supplier.uuid, amount_minor: amount, type: 'partial', method: 'cash' });
    for (let i = 1; i <= 500; i++) await pay(i); // statements prepared, code optimised

    const writes = 2000;
    const bytes = await allocatedBy(async () => {
      for (let i = 1; i <= writes; i++) await pay(i);
    });
    // ~21 KB before: the row built as `{ ...base, ...values }` (~3 KB), Kysely's connection hold and a
    // transaction function per write (~7 KB); ~9 KB now, of which two uuids take ~2 KB.
    expect(bytes / writes).toBeLessThan(14 * 1024);
  });
});

/**
 * Bytes V8 allocated while `work` ran, collected or not, by its sampling heap profiler (one sample per ~128
 * bytes: over megabytes the count is exact to a percent). heapUsed deltas are not: old-space allocation
 * buffers are counted as they are handed out.
 */
async function allocatedBy(work: () => Promise<void>): Promise<number> {
  const session = new Session();
  session.connect();
  const post = <R>(method: string, params?: object) =>
    new Promise<R>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as R))),
    );
  try {
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', {
      samplingInterval: 128,
      includeObjectsCollectedByMinorGC: true,
      includeObjectsCollectedByMajorGC: true,
    });
    await work();
    const { profile } = await post<{ profile: { head: SamplingNode } }>('HeapProfiler.stopSampling');
    const total = (node: SamplingNode): number =>
      node.children.reduce((sum, child) => sum + total(child), node.selfSize);
    return total(profile.head);
  } finally {
    session.disconnect();
  }
}

interface SamplingNode {
  selfSize: number;
  children: SamplingNode[];
}
