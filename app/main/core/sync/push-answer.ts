import type { Transaction } from 'kysely';
import {
  entityTypeOf,
  isErrorCode,
  type EntityType,
  type PushConflict,
  type PushResponse,
  type PushSuccess,
} from '../../../../shared';
import { entityTable } from '../db/entity-table';
import type { LocalDatabase } from '../db/schema';
import type { ConflictNotice } from '../events';
import { storeServerAnswers } from './apply-remote';
import type { SyncDeps } from './deps';
import { rebaseFollowersOfBatch, setOpsStatus, setOpStatus, type OutboxRow } from './outbox';
import { outboxNote } from './outbox-note';
import type { PushTally } from './push';

type Trx = Transaction<LocalDatabase>;

/**
 * The answer to one batch, applied set-wise in the caller's transaction: followers rebased with one read, the
 * accepted ops marked in one update, the answered rows stored with one read of what still waits and one
 * prepared upsert per type. Conflicts and refusals (rare) are handled one by one.
 */
export async function applyResults(
  trx: Trx,
  deps: SyncDeps,
  batch: OutboxRow[],
  response: PushResponse,
  tally: PushTally,
) {
  const byOp = new Map(batch.map((op) => [op.op_id, op]));
  const answered = new Set<string>();
  const notices: ConflictNotice[] = [];
  const now = deps.now();
  const take = (opId: string | undefined) => {
    const op = opId ? byOp.get(opId) : undefined;
    if (!op || answered.has(op.op_id)) return undefined;
    answered.add(op.op_id);
    return op;
  };

  const accepted: { op: OutboxRow; item: PushSuccess }[] = [];
  for (const item of response.results.success) {
    const op = take(item.op_id);
    if (op) accepted.push({ op, item });
  }
  accepted.sort((a, b) => a.op.id - b.op.id);
  await rebaseFollowersOfBatch(
    trx,
    accepted.map(({ op, item }) => ({ op, version: item.entity.version })),
  );
  await setOpsStatus(
    trx,
    accepted.map(({ op, item }) => ({ opId: op.op_id, message: item.message ?? null })),
    'completed',
    now,
  );
  tally.pushed += accepted.length;
  // The table is the one this desk's own op named, never a name taken from the answer.
  const answers = accepted.map(({ op, item }) => ({
    id: op.id,
    type: entityTypeOf(op.entity_type),
    entity: item.entity,
  }));

  for (const item of response.results.conflicts) {
    const op = take(item.op_id);
    if (!op) continue;
    const type = entityTypeOf(op.entity_type);
    notices.push(await keepLoser(trx, type, item, now));
    const note = outboxNote('CONFLICT', `Conflict (${item.type}, ${item.resolution}): ${item.message}`, {
      status: 409,
    });
    await setOpStatus(trx, op.op_id, 'completed', note, now);
    answers.push({ id: op.id, type, entity: item.entity });
    tally.conflicts += 1;
  }
  const stopped: string[] = [];
  for (const item of response.results.errors) {
    const op = take(item.op_id);
    if (!op) continue;
    const code = isErrorCode(item.code) ? item.code : 'UNKNOWN';
    const note = outboxNote(code, item.message, { status: item.status, fields: item.fields ?? null });
    await setOpStatus(trx, op.op_id, 'error', note, now);
    stopped.push(op.entity_uuid);
    tally.errors += 1;
  }
  // An op the server did not mention is not lost: it waits in "needs attention" with an explanation.
  for (const op of batch) {
    if (answered.has(op.op_id)) continue;
    await setOpStatus(
      trx,
      op.op_id,
      'error',
      outboxNote('NO_ANSWER', 'The server did not answer for this change'),
      now,
    );
    stopped.push(op.entity_uuid);
    tally.errors += 1;
  }
  answers.sort((a, b) => a.id - b.id);
  await storeServerAnswers(trx, deps.rows, answers);
  return { notices, stopped };
}

/** The local side of a conflict is kept whole, so a supervisor can pick from it or restore it. */
async function keepLoser(trx: Trx, type: EntityType, item: PushConflict, now: string): Promise<ConflictNotice> {
  const local = await entityTable(trx, type).selectFrom().selectAll().where('uuid', '=', item.uuid).executeTakeFirst();
  const status = item.resolution === 'manual' ? 'open' : 'auto';
  await trx
    .insertInto('conflicts')
    .values({
      conflict_id: item.conflict_id,
      entity_type: type,
      entity_uuid: item.uuid,
      type: item.type,
      resolution: item.resolution,
      status,
      op_id: item.op_id ?? null,
      client_data: JSON.stringify(item.client_data),
      server_data: JSON.stringify(item.server_data),
      local_data: local ? JSON.stringify(local) : null,
      created_at: now,
      resolved_at: null,
      resolved_by: null,
      note: item.message,
    })
    .onConflict((oc) => oc.column('conflict_id').doNothing())
    .execute();
  return {
    conflict_id: item.conflict_id,
    entity_type: type,
    entity_uuid: item.uuid,
    type: item.type,
    resolution: item.resolution,
    status,
  };
}
