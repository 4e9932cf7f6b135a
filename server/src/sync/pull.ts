import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  ENTITY_TYPES,
  type EntityType,
  type PullRequest,
  type PullResponse,
  type SeqRange,
  shapeOfEntity,
  type WireRow,
} from '../../../shared';
import { entityTable } from '../db/entity-table';
import type { ServerDatabase } from '../db/schema';
import { toMysqlDateTime } from '../db/time';
import { wireFromDb } from './rows';

interface Filter {
  after: number;
  since: string | null;
  skip: SeqRange[];
}

/** The rows a pull may send from one table: after the cursor, changed since, not among the skipped seqs. */
function wanted({ after, since, skip }: Filter, upTo?: number): RawBuilder<unknown> {
  const parts = [sql`seq > ${after}`];
  if (upTo !== undefined) parts.push(sql`seq <= ${upTo}`);
  if (since) parts.push(sql`updated_at > ${since}`);
  if (skip.length)
    parts.push(
      sql`not (${sql.join(
        skip.map((r) => sql`seq between ${r.from} and ${r.to}`),
        sql` or `,
      )})`,
    );
  return sql.join(parts, sql` and `);
}

/**
 * One page of changes after a cursor (docs/protocol.md "Pull"). All tables are read in one REPEATABLE READ snapshot, and
 * pushes take seqs in commit order, so a page never shows a seq while a smaller one is still uncommitted:
 * pulling until has_more is false sees every change committed before the first page, with no duplicates.
 *
 * The page is planned first from the seq index alone (the first limit + 1 seqs of all tables together), then only the
 * tables it touches are read, and only its rows: reading limit + 1 whole rows from every table and keeping a few
 * of them cost MySQL and the row decoding up to one page per table.
 */
export async function pullChanges(db: Kysely<ServerDatabase>, request: PullRequest): Promise<PullResponse> {
  // Defaulted and capped by PullRequestSchema.
  const limit = request.limit;
  const types = request.entity_types?.length ? [...new Set(request.entity_types)] : [...ENTITY_TYPES];
  const after = request.cursor !== undefined ? Number(request.cursor) : 0;
  const since = request.cursor === undefined && request.last_sync_at ? toMysqlDateTime(request.last_sync_at) : null;
  const filter: Filter = { after, since, skip: (request.skip_seqs ?? []).filter((r) => r.to > after) };

  const { changes, last, hasMore } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const heads = types.map(
        (type, t) =>
          sql`(select ${t} as t, seq from ${entityTable(trx, type).ref} where ${wanted(filter)} order by seq limit ${limit + 1})`,
      );
      const plan = await sql<{
        t: number;
        seq: number | string;
      }>`select t, seq from (${sql.join(heads, sql` union all `)}) as heads order by seq limit ${limit + 1}`.execute(
        trx,
      );
      const page = plan.rows.slice(0, limit);
      const last = page.length ? Number(page.at(-1)!.seq) : null;
      // The tables in the order their first row comes in the page, as the seq order showed them before.
      const touched = [...new Set(page.map((r) => types[Number(r.t)]!))];
      const changes: Partial<Record<EntityType, WireRow[]>> = {};
      for (const type of touched) {
        const rows = await entityTable(trx, type)
          .selectFrom()
          // The wire's columns only: the server's own (field_versions above all) are neither read nor sent.
          .select([...shapeOfEntity(type).columns])
          .where(() => wanted(filter, last!) as RawBuilder<boolean>)
          .orderBy('seq')
          .execute();
        changes[type] = rows.map((row) => wireFromDb(type, row));
      }
      return { changes, last, hasMore: plan.rows.length > limit };
    });

  // On the last page every seq up to the end of the skipped ranges was either sent or skipped (their batches
  // committed before this pull began, and commits are in seq order): the cursor moves past them.
  const end = Math.max(last ?? after, ...(hasMore ? [] : filter.skip.map((r) => r.to)));
  return {
    changes,
    cursor: String(end),
    has_more: hasMore,
    server_time: new Date().toISOString(),
  };
}
