import type { Transaction } from 'kysely';
import {
  entityTypeOf,
  isErrorCode,
  MAX_PUSH_BATCH,
  ROUTES,
  type EntityType,
  type PushConflict,
  type PushResponse,
  type PushSuccess,
  type SeqRange,
} from '../../../../shared';
import { entityTable } from '../db/entity-table';
import type { LocalDatabase } from '../db/schema';
import type { ConflictNotice } from '../events';
import { storeServerAnswers } from './apply-remote';
import { holdRule } from './held-ops';
import { outboxNote } from './outbox-note';
import type { SyncDeps } from './deps';
import type { SyncHttpError } from './http-client';
import {
  nextBatch,
  rebaseFollowersOfBatch,
  setOpsStatus,
  setOpStatus,
  startBatches,
  toPushOp,
  type OutboxRow,
} from './outbox';
import { serverHealthy, setAside, StuckBatchWatch } from './stuck-batch';

export interface PushTally {
  pushed: number;
  conflicts: number;
  errors: number;
  batches: number;
  /** The seqs this run's batches wrote on the server: their rows came back in the answers, not to be pulled. */
  written: SeqRange[];
}

type Trx = Transaction<LocalDatabase>;

/**
 * Pushes every sendable op, 100 at a time, applying each answer in one SQLite transaction. A batch the server
 * keeps failing on while it is healthy is split until the op to blame is set aside (stuck-batch.ts).
 */
export async function pushPending(
  deps: SyncDeps,
  onProgress: (pushed: number) => void = () => {},
  stuck: StuckBatchWatch = new StuckBatchWatch(),
): Promise<PushTally> {
  const tally: PushTally = { pushed: 0, conflicts: 0, errors: 0, batches: 0, written: [] };
  const cursor = await startBatches(deps.db);
  cursor.hold = await holdRule(deps.db, deps.auth.current?.role);
  let limit = MAX_PUSH_BATCH;
  for (;;) {
    const batch = await nextBatch(deps.db, cursor, limit);
    if (batch.length === 0) {
      stuck.reset();
      return tally;
    }
    const body = { device_id: deps.deviceId, batch: batch.map(toPushOp) };
    let response: PushResponse;
    try {
      response = await deps.auth.authed((token) => deps.http.call(ROUTES.push, body, { token }));
    } catch (error) {
      const verdict = await stuck.judge(batch, error, () => serverHealthy(deps));
      if (verdict === 'retry-later') throw error;
      // The batch was not applied: read it again from its first op, smaller or without the op set aside.
      cursor.after = batch[0]!.id - 1;
      if (verdict === 'halve') {
        limit = Math.ceil(batch.length / 2);
        continue;
      }
      await setAside(deps, batch[0]!, error as SyncHttpError);
      cursor.after = batch[0]!.id;
      cursor.blocked.add(batch[0]!.entity_uuid);
      tally.errors += 1;
      stuck.reset();
      limit = MAX_PUSH_BATCH;
      continue;
    }
    if (!stuck.isBisecting) stuck.reset();
    const { notices, stopped } = await deps.db
      .transaction()
      .execute((trx) => applyResults(trx, deps, batch, response, tally));
    // A refused op holds back the later ops of its entity (and those naming it) for the rest of the run.
    for (const uuid of stopped) cursor.blocked.add(uuid);
    if (response.written_seqs) addRange(tally.written, response.written_seqs);
    tally.batches += 1;
    onProgress(tally.pushed);
    const types = [...new Set(batch.map((op) => op.entity_type as EntityType))];
    deps.events.emit('data.changed', { source: 'sync', entity_types: types });
    for (const notice of notices) deps.events.emit('conflicts.new', notice);
  }
}

/** Adjacent ranges (one desk's batches back to back) are kept as one. */
function addRange(ranges: SeqRange[], next: SeqRange) {
  const last = ranges.at(-1);
  if (last && last.to + 1 === next.from) last.to = next.to;
  else ranges.push({ ...next });
}

/**
 * The answer to one batch, applied set-wise in the caller's transaction: followers rebased with one read, the
 * accepted ops marked in one update, the answered rows stored with one read of what still waits and one
 * prepared upsert per type. Conflicts and refusals (rare) are handled one by one.
 */
async function applyResults(trx: Trx, deps: SyncDeps, batch: OutboxRow[], response: PushResponse, tally: PushTally) {
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
