import type Database from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { AppError, entity, entityTypeOf, newId, parseInput, type EntityType, type PushOp } from '../../../../shared';
import type { LocalRows } from '../db/local-rows';
import { prepared } from '../db/prepared';
import { outboxNote } from './outbox-note';
import type { LocalDatabase, OutboxTable } from '../db/schema';
import type { HoldRule } from './held-ops';
import type { SyncDeps } from './deps';
import { payloadOf, recordsNamed, type InFlight } from './in-flight';
import { SYNC_KEYS, writeState } from './sync-state';

type Exec = Kysely<LocalDatabase> | Transaction<LocalDatabase>;
export type OutboxRow = Omit<OutboxTable, 'id'> & { id: number };

/**
 * Where a push run stands in the outbox: the last op id looked at, and the entities held back (an op of theirs,
 * or of the supplier/product they name, stopped with an error or held back itself). One per run, so each
 * pending op is read once however many batches the run sends.
 */
export interface BatchCursor {
  after: number;
  blocked: Set<string>;
  /** Ops the signed-in user may not send (held-ops.ts): they stay pending and hold back their record. */
  hold?: HoldRule;
}

/** A cursor at the start of the queue, holding back the entities of ops stopped with an error. */
export async function startBatches(db: Exec): Promise<BatchCursor> {
  const stuck = await db.selectFrom('outbox').select('entity_uuid').where('status', '=', 'error').execute();
  return { after: 0, blocked: new Set(stuck.map((r) => r.entity_uuid)) };
}

/**
 * The next batch, in creation order, leaving out any op whose entity (or the supplier/product it names)
 * still has an earlier op that is not through: a collection never travels before its offline-made supplier.
 * Pending ops are read in pages from the cursor on (the (status, id) index), never from the start again.
 * With batches in flight (`inFlight`), the batch ends before the first op that must wait for their answers
 * (in-flight.ts): the cursor stays before it, so it and everything after keep their order.
 */
export const PENDING_PAGE_SQL = `select * from outbox where status = 'pending' and id > ? order by id limit ?`;

/**
 * A batch also ends before its ops' payloads pass this many characters, so that a batch of large records stays
 * well inside the server's body limit (4 MB by default; a push of 500 ordinary records is ~300 KB).
 */
const MAX_BATCH_PAYLOAD_CHARS = 1_000_000;

export function nextBatch(
  local: Pick<SyncDeps, 'sqlite' | 'transact'>,
  cursor: BatchCursor,
  max = 100,
  inFlight?: InFlight,
  maxChars = MAX_BATCH_PAYLOAD_CHARS,
): OutboxRow[] | Promise<OutboxRow[]> {
  // Its pages are read in one read transaction in the connection's turn, by a statement prepared once.
  return local.transact(() => {
    const batch: OutboxRow[] = [];
    let chars = 0;
    const pending = prepared(local.sqlite, PENDING_PAGE_SQL);
    for (;;) {
      const want = max - batch.length;
      const page = pending.all(cursor.after, want) as OutboxRow[];
      for (const op of page) {
        const named = recordsNamed(op);
        const held = named.some((r) => cursor.blocked.has(r));
        if (held || cursor.hold?.(op)) {
          cursor.after = op.id;
          cursor.blocked.add(op.entity_uuid);
          continue;
        }
        if (inFlight?.mustWait(op, named)) return batch;
        const size = op.payload.length + (op.changed_fields?.length ?? 0);
        if (batch.length > 0 && chars + size > maxChars) return batch;
        chars += size;
        cursor.after = op.id;
        batch.push(op);
      }
      if (page.length < want || batch.length >= max) break;
    }
    return batch;
  });
}

export function toPushOp(op: OutboxRow): PushOp {
  return {
    op_id: op.op_id,
    entity_type: op.entity_type as EntityType,
    operation: op.operation as PushOp['operation'],
    data: payloadOf(op),
    ...(op.changed_fields ? { changed_fields: JSON.parse(op.changed_fields) as string[] } : {}),
    client_timestamp: op.client_timestamp,
  };
}

export async function countByStatus(db: Exec): Promise<{ pending: number; error: number }> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'error'])
    .groupBy('status')
    .execute();
  const of = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { pending: of('pending'), error: of('error') };
}

export async function countPendingBy(db: Exec, userId: string): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listOps(db: Exec, status: 'pending' | 'error', limit = 200): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll().where('status', '=', status).orderBy('id').limit(limit).execute();
}

/**
 * The other outbox ops of a batch's entities: those not in the batch (ids and uuids as JSON arrays), whatever their
 * status, without their payloads. Matched on `entity_uuid`: with a status term SQLite (no ANALYZE stats on a
 * desk) walks the (status, id) index over every pending op, the whole queue for each batch of a large push (~1 s
 * of 20,000 changes); on the entity index it reads only the rows it returns (rebase-followers.test.ts checks the
 * plan). The batch's own ops are known from the batch: reading them again was 100 rows an answer.
 */
export const OTHER_OPS_SQL = `select id, entity_uuid, base_version, status from outbox
  where entity_uuid in (select value from json_each(?)) and id not in (select value from json_each(?))`;

export interface OpState {
  id: number;
  entity_uuid: string;
  base_version: number;
  status: string;
}

/** The ops of the batch's entities outside the batch (OTHER_OPS_SQL), in the caller's transaction. */
export function otherOpsOf(sqlite: Database.Database, batch: readonly OutboxRow[]): OpState[] {
  if (batch.length === 0) return [];
  const uuids = JSON.stringify([...new Set(batch.map((op) => op.entity_uuid))]);
  return prepared(sqlite, OTHER_OPS_SQL).all(uuids, JSON.stringify(batch.map((op) => op.id))) as OpState[];
}

/**
 * Later ops on the same entity built on the version an accepted op started from now build on the server's
 * answer. For a whole batch of accepted ops (in op order), synchronously in the caller's transaction. The
 * candidates are the pending or stopped ops among `others` (otherOpsOf: one read per answer) and the batch's own
 * (pending while it is answered); each one really rebased (rare) has its payload read and updated.
 */
export function rebaseFollowersOfBatch(
  sqlite: Database.Database,
  batch: readonly OutboxRow[],
  accepted: readonly { op: OutboxRow; version: number }[],
  others: readonly OpState[],
): void {
  if (accepted.length === 0) return;
  const first = Math.min(...accepted.map((a) => a.op.id));
  // By entity, in op order: an accepted op looks only at its own entity's followers (a batch of 500 is 500
  // followers of 500 ops otherwise, while the whole batch is pending).
  const followers = new Map<string, { id: number; base_version: number }[]>();
  for (const f of [...others, ...batch].sort((a, b) => a.id - b.id)) {
    if (f.id <= first || (f.status !== 'pending' && f.status !== 'error')) continue;
    let list = followers.get(f.entity_uuid);
    if (!list) followers.set(f.entity_uuid, (list = []));
    list.push({ id: f.id, base_version: f.base_version });
  }
  for (const { op, version } of accepted) {
    const { id, base_version: base } = op;
    for (const follower of followers.get(op.entity_uuid) ?? []) {
      if (follower.id <= id || follower.base_version !== base) continue;
      follower.base_version = version;
      const { payload } = prepared(sqlite, 'select payload from outbox where id = ?').get(follower.id) as {
        payload: string;
      };
      prepared(sqlite, 'update outbox set base_version = ?, payload = ? where id = ?').run(
        version,
        JSON.stringify({ ...JSON.parse(payload), version }),
        follower.id,
      );
    }
  }
}

const SET_STATUS_SQL = `update outbox set status = ?, last_error = ?, updated_at = ?, attempts = attempts + 1
  where id in (select value from json_each(?))`;

/**
 * One status for many ops (by outbox id), synchronously in the caller's transaction: one prepared UPDATE per
 * distinct message (nearly always one).
 */
export function setOpsStatus(
  sqlite: Database.Database,
  ops: readonly { id: number; message: string | null }[],
  status: OutboxTable['status'],
  now: string,
): void {
  const byMessage = new Map<string | null, number[]>();
  for (const { id, message } of ops) {
    let ids = byMessage.get(message);
    if (!ids) byMessage.set(message, (ids = []));
    ids.push(id);
  }
  const statement = prepared(sqlite, SET_STATUS_SQL);
  for (const [message, ids] of byMessage) statement.run(status, message, now, JSON.stringify(ids));
}

export async function setOpStatus(
  trx: Exec,
  opId: string,
  status: OutboxTable['status'],
  error: string | null,
  now: string,
) {
  await trx
    .updateTable('outbox')
    .set((eb) => ({ status, last_error: error, updated_at: now, attempts: eb('attempts', '+', 1) }))
    .where('op_id', '=', opId)
    .execute();
}

/**
 * Puts a stopped op back in the queue, optionally with corrected values (the clerk's fix). The local row gets
 * the same correction, in the same transaction, with an audit entry.
 */
export async function resendOp(
  trx: Transaction<LocalDatabase>,
  rows: LocalRows,
  opId: string,
  fix: Record<string, unknown>,
  now: string,
  userId: string | null,
) {
  const op = await stoppedOp(trx, opId, 'resent');
  const type = entityTypeOf(op.entity_type);
  fix = parseInput(entity(type).patchSchema, fix) as Record<string, unknown>;
  const payload = { ...JSON.parse(op.payload), ...fix };
  let changed = op.changed_fields ? (JSON.parse(op.changed_fields) as string[]) : null;
  if (changed) changed = [...new Set([...changed, ...Object.keys(fix)])];
  await trx
    .updateTable('outbox')
    .set({
      payload: JSON.stringify(payload),
      changed_fields: changed ? JSON.stringify(changed) : null,
      status: 'pending',
      last_error: null,
      attempts: 0,
      updated_at: now,
    })
    .where('op_id', '=', opId)
    .execute();
  if (Object.keys(fix).length > 0) rows.patch(type, op.entity_uuid, { ...fix, sync_status: 'pending' });
  await auditOp(trx, op, 'resend', JSON.stringify(payload), now, userId);
  return { type, uuid: op.entity_uuid, fixed: Object.keys(fix).length > 0 };
}

/**
 * Gives up on a stopped op, with a reason kept in the audit. A discarded create takes its never-synced local
 * row with it; a discarded edit sends the desk back to the server's version at the next pull.
 */
export async function discardOp(
  trx: Transaction<LocalDatabase>,
  rows: LocalRows,
  opId: string,
  reason: string,
  now: string,
  userId: string | null,
) {
  const op = await stoppedOp(trx, opId, 'discarded');
  if (op.operation === 'create') {
    const dependents = await trx
      .selectFrom('outbox')
      .select('op_id')
      .where('status', 'in', ['pending', 'error'])
      .where('op_id', '!=', opId)
      .where((eb) => eb.or([eb('entity_uuid', '=', op.entity_uuid), eb('payload', 'like', `%${op.entity_uuid}%`)]))
      .execute();
    if (dependents.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `${dependents.length} other change(s) depend on this record; resolve or discard them first`,
      );
    }
    rows.remove(entityTypeOf(op.entity_type), op.entity_uuid);
  } else {
    await writeState(trx, SYNC_KEYS.cursor, '0');
  }
  await trx
    .updateTable('outbox')
    .set({ status: 'discarded', last_error: outboxNote('DISCARDED', `Discarded: ${reason}`), updated_at: now })
    .where('op_id', '=', opId)
    .execute();
  await auditOp(trx, op, 'discard', JSON.stringify({ reason, id: newId() }), now, userId);
}

/** A change the server refused, ready to be resent or discarded; anything else is refused with a reason. */
async function stoppedOp(trx: Transaction<LocalDatabase>, opId: string, verb: 'resent' | 'discarded') {
  const op = await trx.selectFrom('outbox').selectAll().where('op_id', '=', opId).executeTakeFirst();
  if (!op) throw new AppError('NOT_FOUND', 'That change is no longer in the queue');
  if (op.status !== 'error')
    throw new AppError('VALIDATION_FAILED', `Only a change that needs attention can be ${verb}`);
  return op;
}

async function auditOp(
  trx: Transaction<LocalDatabase>,
  op: { entity_type: string; entity_uuid: string; payload: string },
  action: 'resend' | 'discard',
  after: string,
  now: string,
  userId: string | null,
) {
  await trx
    .insertInto('audit')
    .values({
      at: now,
      user_id: userId,
      entity_type: op.entity_type,
      entity_uuid: op.entity_uuid,
      action,
      before: op.payload,
      after,
    })
    .execute();
}
