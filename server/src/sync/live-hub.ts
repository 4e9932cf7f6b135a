import { sql, type Kysely } from 'kysely';
import type { LiveMessage } from '../../../shared';
import type { ServerDatabase } from '../db/schema';

type Listener = (message: LiveMessage) => void;

/** What instances tell each other: "changes up to seq N", or a conflict's id (stored or settled). */
export type BusNotice = { seq: number } | { conflict: string };

/** How instances tell each other (Redis pub/sub in a multi-instance deployment). */
export interface LiveBus {
  publish(notice: BusNotice): void;
  /** Starts delivering other instances' (and this one's) announcements. */
  listen(onNotice: (notice: BusNotice) => void): void;
}

/** How many of its own conflict notices an instance remembers, to know them when the bus hands them back. */
const AWAITED_ECHOES = 200;

export interface LiveHubOptions {
  bus?: LiveBus;
  /** Polling the clock row: the only cross-process signal without a bus; a backstop for lost messages with one. */
  pollMs?: number;
}

/**
 * Announces "changes up to seq N" to this instance's live subscribers. Local commits announce at once and are
 * published on the bus, so subscribers of every other instance hear them too. While anyone listens the clock
 * row is also polled, which catches commits by processes without the bus and messages the bus lost.
 */
export class LiveHub {
  private listeners = new Set<Listener>();
  private lastSeq = 0;
  /** This instance's conflict notices not yet heard back from the bus (told locally already). */
  private awaitedEchoes: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly pollMs: number;

  constructor(
    private readonly db: Kysely<ServerDatabase>,
    private readonly options: LiveHubOptions = {},
  ) {
    this.pollMs = options.pollMs ?? (options.bus ? 5000 : 1000);
    options.bus?.listen((notice) =>
      'seq' in notice ? this.announce(notice.seq) : this.heardConflict(notice.conflict),
    );
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.timer) this.timer = setInterval(() => void this.poll(), this.pollMs);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** A commit on this instance. */
  committed(seq: number): void {
    this.announce(seq);
    this.options.bus?.publish({ seq });
  }

  /** A conflict stored or settled on this instance: every supervisor's desk should look at once. */
  conflict(id: string): void {
    this.announceConflict(id);
    if (!this.options.bus) return;
    this.awaitedEchoes.push(id);
    if (this.awaitedEchoes.length > AWAITED_ECHOES) this.awaitedEchoes.shift();
    this.options.bus.publish({ conflict: id });
  }

  /** A conflict notice from the bus: another instance's, or this one's own coming back (told already). */
  private heardConflict(id: string): void {
    const own = this.awaitedEchoes.indexOf(id);
    if (own >= 0) this.awaitedEchoes.splice(own, 1);
    else this.announceConflict(id);
  }

  private announce(seq: number): void {
    // "Changes up to N" covers every smaller seq: a late or repeated smaller notice says nothing new.
    if (seq <= this.lastSeq) return;
    this.lastSeq = seq;
    for (const listener of this.listeners) listener({ type: 'changes', cursor: String(seq) });
  }

  private announceConflict(id: string): void {
    for (const listener of this.listeners) listener({ type: 'conflict', conflict_id: id });
  }

  private async poll(): Promise<void> {
    try {
      const { rows } = await sql<{ seq: number }>`select seq from sync_clock where id = 1`.execute(this.db);
      const seq = Number(rows[0]?.seq ?? 0);
      if (this.lastSeq === 0) this.lastSeq = seq;
      else this.announce(seq);
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
