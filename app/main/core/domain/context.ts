import type { Kysely, Transaction } from 'kysely';
import { AppError, roleAtLeast, type HybridLogicalClock, type Role } from '../../../../shared';
import type { LocalDatabase } from '../db/schema';

export interface Session {
  userId: string;
  role: Role;
}

/** What every service needs: the database, time, the HLC, who is acting, and the organisation's zone. */
export interface CoreContext {
  db: Kysely<LocalDatabase>;
  /** Wall clock as an ISO instant; injectable for tests. */
  now(): string;
  hlc: HybridLogicalClock;
  session(): Session | null;
  orgTimeZone: string;
  /** Runs one user action as one SQLite transaction and announces the change after it commits. */
  write<T>(work: (trx: Transaction<LocalDatabase>) => Promise<T>): Promise<T>;
}

export function requireSession(ctx: CoreContext): Session {
  const session = ctx.session();
  if (!session) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return session;
}

export function requireRole(ctx: CoreContext, role: Role, action: string): Session {
  const session = requireSession(ctx);
  if (!roleAtLeast(session.role, role)) throw new AppError('FORBIDDEN', `Only a ${role} may ${action}`);
  return session;
}

/** Reads inside a write must use the transaction: SQLite has one connection, and db would wait on it. */
export type Executor = Kysely<LocalDatabase> | Transaction<LocalDatabase>;
