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
 * the threshold (the p99 of local writes), so it is turned off and a passive checkpoint runs from a timer,
 * between transactions, whenever the WAL has grown past the threshold (a pull, an import or plain work).
 */
export function startWalCheckpointer(sqlite: Database.Database, filename: string, options: CheckpointerOptions = {}) {
  const threshold = options.thresholdBytes ?? 4 * 1024 * 1024;
  const set = options.setTimer ?? ((fn: () => void, ms: number) => setInterval(fn, ms).unref());
  const clear = options.clearTimer ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout));
  sqlite.pragma('wal_autocheckpoint = 0');
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
