import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../test-support';

describe('local database', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('opens with WAL, synchronous=FULL, foreign keys and a busy timeout, fully migrated', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    expect(core.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(core.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(core.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = core.sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'audit',
        'collections',
        'conflicts',
        'outbox',
        'payments',
        'product_rates',
        'products',
        'suppliers',
        'sync_log',
        'sync_state',
      ]),
    );
    const plan = core.sqlite
      .prepare('explain query plan select * from collections where supplier_uuid = ? and collected_at >= ?')
      .all('x', '2026');
    expect(JSON.stringify(plan)).toContain('collections_supplier_at');
  });

  it('commits replayable work (a push answer) without waiting for the disk, and every local write with FULL', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    const synchronous = () => core.sqlite.pragma('synchronous', { simple: true });
    expect(await core.transactReplayable(synchronous)).toBe(1);
    expect(synchronous()).toBe(2);
    // Restored when the work throws (its transaction rolled back) ...
    await expect(
      Promise.resolve().then(() =>
        core.transactReplayable(() => {
          throw new Error('refused answer');
        }),
      ),
    ).rejects.toThrow('refused answer');
    expect(synchronous()).toBe(2);
    // ... and for writes queued behind it while a Kysely transaction held the connection.
    let release!: () => void;
    const held = core.db.transaction().execute(() => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const answer = core.transactReplayable(synchronous);
    const local = core.ctx.writeNow(synchronous);
    const kysely = core.ctx.write(async (trx) => {
      await trx.selectFrom('sync_state').selectAll().execute();
      return synchronous();
    });
    release();
    await held;
    expect([await answer, await local, await kysely]).toEqual([1, 2, 2]);
    expect(synchronous()).toBe(2);
  });
});
