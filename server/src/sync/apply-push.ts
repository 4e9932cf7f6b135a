import type { Kysely } from 'kysely';
import type { DateWindow, PushOp, PushResponse, RequestOf, ROUTES } from '../../../shared';
import type { ServerDatabase } from '../db/schema';
import type { AccessClaims } from '../plugins/auth';
import { applyOp, type OpEnv, type OpOutcome } from './apply-op';
import { changesOf } from './op/answer-changes';
import { BatchState } from './batch-state';
import { loadForOps } from './batch-load';
import { readClock, StaleRead, takeSeqs, writtenSince } from './early-reads';
import { refused, type ConflictPolicy } from './op/env';
import { parseOps, type Parsed } from './op/envelope';
import type { ParsedData } from './op/validation';
import { replayedOutcome, storedForm } from './op/replayed';
import { voidedRefusal } from './op/voided-guard';
import { withSeqClock } from './seq-clock';
import { writeAudit, writeConflicts, writeSideTables, writeSyncOps } from './side-tables';

/** Test-only fault injection: throwing from a hook must leave the database untouched. */
export interface PushHooks {
  afterOp?(index: number, op: PushOp): void | Promise<void>;
  beforeCommit?(): void | Promise<void>;
  /**
   * Whether the answer remembered for an op_id may be replayed (default: yes). Tests use it to see a server without
   * idempotency break the invariants.
   */
  mayReplay?(opId: string): boolean;
}

export interface PushContext {
  db: Kysely<ServerDatabase>;
  claims: AccessClaims;
  deviceId: string;
  policy: ConflictPolicy;
  orgTimeZone: string;
  hooks?: PushHooks;
  clientSkewMs?: number;
  /** The dates a pushed record may carry (config DATE_WINDOW_FROM/TO); default 2000-01-01 to 2100-01-01. */
  dateWindow?: DateWindow;
  /** How a success names its row (PushRequest.answer): the whole row (default) or its changes. */
  answerForm?: RequestOf<typeof ROUTES.push>['answer'];
  /** Called after commit with the highest seq, so the live channel can announce it. */
  onCommitted?(seq: number): void;
  /** Called after commit with the conflicts the batch met, so supervisors hear of them at once. */
  onConflicts?(ids: string[]): void;
}

type Db = Kysely<ServerDatabase>;

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
/** A deadlocked batch is tried again for this long (well inside a desk's 30 s request timeout). */
const RETRY_BUDGET_MS = 10_000;

/**
 * Applies one push batch in one MySQL transaction (docs/protocol.md "Push"). Successful ops commit together or not at
 * all; error items change nothing; success and conflict answers are stored by op_id and replayed.
 */
export async function applyPush(ctx: PushContext, batch: unknown[]): Promise<PushResponse> {
  const parsed = parseOps(batch, ctx.dateWindow);
  const started = Date.now();
  let early = true;
  for (let attempt = 1; ; attempt++) {
    try {
      const run = early ? await earlyBatch(ctx, parsed) : await lockedBatch(ctx, parsed);
      return answer(ctx, run, parsed);
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Another batch wrote what this one read (or stored an answer for one of its op_ids, the same op sent
      // twice at once): once more, holding the lock from the first read, where the replay is found.
      if (early && (error instanceof StaleRead || code === 'ER_DUP_ENTRY')) {
        early = false;
        continue;
      }
      if (code && RETRYABLE.has(code) && Date.now() - started < RETRY_BUDGET_MS) {
        // On a Galera cluster, pushes committing on two nodes abort each other (certification) and can do so
        // again and again under load: a growing random pause breaks the tie.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(500, 5 * 2 ** attempt)));
        continue;
      }
      throw error;
    }
  }
}

interface BatchRun {
  outcomes: OpOutcome[];
  wrote: boolean;
  firstSeq: number;
  lastSeq: number;
}

/**
 * Reads, validates and prices on pooled connections (side by side), then, in the transaction, takes the
 * sequence lock, checks nothing read has been written since and writes: the lock is held for the writes
 * only, so batches of many desks do their reading and pricing at the same time. Throws StaleRead when the
 * check fails.
 */
async function earlyBatch(ctx: PushContext, parsed: Parsed[]): Promise<BatchRun> {
  const state = new BatchState(0, true);
  const prepared = await prepareBatch(ctx, ctx.db, state, parsed);
  // Read with the batch's first reads (BatchState.load); a batch that read nothing still read it first.
  const clock = state.clockSeen ?? (await readClock(ctx.db));
  const rowWrites = state.prebuiltWrites(ctx.db);
  return ctx.db.transaction().execute(async (trx) => {
    const { env } = prepared;
    // Before the lock: what holds no seq (the stored answers, the audit entries).
    await writeSyncOps(ctx, trx, prepared.newSyncOps, env.now);
    await writeAudit(ctx, trx, env, env.now);
    const used = state.used;
    const base = await takeSeqs(trx, used);
    if (base !== clock && (await writtenSince(trx, clock, state.reads))) throw new StaleRead();
    const wrote = (await BatchState.runPrebuilt(trx, rowWrites)) > 0;
    state.numberFrom(
      base,
      env.conflicts.flatMap((c) => [c.client_data, c.server_data]),
    );
    await writeConflicts(ctx, trx, env, env.now);
    await ctx.hooks?.beforeCommit?.();
    return { outcomes: prepared.outcomes, wrote, firstSeq: base + 1, lastSeq: base + used };
  });
}

/** The batch holding the sequence lock from its first read (after a failed check). */
async function lockedBatch(ctx: PushContext, parsed: Parsed[]): Promise<BatchRun> {
  return ctx.db.transaction().execute(async (trx) => {
    const run = await withSeqClock(trx, async (state) => {
      const { env, outcomes, newSyncOps } = await prepareBatch(ctx, trx, state, parsed);
      await writeSideTables(ctx, trx, env, newSyncOps, env.now);
      return outcomes;
    });
    await ctx.hooks?.beforeCommit?.();
    return { ...run, outcomes: run.result };
  });
}

function answer(ctx: PushContext, { outcomes, wrote, firstSeq, lastSeq }: BatchRun, parsed: Parsed[]): PushResponse {
  if (wrote) ctx.onCommitted?.(lastSeq);
  const conflictIds = outcomes.flatMap((o) => (o.kind === 'conflict' ? [o.item.conflict_id] : []));
  if (conflictIds.length) ctx.onConflicts?.(conflictIds);
  const results: PushResponse['results'] = { success: [], conflicts: [], errors: [] };
  const changes = ctx.answerForm === 'changes';
  // One outcome per parsed op, in the same order (prepareBatch).
  for (const [i, outcome] of outcomes.entries()) {
    const sent = parsed[i];
    if (outcome.kind === 'success' && changes && outcome.item.entity && sent && 'op' in sent) {
      const { entity, ...item } = outcome.item;
      results.success.push({ ...item, changes: changesOf(sent.op.data, entity) });
    } else if (outcome.kind === 'success') results.success.push(outcome.item);
    else if (outcome.kind === 'conflict') results.conflicts.push(outcome.item);
    else results.errors.push(outcome.item);
  }
  // The rows this batch wrote are all in its answer: the desk need not pull them again.
  const written = wrote ? { written_seqs: { from: firstSeq, to: lastSeq } } : {};
  return { results, ...written, server_time: new Date().toISOString() };
}

/**
 * One op, after the checks that need the batch's rows; whatever it throws is that op's own 422 item, never the
 * batch's 5xx (a desk would retry that batch forever). Ops change only the in-memory batch state, and they
 * throw before changing it, so the rest of the batch applies as one transaction.
 */
function applyGuarded(env: OpEnv, op: PushOp, data: ParsedData): OpOutcome {
  const voided = voidedRefusal(env, op);
  if (voided) return refused(op, voided);
  try {
    return applyOp(env, op, data);
  } catch (error) {
    return refused(op, {
      status: 422,
      code: 'VALIDATION_FAILED',
      message: `This change cannot be applied: ${(error as Error).message ?? String(error)}`,
      fields: { data: 'cannot be applied' },
    });
  }
}

/** Reads what the batch needs and applies its ops in order to `state` (replaying answers already given). */
async function prepareBatch(ctx: PushContext, db: Db, state: BatchState, parsed: Parsed[]) {
  const ops = parsed.flatMap((p) => ('op' in p ? [p.op] : []));
  const opIds = [...new Set(ops.flatMap((op) => (op.op_id ? [op.op_id] : [])))];
  const stored = new Map<string, { request_hash: string; result: string }>();
  const readStored = async () => {
    if (opIds.length === 0) return;
    const rows = await db
      .selectFrom('sync_ops')
      .select(['op_id', 'request_hash', 'result'])
      .where('op_id', 'in', opIds)
      .execute();
    for (const row of rows) stored.set(row.op_id, row);
  };
  await Promise.all([readStored(), loadForOps(db, state, ops)]);

  const now = new Date().toISOString();
  const env: OpEnv = {
    state,
    claims: ctx.claims,
    policy: ctx.policy,
    orgTimeZone: ctx.orgTimeZone,
    now,
    audit: [],
    conflicts: [],
    batchBase: new Map(),
    clientSkewMs: ctx.clientSkewMs,
  };
  const outcomes: OpOutcome[] = [];
  const newSyncOps: { op_id: string; request_hash: string; result: string }[] = [];
  const seenInBatch = new Map<string, { hash: string; outcome: OpOutcome }>();
  for (const p of parsed) {
    if (!('op' in p)) {
      outcomes.push(p.error);
      continue;
    }
    const { op, hash, legacyHash } = p;
    const previous =
      op.op_id && (ctx.hooks?.mayReplay?.(op.op_id) ?? true)
        ? (stored.get(op.op_id) ?? seenInBatch.get(op.op_id))
        : undefined;
    if (op.op_id && previous) {
      const previousHash = 'request_hash' in previous ? previous.request_hash : previous.hash;
      if (previousHash !== hash && previousHash !== legacyHash()) {
        outcomes.push({
          kind: 'error',
          item: {
            op_id: op.op_id,
            entity_type: op.entity_type,
            ...(typeof op.data.uuid === 'string' ? { uuid: op.data.uuid } : {}),
            status: 422,
            code: 'IDEMPOTENCY_MISMATCH',
            message: `op_id ${op.op_id} was already used for a different op; nothing was applied`,
          },
        });
      } else {
        outcomes.push(
          replayedOutcome(
            env.state,
            'result' in previous ? (JSON.parse(previous.result) as OpOutcome) : previous.outcome,
            op,
            p.data.ok ? p.data.data.uuid : String(op.data.uuid),
          ),
        );
      }
      continue;
    }
    const outcome = applyGuarded(env, op, p.data);
    outcomes.push(outcome);
    if (op.op_id && outcome.kind !== 'error') {
      seenInBatch.set(op.op_id, { hash, outcome });
      newSyncOps.push({ op_id: op.op_id, request_hash: hash, result: JSON.stringify(storedForm(outcome)) });
    }
    await ctx.hooks?.afterOp?.(p.index, op);
  }

  return { env, outcomes, newSyncOps };
}
