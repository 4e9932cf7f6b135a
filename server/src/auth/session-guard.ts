import type { Kysely } from 'kysely';
import { AppError } from '../../../shared';
import type { ServerDatabase } from '../db/schema';
import type { AccessClaims } from '../plugins/auth';

/** A user's state changed (deactivated, activated) or one sign-in (refresh-token family) was revoked. */
export type SessionChange = { kind: 'user' | 'family'; id: string };

/** How instances tell each other about a session change (Redis pub/sub in a multi-instance deployment). */
export interface SessionBus {
  publish(change: SessionChange): void;
  listen(onChange: (change: SessionChange) => void): void;
}

interface UserState {
  active: boolean;
  generation: number;
  at: number;
}

interface Watcher {
  claims: AccessClaims;
  end: () => void;
  expiry: NodeJS.Timeout | undefined;
}

/** Bounds the caches: past this many entries they are emptied rather than pruned one by one. */
const MAX_CACHED = 10_000;

/**
 * Decides on every authenticated request whether an access token may still be used: its user is active and
 * still at the token's generation, and its sign-in has not been revoked. What it reads is cached for
 * `cacheMs`; a change made on this instance (sign-out, refresh-token reuse) drops the cache at once and is
 * published on the bus, so every other instance drops it too. Live streams are watched: a change ends the
 * affected streams at once, a periodic re-check ends them within `cacheMs` even if a message was lost, and
 * each stream ends when its token expires.
 */
export class SessionGuard {
  private users = new Map<string, UserState>();
  private families = new Map<string, { revoked: boolean; at: number }>();
  private watchers = new Set<Watcher>();
  private timer: NodeJS.Timeout | undefined;
  /** Moves on with every change heard: a read that began before a change must not refill the cache with it. */
  private epoch = 0;

  constructor(
    private readonly db: Kysely<ServerDatabase>,
    private readonly options: { cacheMs: number; bus?: SessionBus; now?: () => number },
  ) {
    options.bus?.listen((change) => this.heard(change));
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Throws UNAUTHENTICATED (or UNAVAILABLE when the database cannot say) unless the token may be used. */
  async check(claims: AccessClaims): Promise<void> {
    let refusal: string | null;
    try {
      refusal = await this.refusal(claims);
    } catch {
      throw new AppError('UNAVAILABLE', 'The server database is unavailable; retry later');
    }
    if (refusal) throw new AppError('UNAUTHENTICATED', refusal);
  }

  /** Why the token may not be used, or null. */
  private async refusal(claims: AccessClaims): Promise<string | null> {
    const user = await this.user(claims.sub);
    if (!user || !user.active) return 'The account is no longer active';
    // Tokens from before generations existed carry none: they were signed at generation 0.
    if ((claims.gen ?? 0) !== user.generation) return 'This sign-in was ended by an administrator; sign in again';
    if (claims.fam && (await this.familyRevoked(claims.fam))) return 'This sign-in has ended; sign in again';
    return null;
  }

  private async user(id: string): Promise<UserState | null> {
    const cached = this.users.get(id);
    if (cached && this.now() - cached.at < this.options.cacheMs) return cached;
    const epoch = this.epoch;
    const row = await this.db
      .selectFrom('users')
      .select(['active', 'token_generation'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const state = { active: Number(row.active) === 1, generation: Number(row.token_generation), at: this.now() };
    if (this.users.size >= MAX_CACHED) this.users.clear();
    if (epoch === this.epoch) this.users.set(id, state);
    return state;
  }

  private async familyRevoked(id: string): Promise<boolean> {
    const cached = this.families.get(id);
    if (cached && this.now() - cached.at < this.options.cacheMs) return cached.revoked;
    const epoch = this.epoch;
    const row = await this.db
      .selectFrom('refresh_tokens')
      .select('id')
      .where('family_id', '=', id)
      .where('revoked_at', 'is not', null)
      .limit(1)
      .executeTakeFirst();
    if (this.families.size >= MAX_CACHED) this.families.clear();
    if (epoch === this.epoch) this.families.set(id, { revoked: !!row, at: this.now() });
    return !!row;
  }

  /** A change made on this instance: acted on here at once and told to every other instance. */
  changed(change: SessionChange): void {
    this.heard(change);
    this.options.bus?.publish(change);
  }

  private heard(change: SessionChange): void {
    this.epoch += 1;
    if (change.kind === 'user') this.users.delete(change.id);
    else this.families.delete(change.id);
    const affected = [...this.watchers].filter((w) =>
      change.kind === 'user' ? w.claims.sub === change.id : w.claims.fam === change.id,
    );
    void this.recheck(affected);
  }

  /** Ends `end`'s stream when the token may no longer be used, or when it expires. Returns the unwatch. */
  watch(claims: AccessClaims, end: () => void): () => void {
    const untilExpiry = claims.exp ? claims.exp * 1000 - this.now() : undefined;
    const watcher: Watcher = {
      claims,
      end,
      expiry: untilExpiry === undefined ? undefined : setTimeout(end, Math.max(0, untilExpiry)),
    };
    this.watchers.add(watcher);
    // The backstop for a lost bus message or a change made without one (another process, no Redis).
    this.timer ??= setInterval(() => void this.recheck([...this.watchers]), Math.max(1000, this.options.cacheMs));
    return () => {
      clearTimeout(watcher.expiry);
      this.watchers.delete(watcher);
      if (this.watchers.size === 0) this.stop();
    };
  }

  private async recheck(watchers: Watcher[]): Promise<void> {
    for (const watcher of watchers) {
      try {
        if (await this.refusal(watcher.claims)) watcher.end();
      } catch {
        // The database is down: the stream stays; the next re-check asks again.
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  get watched(): number {
    return this.watchers.size;
  }
}
