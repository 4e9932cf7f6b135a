import type Database from 'better-sqlite3';
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
});
