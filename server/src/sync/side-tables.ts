import { sql, type Insertable, type Transaction } from 'kysely';
import { insertText } from '../db/insert-text';
import type { ServerDatabase } from '../db/schema';
import { toMysqlDateTime } from '../db/time';
import type { PushContext } from './apply-push';
import type { OpEnv } from './op/env';
import { auditDocument } from './audit-document';

// The push's two large side inserts go as SQL text (db/insert-text.ts); the column lists are checked against the schema.
const AUDIT_COLUMNS = [
  'at',
  'user_id',
  'device_id',
  'entity_type',
  'entity_uuid',
  'action',
  'before',
  'after',
] as const satisfies readonly (keyof Insertable<ServerDatabase['audit']>)[];
const SYNC_OPS_COLUMNS = [
  'op_id',
  'device_id',
  'user_id',
  'request_hash',
  'result',
  'created_at',
] as const satisfies readonly (keyof Insertable<ServerDatabase['sync_ops']>)[];

/** The audit entries, conflicts and op answers (for idempotent replay) of one push batch. */
export async function writeSideTables(
  ctx: PushContext,
  trx: Transaction<ServerDatabase>,
  env: OpEnv,
  syncOps: { op_id: string; request_hash: string; result: string }[],
  now: string,
) {
  await writeAudit(ctx, trx, env, now);
  await writeConflicts(ctx, trx, env, now);
  await writeSyncOps(ctx, trx, syncOps, now);
}

/** The batch's audit entries (no seq in them: an early batch writes them before the lock). */
export async function writeAudit(ctx: PushContext, trx: Transaction<ServerDatabase>, env: OpEnv, now: string) {
  if (env.audit.length === 0) return;
  const at = toMysqlDateTime(now);
  const rows = env.audit.map((a) => ({
    at,
    user_id: ctx.claims.sub,
    device_id: ctx.deviceId,
    entity_type: a.entity_type,
    entity_uuid: a.entity_uuid,
    action: a.action,
    before: a.before ? auditDocument(a.before) : null,
    after: auditDocument(a.after),
  }));
  await sql.raw(insertText('audit', AUDIT_COLUMNS, rows)).execute(trx);
}

/** The conflicts the batch met (their documents hold rows with seqs: written holding the lock). */
export async function writeConflicts(ctx: PushContext, trx: Transaction<ServerDatabase>, env: OpEnv, now: string) {
  const at = toMysqlDateTime(now);
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
}

/** The op answers, for idempotent replay (no seq in them: an early batch writes them before the lock). */
export async function writeSyncOps(
  ctx: PushContext,
  trx: Transaction<ServerDatabase>,
  syncOps: { op_id: string; request_hash: string; result: string }[],
  now: string,
) {
  if (syncOps.length === 0) return;
  const at = toMysqlDateTime(now);
  const rows = syncOps.map((s) => ({ ...s, device_id: ctx.deviceId, user_id: ctx.claims.sub, created_at: at }));
  await sql.raw(insertText('sync_ops', SYNC_OPS_COLUMNS, rows)).execute(trx);
}
