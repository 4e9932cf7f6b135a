import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';

export interface CheckpointerOptions {
  /** Checkpoint once the WAL holds this many bytes (SQLite's own default is ~1,000 pages, 4 MB). */
  thresholdBytes?: number;
  everyMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Moves WAL checkpoints off the write path: SQLite's automatic checkpoint runs inside the commit that crosses
 * the threshold (the p99 of local writes), so a passive checkpoint runs from a timer, between transactions,
 * whenever the WAL has grown past the threshold (a pull, an import or plain work). SQLite's own stays only as
 * a backstop at 4× the threshold: writes awaited back to back never let the event loop reach the timer (they
 * resolve in microtasks), and a WAL left to grow to hundreds of MB made every commit ~1.5× slower.
 */
/** SQLite's in-commit checkpoint, in pages: only when the timer has not run while the WAL grew 4× its threshold. */
export const backstopPages = (thresholdBytes: number, pageSize: number) => Math.ceil((4 * thresholdBytes) / pageSize);

export function startWalCheckpointer(sqlite: Database.Database, filename: string, options: CheckpointerOptions = {}) {
  const threshold = options.thresholdBytes ?? 4 * 1024 * 1024;
  const set = options.setTimer ?? ((fn: () => void, ms: number) => setInterval(fn, ms).unref());
  const clear = options.clearTimer ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout));
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  sqlite.pragma(`wal_autocheckpoint = ${backstopPages(threshold, pageSize)}`);
  const walSize = () => {
    try {
      return statSync(`${filename}-wal`).size;
    } catch {
      return 0;
    }
  };
  let checkpoints = 0;
  const tick = () => {
    if (!sqlite.open || sqlite.inTransaction || walSize() < threshold) return;
    sqlite.pragma('wal_checkpoint(PASSIVE)');
    checkpoints += 1;
  };
  const handle = filename === ':memory:' ? null : set(tick, options.everyMs ?? 1000);
  return {
    tick,
    get checkpoints() {
      return checkpoints;
    },
    stop() {
      if (handle !== null) clear(handle);
    },
  };
}
