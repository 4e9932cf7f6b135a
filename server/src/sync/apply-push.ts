import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { fieldErrorsOf, PushOpSchema, type PushOp, type PushResponse } from '../../../shared';
import type { ServerDatabase } from '../db/schema';
import { toMysqlDateTime } from '../db/time';
import type { AccessClaims } from '../plugins/auth';
import { applyOp, type OpEnv, type OpOutcome } from './apply-op';
import type { BatchState } from './batch-state';
import { loadForOps } from './batch-load';
import type { ConflictPolicy } from './op/env';
import { withSeqClock } from './seq-clock';

/** Test-only fault injection: throwing from a hook must leave the database untouched. */
export interface PushHooks {
  afterOp?(index: number): void | Promise<void>;
  beforeCommit?(): void | Promise<void>;
  /**
   * Test-only sabotage for the simulation's "can the invariants fail?" check: ignore stored op results, as a
   * server without idempotency would. Never set outside tests.
   */
  breakIdempotency?: boolean;
}

export interface PushContext {
  db: Kysely<ServerDatabase>;
  claims: AccessClaims;
  deviceId: string;
  policy: ConflictPolicy;
  orgTimeZone: string;
  hooks?: PushHooks;
  clientSkewMs?: number;
  /** Called after commit with the highest seq, so the live channel can announce it. */
  onCommitted?(seq: number): void;
}

type Trx = Transaction<ServerDatabase>;
type Parsed = { index: number; op: PushOp; hash: string } | { index: number; error: OpOutcome };

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/** A stable hash of what an op asks, to tell a replay from a different op reusing an op_id. */
function hashOp(op: PushOp): string {
  const canonical = JSON.stringify([
    op.entity_type,
    op.operation,
    sortKeys(op.data),
    op.changed_fields ?? null,
    op.client_timestamp ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function parseOps(batch: unknown[]): Parsed[] {
  return batch.map((raw, index) => {
    const parsed = PushOpSchema.safeParse(raw);
    if (parsed.success) return { index, op: parsed.data, hash: hashOp(parsed.data) };
    const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const data = (r.data && typeof r.data === 'object' ? r.data : {}) as Record<string, unknown>;
    const fields = fieldErrorsOf(parsed.error, raw);
    return {
      index,
      error: {
        kind: 'error',
        item: {
          ...(typeof r.op_id === 'string' ? { op_id: r.op_id } : {}),
          ...(typeof r.entity_type === 'string' ? { entity_type: r.entity_type } : {}),
          ...(typeof data.uuid === 'string' ? { uuid: data.uuid } : {}),
          status: 422,
          code: 'VALIDATION_FAILED',
          message: `Invalid op: ${Object.entries(fields)
            .map(([f, m]) => `${f} ${m}`)
            .join('; ')}`,
          fields,
        },
      },
    };
  });
}

/**
 * Applies one push batch in one MySQL transaction (DESIGN §5.1). Successful ops commit together or not at
 * all; error items change nothing; success and conflict answers are stored by op_id and replayed.
 */
export async function applyPush(ctx: PushContext, batch: unknown[]): Promise<PushResponse> {
  const parsed = parseOps(batch);
  for (let attempt = 1; ; attempt++) {
    try {
      const { outcomes, lastSeq, wrote } = await ctx.db.transaction().execute(async (trx) => {
        const run = await withSeqClock(trx, (state) => runBatch(ctx, trx, state, parsed));
        await ctx.hooks?.beforeCommit?.();
        return { ...run, outcomes: run.result };
      });
      if (wrote) ctx.onCommitted?.(lastSeq);
      const results: PushResponse['results'] = { success: [], conflicts: [], errors: [] };
      for (const outcome of outcomes) {
        if (outcome.kind === 'success') results.success.push(outcome.item);
        else if (outcome.kind === 'conflict') results.conflicts.push(outcome.item);
        else results.errors.push(outcome.item);
      }
      return { results, server_time: new Date().toISOString() };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt < 5 && code && RETRYABLE.has(code)) continue;
      throw error;
    }
  }
}

/** Applies the batch's ops in order (replaying answers already given) and writes the side tables. */
async function runBatch(ctx: PushContext, trx: Trx, state: BatchState, parsed: Parsed[]): Promise<OpOutcome[]> {
  const ops = parsed.flatMap((p) => ('op' in p ? [p.op] : []));
  const opIds = [...new Set(ops.flatMap((op) => (op.op_id ? [op.op_id] : [])))];
  const stored = new Map<string, { request_hash: string; result: string }>();
  if (opIds.length) {
    const rows = await trx
      .selectFrom('sync_ops')
      .select(['op_id', 'request_hash', 'result'])
      .where('op_id', 'in', opIds)
      .execute();
    for (const row of rows) stored.set(row.op_id, row);
  }
  await loadForOps(trx, state, ops);

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
    const { op, hash } = p;
    const previous =
      op.op_id && !ctx.hooks?.breakIdempotency ? (stored.get(op.op_id) ?? seenInBatch.get(op.op_id)) : undefined;
    if (op.op_id && previous) {
      const previousHash = 'request_hash' in previous ? previous.request_hash : previous.hash;
      if (previousHash !== hash) {
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
        outcomes.push('result' in previous ? (JSON.parse(previous.result) as OpOutcome) : previous.outcome);
      }
      continue;
    }
    const outcome = applyOp(env, op);
    outcomes.push(outcome);
    if (op.op_id && outcome.kind !== 'error') {
      seenInBatch.set(op.op_id, { hash, outcome });
      newSyncOps.push({ op_id: op.op_id, request_hash: hash, result: JSON.stringify(outcome) });
    }
    await ctx.hooks?.afterOp?.(p.index);
  }

  await writeSideTables(ctx, trx, env, newSyncOps, now);
  return outcomes;
}

async function writeSideTables(
  ctx: PushContext,
  trx: Trx,
  env: OpEnv,
  syncOps: { op_id: string; request_hash: string; result: string }[],
  now: string,
) {
  const at = toMysqlDateTime(now);
  if (env.audit.length) {
    await trx
      .insertInto('audit')
      .values(
        env.audit.map((a) => ({
          at,
          user_id: ctx.claims.sub,
          device_id: ctx.deviceId,
          entity_type: a.entity_type,
          entity_uuid: a.entity_uuid,
          action: a.action,
          before: a.before ? JSON.stringify(a.before) : null,
          after: JSON.stringify(a.after),
        })),
      )
      .execute();
  }
  if (env.conflicts.length) {
    await trx
      .insertInto('conflicts')
      .values(
        env.conflicts.map((c) => ({
          ...c,
          client_data: JSON.stringify(c.client_data),
          server_data: JSON.stringify(c.server_data),
          resolved_data: null,
          device_id: ctx.deviceId,
          user_id: ctx.claims.sub,
          created_at: at,
          resolved_by: null,
          resolved_at: null,
          note: null,
        })),
      )
      .execute();
  }
  if (syncOps.length) {
    await trx
      .insertInto('sync_ops')
      .values(syncOps.map((s) => ({ ...s, device_id: ctx.deviceId, user_id: ctx.claims.sub, created_at: at })))
      .execute();
  }
}
