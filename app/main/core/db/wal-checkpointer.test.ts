import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from './connection';
import { startWalCheckpointer } from './wal-checkpointer';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('WAL checkpoints off the write path', () => {
  it('turns the in-commit checkpoint off and checkpoints between transactions once the WAL is large', () => {
    dir = mkdtempSync(join(tmpdir(), 'wal-'));
    const file = join(dir, 'desk.sqlite');
    const sqlite = openSqlite(file);
    const ticks: (() => void)[] = [];
    const checkpointer = startWalCheckpointer(sqlite, file, {
      thresholdBytes: 64 * 1024,
      setTimer: (fn) => ticks.push(fn),
      clearTimer: () => undefined,
    });
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    sqlite.exec('create table t (v text)');
    const insert = sqlite.prepare('insert into t values (?)');
    sqlite.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(200));
    })();
    // Nothing checkpointed by the commit itself: every frame is still waiting in the WAL.
    const before = sqlite.pragma('wal_checkpoint(NOOP)' as string) as { log: number; checkpointed: number }[];
    expect(before[0]!.log).toBeGreaterThan(0);
    expect(before[0]!.checkpointed).toBe(0);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(64 * 1024);

    ticks[0]!();
    expect(checkpointer.checkpoints).toBe(1);
    const after = sqlite.pragma('wal_checkpoint(NOOP)' as string) as { log: number; checkpointed: number }[];
    expect(after[0]!.checkpointed).toBe(after[0]!.log);
    checkpointer.stop();
    sqlite.close();
  });
});
