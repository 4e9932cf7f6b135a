import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';

type Listener = (cursor: string) => void;

/**
 * Announces "changes up to seq N" to live subscribers. Local commits announce at once; while anyone listens,
 * the clock row is also polled, so commits made by other server processes are announced too.
 */
export class LiveHub {
  private listeners = new Set<Listener>();
  private lastSeq = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Kysely<ServerDatabase>,
    private readonly pollMs = 1000,
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.timer) this.timer = setInterval(() => void this.poll(), this.pollMs);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  committed(seq: number): void {
    if (seq <= this.lastSeq) return;
    this.lastSeq = seq;
    for (const listener of this.listeners) listener(String(seq));
  }

  private async poll(): Promise<void> {
    try {
      const { rows } = await sql<{ seq: number }>`select seq from sync_clock where id = 1`.execute(this.db);
      const seq = Number(rows[0]?.seq ?? 0);
      if (this.lastSeq === 0) this.lastSeq = seq;
      else this.committed(seq);
    } catch {
      // The database is down: the next poll tries again; subscribers keep their connection.
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}
