import { sql, type Kysely, type Transaction } from 'kysely';
import { describeWireRowProblem, firstBadWireRow, type EntityType, type WireRow } from '../../../../shared';
import type { LocalRows } from '../db/local-rows';
import type { LocalDatabase } from '../db/schema';
import { SyncHttpError } from './http-client';

type Trx = Transaction<LocalDatabase>;

/**
 * The waiting outbox ops of these entities, read by the entity index: on `status` SQLite's planner takes the
 * (status, id) index and walks every pending op for each batch or page, the whole queue each time (~1 s of a
 * 20,000-change push). The unary `+` keeps the status test out of index choice.
 */
export function localOpsQuery(trx: Trx | Kysely<LocalDatabase>, uuids: readonly string[]) {
  return trx
    .selectFrom('outbox')
    .select('entity_uuid')
    .where('entity_uuid', 'in', [...uuids])
    .where(sql<string>`+status`, 'in', ['pending', 'error']);
}

/** Entity uuids that still have local ops waiting (pending, or stopped with an error). */
export async function entitiesWithLocalOps(trx: Trx, uuids: string[]): Promise<Set<string>> {
  if (uuids.length === 0) return new Set();
  return new Set((await localOpsQuery(trx, uuids).execute()).map((r) => r.entity_uuid));
}

/**
 * Refuses rows from the server that their type's row schema refuses, before any is stored: the caller's
 * transaction then rolls back, so a page or answer with one bad row keeps nothing of it (a pull's cursor does
 * not move; a push's ops stay pending and go again). A `server` failure, so the engine retries with backoff.
 */
export function checkServerRows(type: EntityType, wire: readonly WireRow[]): void {
  const problem = firstBadWireRow(type, wire);
  if (!problem) return;
  throw new SyncHttpError(
    'server',
    `The server sent a malformed ${describeWireRowProblem(problem)} (nothing of that answer was kept)`,
    200,
    'BAD_RESPONSE',
    problem.fields,
  );
}

/**
 * Stores server rows as the local rows, marked synced, in the caller's transaction (a pulled page, a resolved
 * conflict, a settlement run). Every row is checked against its type's schema first (checkServerRows). A row with
 * local ops still waiting is left as the desk has it: its op meets the server's version at push (conflict or
 * merge). Returns how many were stored.
 */
export async function storeServerRows(trx: Trx, rows: LocalRows, type: EntityType, wire: WireRow[]): Promise<number> {
  checkServerRows(type, wire);
  const waiting = await entitiesWithLocalOps(
    trx,
    wire.map((r) => r.uuid),
  );
  const fresh = waiting.size ? wire.filter((r) => !waiting.has(r.uuid)) : wire;
  rows.upsert(type, fresh, 'synced');
  return fresh.length;
}

/**
 * The answers to a pushed batch, stored set-wise and synchronously in the caller's transaction: every answered
 * row checked against the schema of the type of the op it answers (the whole answer is refused for one bad row),
 * then the rows of each type in one prepared upsert (in op order, so the last answer for a row is the one kept).
 * A row whose entity still has local ops waiting (`waiting`, which the caller knows from its one read of the
 * batch's entities) only takes the server's version.
 */
export function storeServerAnswers(
  rows: LocalRows,
  answers: readonly { type: EntityType; entity: WireRow }[],
  waiting: ReadonlySet<string>,
): void {
  for (const { type, entity } of answers) checkServerRows(type, [entity]);
  const fresh = new Map<EntityType, WireRow[]>();
  for (const { type, entity } of answers) {
    if (waiting.has(entity.uuid)) {
      rows.patch(type, entity.uuid, { version: entity.version });
      continue;
    }
    let list = fresh.get(type);
    if (!list) fresh.set(type, (list = []));
    list.push(entity);
  }
  for (const [type, list] of fresh) rows.upsert(type, list, 'synced');
}
