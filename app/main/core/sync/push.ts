import {
  FIRST_MAX_PUSH_BATCH,
  MAX_PUSH_BATCH,
  ROUTES,
  type EntityType,
  type PushResponse,
  type SeqRange,
} from '../../../../shared';
import { holdRule } from './held-ops';
import type { SyncDeps } from './deps';
import { SyncHttpError } from './http-client';
import { InFlight } from './in-flight';
import { nextBatch, startBatches, toPushOp, type BatchCursor, type OutboxRow } from './outbox';
import { applyResults } from './push-answer';
import { serverHealthy, setAside, StuckBatchWatch } from './stuck-batch';

export interface PushTally {
  pushed: number;
  conflicts: number;
  errors: number;
  batches: number;
  /** The seqs this run's batches wrote on the server: their rows came back in the answers, not to be pulled. */
  written: SeqRange[];
}

/**
 * Batches sent before the first is answered: the server reads, checks and prices the next batch while it
 * stores this one, and the desk applies one answer while the next is on its way (docs/performance.md, "Desk push").
 */
const PUSH_BATCHES_IN_FLIGHT = 2;

type Sent = { response: PushResponse } | { error: unknown };

interface Flight {
  batch: OutboxRow[];
  answer: Promise<Sent>;
}

/**
 * Pushes every sendable op, 100 at a time with up to two batches in flight, applying each answer in one SQLite
 * transaction, in the order the batches were sent. A batch the server keeps failing on while it is healthy is
 * split until the op to blame is set aside (stuck-batch.ts); while splitting, one batch is in flight.
 */
export async function pushPending(
  deps: SyncDeps,
  onProgress: (pushed: number) => void = () => {},
  stuck: StuckBatchWatch = new StuckBatchWatch(),
): Promise<PushTally> {
  const tally: PushTally = { pushed: 0, conflicts: 0, errors: 0, batches: 0, written: [] };
  const cursor = await startBatches(deps.db);
  cursor.hold = await holdRule(deps.db, deps.auth.current?.role);
  let limit = batchLimitOf(deps.http);
  const flights: Flight[] = [];
  for (;;) {
    const depth = stuck.isBisecting ? 1 : PUSH_BATCHES_IN_FLIGHT;
    while (flights.length < depth) {
      // An op naming a record of a batch in flight waits for its answer (in-flight.ts): the batch ends before it.
      const batch = await nextBatch(deps, cursor, limit, new InFlight(flights.map((f) => f.batch)));
      if (batch.length === 0) break;
      flights.push({ batch, answer: send(deps, batch) });
    }
    const flight = flights.shift();
    if (!flight) {
      stuck.reset();
      return tally;
    }
    const sent = await flight.answer;
    if ('response' in sent) {
      if (!stuck.isBisecting) stuck.reset();
      await applyAnswer(deps, cursor, flight.batch, sent.response, tally, onProgress);
      continue;
    }
    // The batches sent after the failed one name none of its records: their answers are applied (what the
    // server acknowledged is kept); a failed one of them is read again with the rest, from the failed batch on.
    for (const later of flights.splice(0)) {
      const answer = await later.answer;
      if ('response' in answer) await applyAnswer(deps, cursor, later.batch, answer.response, tally, onProgress);
    }
    const { batch } = flight;
    const error = sent.error;
    if (isBatchTooLarge(error) && limit > FIRST_MAX_PUSH_BATCH) {
      // A server from before the limit was raised: batches of its size to it from now on, this one read again.
      smallBatchServers.add(deps.http);
      limit = FIRST_MAX_PUSH_BATCH;
      cursor.after = batch[0]!.id - 1;
      continue;
    }
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
    limit = batchLimitOf(deps.http);
  }
}

/** Servers (by their client) that refused a batch of MAX_PUSH_BATCH ops as too large. */
const smallBatchServers = new WeakSet<object>();

const batchLimitOf = (http: object) => (smallBatchServers.has(http) ? FIRST_MAX_PUSH_BATCH : MAX_PUSH_BATCH);

const isBatchTooLarge = (error: unknown) => error instanceof SyncHttpError && error.code === 'BATCH_TOO_LARGE';

/** Sends one batch; the answer or the error is kept, so a later batch's failure never goes unobserved. */
function send(deps: SyncDeps, batch: OutboxRow[]): Promise<Sent> {
  // Successes answered as changes against what was sent (push-answer.ts lays them over it).
  const body = { device_id: deps.deviceId, batch: batch.map(toPushOp), answer: 'changes' as const };
  return deps.auth
    .authed((token) => deps.http.call(ROUTES.push, body, { token }))
    .then(
      (response) => ({ response }),
      (error: unknown) => ({ error }),
    );
}

/**
 * One answer, applied in one synchronous transaction in the connection's turn, committed without an fsync (lost
 * to a power cut, its ops are still pending and the server replays the same answer, as when an answer is lost on
 * the network); a refused op holds back the later ops of its entity for the run.
 */
async function applyAnswer(
  deps: SyncDeps,
  cursor: BatchCursor,
  batch: OutboxRow[],
  response: PushResponse,
  tally: PushTally,
  onProgress: (pushed: number) => void,
) {
  const { notices, stopped } = await deps.transactReplayable(() => applyResults(deps, batch, response, tally));
  for (const uuid of stopped) cursor.blocked.add(uuid);
  if (response.written_seqs) addRange(tally.written, response.written_seqs);
  tally.batches += 1;
  onProgress(tally.pushed);
  const types = [...new Set(batch.map((op) => op.entity_type as EntityType))];
  deps.events.emit('data.changed', { source: 'sync', entity_types: types });
  for (const notice of notices) deps.events.emit('conflicts.new', notice);
}

/**
 * Kept in seq order with adjacent ranges joined (one desk's batches back to back are one range). Two batches
 * in flight may commit in either order, so a range can arrive below the last one.
 */
export function addRange(ranges: SeqRange[], next: SeqRange) {
  let at = ranges.length;
  while (at > 0 && ranges[at - 1]!.from > next.from) at -= 1;
  ranges.splice(at, 0, { ...next });
  // Join with the neighbours it touches (at most one on each side).
  for (const i of [at, at - 1]) {
    const left = ranges[i];
    const right = ranges[i + 1];
    if (i >= 0 && left && right && left.to + 1 >= right.from) {
      left.to = Math.max(left.to, right.to);
      ranges.splice(i + 1, 1);
    }
  }
}
