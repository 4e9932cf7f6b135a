import type Database from 'better-sqlite3';
import {
  entityTypeOf,
  isErrorCode,
  type EntityType,
  type PushConflict,
  type PushResponse,
  type PushSuccess,
  type WireRow,
} from '../../../../shared';
import { prepared } from '../db/prepared';
import type { ConflictNotice } from '../events';
import { storeServerAnswers } from './apply-remote';
import type { SyncDeps } from './deps';
import { payloadOf } from './in-flight';
import { otherOpsOf, rebaseFollowersOfBatch, setOpsStatus, type OutboxRow } from './outbox';
import { outboxNote } from './outbox-note';
import type { PushTally } from './push';

/**
 * The answer to one batch, applied set-wise and synchronously, to be run as one transaction (`deps.transact`):
 * one read of the other ops of the batch's entities (the followers to rebase, and which entities still wait), the
 * accepted ops marked in one update, the answered rows stored with one prepared upsert per type. Conflicts and refusals (rare) are handled one by one.
 * Every statement is prepared once per connection: through Kysely each answer compiled and prepared its five
 * statements again, with a promise per step (docs/performance.md, "Desk push").
 */
export function applyResults(
  deps: Pick<SyncDeps, 'sqlite' | 'rows' | 'now'>,
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

  const accepted: { op: OutboxRow; item: PushSuccess; entity: WireRow }[] = [];
  for (const item of response.results.success) {
    const op = take(item.op_id);
    if (op) accepted.push({ op, item, entity: answeredRow(op, item) });
  }
  accepted.sort((a, b) => a.op.id - b.op.id);
  const { sqlite } = deps;
  // One read of the other ops of the batch's entities: followers to rebase, and whether an entity still waits.
  const others = otherOpsOf(sqlite, batch);
  rebaseFollowersOfBatch(
    sqlite,
    batch,
    accepted.map(({ op, entity }) => ({ op, version: entity.version })),
    others,
  );
  setOpsStatus(
    sqlite,
    accepted.map(({ op, item }) => ({ id: op.id, message: item.message ?? null })),
    'completed',
    now,
  );
  tally.pushed += accepted.length;
  // The table is the one this desk's own op named, never a name taken from the answer.
  const answers = accepted.map(({ op, entity }) => ({
    id: op.id,
    type: entityTypeOf(op.entity_type),
    entity,
  }));

  for (const item of response.results.conflicts) {
    const op = take(item.op_id);
    if (!op) continue;
    const type = entityTypeOf(op.entity_type);
    notices.push(keepLoser(sqlite, type, item, now));
    const note = outboxNote('CONFLICT', `Conflict (${item.type}, ${item.resolution}): ${item.message}`, {
      status: 409,
    });
    setOpsStatus(sqlite, [{ id: op.id, message: note }], 'completed', now);
    answers.push({ id: op.id, type, entity: item.entity });
    tally.conflicts += 1;
  }
  const stopped: string[] = [];
  for (const item of response.results.errors) {
    const op = take(item.op_id);
    if (!op) continue;
    const code = isErrorCode(item.code) ? item.code : 'UNKNOWN';
    const note = outboxNote(code, item.message, { status: item.status, fields: item.fields ?? null });
    setOpsStatus(sqlite, [{ id: op.id, message: note }], 'error', now);
    stopped.push(op.entity_uuid);
    tally.errors += 1;
  }
  // An op the server did not mention is not lost: it waits in "needs attention" with an explanation.
  for (const op of batch) {
    if (answered.has(op.op_id)) continue;
    setOpsStatus(
      sqlite,
      [{ id: op.id, message: outboxNote('NO_ANSWER', 'The server did not answer for this change') }],
      'error',
      now,
    );
    stopped.push(op.entity_uuid);
    tally.errors += 1;
  }
  answers.sort((a, b) => a.id - b.id);
  // Still waiting: an entity with another op pending or stopped, or with an op of this batch stopped just now.
  const waiting = new Set(stopped);
  for (const other of others)
    if (other.status === 'pending' || other.status === 'error') waiting.add(other.entity_uuid);
  storeServerAnswers(deps.rows, answers, waiting);
  return { notices, stopped };
}

/**
 * The row an accepted op wrote: the answer's whole row, or (answer form `changes`) its changes laid over the data
 * this desk sent (the same object the request was built from). storeServerAnswers checks the result.
 */
function answeredRow(op: OutboxRow, item: PushSuccess): WireRow {
  return item.entity ?? { ...payloadOf(op), ...item.changes! };
}

const INSERT_CONFLICT_SQL = `insert into conflicts (conflict_id, entity_type, entity_uuid, type, resolution, status,
    op_id, client_data, server_data, local_data, created_at, resolved_at, resolved_by, note)
  values (@conflict_id, @entity_type, @entity_uuid, @type, @resolution, @status, @op_id, @client_data,
    @server_data, @local_data, @created_at, null, null, @note)
  on conflict (conflict_id) do nothing`;

/** The local side of a conflict is kept whole, so a supervisor can pick from it or restore it. */
function keepLoser(sqlite: Database.Database, type: EntityType, item: PushConflict, now: string): ConflictNotice {
  // The table is the registry's name for the type of this desk's own op (entityTypeOf checked it).
  const local = prepared(sqlite, `select * from "${type}" where uuid = ?`).get(item.uuid);
  const status = item.resolution === 'manual' ? 'open' : 'auto';
  prepared(sqlite, INSERT_CONFLICT_SQL).run({
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
    note: item.message,
  });
  return {
    conflict_id: item.conflict_id,
    entity_type: type,
    entity_uuid: item.uuid,
    type: item.type,
    resolution: item.resolution,
    status,
  };
}
