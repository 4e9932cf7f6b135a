import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from './connection';
import { backstopPages, startWalCheckpointer } from './wal-checkpointer';

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
    // SQLite's in-commit checkpoint waits for 4× the threshold (64 pages of 4 KB), a backstop only.
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(backstopPages(64 * 1024, 4096));
    expect(backstopPages(64 * 1024, 4096)).toBe(64);
    sqlite.exec('create table t (v text)');
    const insert = sqlite.prepare('insert into t values (?)');
    sqlite.transaction(() => {
      // Past the threshold (64 KB), short of the backstop (256 KB).
      for (let i = 0; i < 600; i++) insert.run('x'.repeat(200));
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

  it('keeps the WAL bounded when writes come back to back and the timer never gets to run', () => {
    dir = mkdtempSync(join(tmpdir(), 'wal-'));
    const file = join(dir, 'desk.sqlite');
    const sqlite = openSqlite(file);
    // A loop of awaited writes resolves in microtasks: the event loop never reaches the timer.
    const checkpointer = startWalCheckpointer(sqlite, file, {
      thresholdBytes: 64 * 1024,
      setTimer: () => undefined,
      clearTimer: () => undefined,
    });
    sqlite.exec('create table t (v text)');
    const insert = sqlite.prepare('insert into t values (?)');
    const write = sqlite.transaction(() => {
      for (let i = 0; i < 10; i++) insert.run('x'.repeat(200));
    });
    for (let i = 0; i < 500; i++) write();
    // Unbounded, 500 commits leave ~2 MB of WAL; the backstop restarts it at 256 KB.
    expect(statSync(`${file}-wal`).size).toBeLessThan(2 * 256 * 1024);
    expect(checkpointer.checkpoints).toBe(0);
    checkpointer.stop();
    sqlite.close();
  });
});
