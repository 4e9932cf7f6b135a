import type { Transaction } from 'kysely';
import {
  entityTypeOf,
  isErrorCode,
  type EntityType,
  type PushConflict,
  type PushResponse,
  ROUTES,
} from '../../../../shared';
import { entityTable } from '../db/entity-table';
import type { LocalDatabase } from '../db/schema';
import type { ConflictNotice } from '../events';
import { storeServerAnswer } from './apply-remote';
import { outboxNote } from './outbox-note';
import type { SyncDeps } from './deps';
import { nextBatch, rebaseFollowers, setOpStatus, toPushOp, type OutboxRow } from './outbox';

export interface PushTally {
  pushed: number;
  conflicts: number;
  errors: number;
  batches: number;
}

type Trx = Transaction<LocalDatabase>;

/** Pushes every sendable op, 100 at a time, applying each answer in one SQLite transaction. */
export async function pushPending(deps: SyncDeps, onProgress: (pushed: number) => void = () => {}): Promise<PushTally> {
  const tally: PushTally = { pushed: 0, conflicts: 0, errors: 0, batches: 0 };
  for (;;) {
    const batch = await nextBatch(deps.db);
    if (batch.length === 0) return tally;
    const body = { device_id: deps.deviceId, batch: batch.map(toPushOp) };
    const response = await deps.auth.authed((token) => deps.http.call(ROUTES.push, body, { token }));
    const notices = await deps.db.transaction().execute((trx) => applyResults(trx, deps, batch, response, tally));
    tally.batches += 1;
    onProgress(tally.pushed);
    const types = [...new Set(batch.map((op) => op.entity_type as EntityType))];
    deps.events.emit('data.changed', { source: 'sync', entity_types: types });
    for (const notice of notices) deps.events.emit('conflicts.new', notice);
  }
}

async function applyResults(trx: Trx, deps: SyncDeps, batch: OutboxRow[], response: PushResponse, tally: PushTally) {
  const byOp = new Map(batch.map((op) => [op.op_id, op]));
  const answered = new Set<string>();
  const notices: ConflictNotice[] = [];
  const now = deps.now();

  for (const item of response.results.success) {
    const op = item.op_id ? byOp.get(item.op_id) : undefined;
    if (!op) continue;
    answered.add(op.op_id);
    await setOpStatus(trx, op.op_id, 'completed', null, now);
    await rebaseFollowers(trx, op, item.entity.version);
    // The table is the one this desk's own op named, never a name taken from the answer.
    await storeServerAnswer(trx, deps.rows, entityTypeOf(op.entity_type), item.entity);
    tally.pushed += 1;
  }
  for (const item of response.results.conflicts) {
    const op = item.op_id ? byOp.get(item.op_id) : undefined;
    if (!op) continue;
    answered.add(op.op_id);
    const type = entityTypeOf(op.entity_type);
    notices.push(await keepLoser(trx, type, item, now));
    const note = outboxNote('CONFLICT', `Conflict (${item.type}, ${item.resolution}): ${item.message}`, {
      status: 409,
    });
    await setOpStatus(trx, op.op_id, 'completed', note, now);
    await storeServerAnswer(trx, deps.rows, type, item.entity);
    tally.conflicts += 1;
  }
  for (const item of response.results.errors) {
    const op = item.op_id ? byOp.get(item.op_id) : undefined;
    if (!op) continue;
    answered.add(op.op_id);
    const code = isErrorCode(item.code) ? item.code : 'UNKNOWN';
    const note = outboxNote(code, item.message, { status: item.status, fields: item.fields ?? null });
    await setOpStatus(trx, op.op_id, 'error', note, now);
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
    tally.errors += 1;
  }
  return notices;
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
