import type { Kysely } from 'kysely';
import {
  DEFAULT_PULL_LIMIT,
  ENTITY_TYPES,
  MAX_CATCH_UP_LIMIT,
  MAX_PULL_LIMIT,
  type EntityType,
  type PullRequest,
  type PullResponse,
  type WireRow,
} from '../../../shared';
import { entityTable } from '../db/entity-table';
import type { ServerDatabase } from '../db/schema';
import { toMysqlDateTime } from '../db/time';
import { fromDb, toWire } from './rows';

/**
 * One page of changes after a cursor (docs/protocol.md "Pull"). All tables are read in one REPEATABLE READ snapshot, and
 * pushes take seqs in commit order, so a page never shows a seq while a smaller one is still uncommitted:
 * pulling until has_more is false sees every change committed before the first page, with no duplicates.
 */
export async function pullChanges(db: Kysely<ServerDatabase>, request: PullRequest): Promise<PullResponse> {
  const limit = Math.min(request.limit ?? DEFAULT_PULL_LIMIT, request.catch_up ? MAX_CATCH_UP_LIMIT : MAX_PULL_LIMIT);
  const types = request.entity_types?.length ? [...new Set(request.entity_types)] : [...ENTITY_TYPES];
  const after = request.cursor !== undefined ? Number(request.cursor) : 0;
  const since = request.cursor === undefined && request.last_sync_at ? toMysqlDateTime(request.last_sync_at) : null;
  const skip = (request.skip_seqs ?? []).filter((r) => r.to > after);

  const rows = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const found: { type: EntityType; row: Record<string, unknown>; seq: number }[] = [];
      for (const type of types) {
        let query = entityTable(trx, type).selectFrom().selectAll().where('seq', '>', after);
        if (since) query = query.where('updated_at', '>', since);
        if (skip.length) query = query.where((eb) => eb.not(eb.or(skip.map((r) => eb.between('seq', r.from, r.to)))));
        const page = await query
          .orderBy('seq')
          .limit(limit + 1)
          .execute();
        for (const row of page) found.push({ type, row, seq: Number(row.seq) });
      }
      return found;
    });

  rows.sort((a, b) => a.seq - b.seq);
  const page = rows.slice(0, limit);
  const changes: Partial<Record<EntityType, WireRow[]>> = {};
  for (const { type, row } of page) (changes[type] ??= []).push(toWire(fromDb(type, row)));
  const last = page.at(-1);
  const hasMore = rows.length > limit;
  // On the last page every seq up to the end of the skipped ranges was either sent or skipped (their batches
  // committed before this pull began, and commits are in seq order): the cursor moves past them.
  const end = Math.max(last ? last.seq : after, ...(hasMore ? [] : skip.map((r) => r.to)));
  return {
    changes,
    cursor: String(end),
    has_more: hasMore,
    server_time: new Date().toISOString(),
  };
}
