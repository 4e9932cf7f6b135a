import { AppError } from '../../../shared';

/**
 * This instance's open live streams, by user: each user may hold at most `perUser` at once (one per desk is
 * the normal case), so a leaked or looping token cannot pin the instance's sockets; shutdown ends them all.
 */
export class LiveStreams {
  private byUser = new Map<string, Set<() => void>>();

  constructor(private readonly perUser: number) {}

  /** Registers a stream's `end`; throws RATE_LIMITED when the user already holds the maximum. */
  open(userId: string, end: () => void): () => void {
    const own = this.byUser.get(userId) ?? new Set<() => void>();
    if (own.size >= this.perUser) {
      throw new AppError(
        'RATE_LIMITED',
        `This account already has ${own.size} live connections open (at most ${this.perUser}); close a desk or wait for one to end`,
      );
    }
    own.add(end);
    this.byUser.set(userId, own);
    return () => {
      own.delete(end);
      if (own.size === 0 && this.byUser.get(userId) === own) this.byUser.delete(userId);
    };
  }

  endAll(): void {
    for (const own of [...this.byUser.values()]) for (const end of [...own]) end();
  }

  count(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }
}
