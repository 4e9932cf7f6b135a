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
});
