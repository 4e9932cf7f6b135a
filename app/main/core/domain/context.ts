import type { Kysely, Transaction } from 'kysely';
import { AppError, assertCan, type Action, type HybridLogicalClock, type Role } from '../../../../shared';
import type { LocalClosedPeriods } from '../db/closed-periods';
import type { LocalLog } from '../db/local-log';
import type { LocalLookups } from '../db/local-lookups';
import type { LocalRows } from '../db/local-rows';
import type { LocalDatabase } from '../db/schema';

export interface Session {
  userId: string;
  role: Role;
}

/** What every service needs: the database, time, the HLC, who is acting, and the organisation's zone. */
export interface CoreContext {
  db: Kysely<LocalDatabase>;
  /** The one writer of entity rows, on the same connection: use it inside `write`. */
  rows: LocalRows;
  /** The audit entry and outbox op of a write, by prepared statements on the same connection. */
  log: LocalLog;
  /** The checks a write makes before it writes (live reference, free code), by prepared statements: use in `writeNow`. */
  lookups: LocalLookups;
  /** The periods approved runs closed, by supplier, as this desk knows them (synchronous: usable in `writeNow`). */
  closedPeriods: LocalClosedPeriods;
  /** Wall clock as an ISO instant; injectable for tests. */
  now(): string;
  hlc: HybridLogicalClock;
  session(): Session | null;
  /** The office's zone once a server has said it (stored in sync_state), else the host's default. */
  readonly orgTimeZone: string;
  /** Runs one user action as one SQLite transaction and announces the change after it commits. */
  write<T>(work: (trx: Transaction<LocalDatabase>) => Promise<T>): Promise<T>;
  /**
   * The same for work that is synchronous (checks by `lookups`, then `rows` and `log`): one SQLite transaction
   * with no await inside it and no query to compile. It waits for the connection like `write`, so it never runs
   * inside another transaction.
   */
  writeNow<T>(work: () => T): Promise<T>;
}

function requireSession(ctx: CoreContext): Session {
  const session = ctx.session();
  if (!session) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return session;
}

/** The signed-in user, if their role may do the action (shared/domain/permissions.ts). */
export function requireCan(ctx: CoreContext, action: Action): Session {
  const session = requireSession(ctx);
  assertCan(session.role, action);
  return session;
}

/** Reads inside a write must use the transaction: SQLite has one connection, and db would wait on it. */
export type Executor = Kysely<LocalDatabase> | Transaction<LocalDatabase>;
