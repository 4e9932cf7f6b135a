import { sql, type Kysely } from 'kysely';
import type { SyncMetrics } from '../../../../shared/ipc/types';
import type { LocalDatabase } from '../db/schema';

/** Totals over the sync log (docs/architecture.md "The desk's sync engine"). Rates are shares of runs; the conflict rate is per pushed op. */
export async function syncMetrics(db: Kysely<LocalDatabase>): Promise<SyncMetrics> {
  const row = await db
    .selectFrom('sync_log')
    .select([
      sql<number>`count(*)`.as('runs'),
      sql<number>`coalesce(sum(outcome in ('success', 'conflict')), 0)`.as('ok'),
      sql<number>`coalesce(avg(duration_ms), 0)`.as('mean'),
      sql<number>`coalesce(sum(pushed), 0)`.as('pushed'),
      sql<number>`coalesce(sum(pulled), 0)`.as('pulled'),
      sql<number>`coalesce(sum(conflicts), 0)`.as('conflicts'),
      sql<number>`coalesce(sum(errors), 0)`.as('errors'),
      sql<number>`coalesce(sum(bytes_sent), 0)`.as('sent'),
      sql<number>`coalesce(sum(bytes_received), 0)`.as('received'),
    ])
    .executeTakeFirstOrThrow();
  const runs = Number(row.runs);
  const pushedOrConflicted = Number(row.pushed) + Number(row.conflicts);
  return {
    runs,
    successRate: runs ? Number(row.ok) / runs : 0,
    conflictRate: pushedOrConflicted ? Number(row.conflicts) / pushedOrConflicted : 0,
    meanDurationMs: Math.round(Number(row.mean)),
    pushed: Number(row.pushed),
    pulled: Number(row.pulled),
    conflicts: Number(row.conflicts),
    errors: Number(row.errors),
    bytesSent: Number(row.sent),
    bytesReceived: Number(row.received),
  };
}

export async function recentSyncLog(db: Kysely<LocalDatabase>, limit = 50) {
  return db.selectFrom('sync_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
