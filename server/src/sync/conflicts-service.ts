import type { Kysely, Transaction } from 'kysely';
import {
  AppError,
  can,
  CONFLICT_STATUSES,
  DEFAULT_POLICY,
  entityTypeOf,
  newId,
  parseInput,
  ResolveConflictRequestSchema,
  type ConflictRecord,
  type DateWindow,
  type EntityType,
  type WireRow,
} from '../../../shared';
import type { ServerDatabase } from '../db/schema';
import { fromMysqlDateTime, toMysqlDateTime } from '../db/time';
import type { AccessClaims } from '../plugins/auth';
import { requireCan } from '../plugins/auth';
import type { OpEnv } from './apply-op';
import { loadForOps } from './batch-load';
import { applyResolution, parseResolutionData } from './resolution';
import { toWire } from './rows';
import { withSeqClock } from './seq-clock';
import { auditDocument } from './audit-document';

type Trx = Transaction<ServerDatabase>;
type ConflictRow = ServerDatabase['conflicts'];

function record(row: ConflictRow & { resolved_by_name?: string | null }): ConflictRecord {
  return {
    conflict_id: row.id,
    entity_type: row.entity_type as EntityType,
    uuid: row.entity_uuid,
    type: row.type as ConflictRecord['type'],
    resolution: row.resolution as ConflictRecord['resolution'],
    status: row.status as ConflictRecord['status'],
    client_data: JSON.parse(row.client_data),
    server_data: JSON.parse(row.server_data),
    device_id: row.device_id,
    user_id: row.user_id,
    created_at: fromMysqlDateTime(row.created_at)!,
    resolved_by: row.resolved_by,
    resolved_at: fromMysqlDateTime(row.resolved_at),
    resolved_data: row.resolved_data ? JSON.parse(row.resolved_data) : null,
    note: row.note,
    resolved_by_name: row.resolved_by_name ?? null,
  };
}

function withResolver(db: Kysely<ServerDatabase>) {
  return db
    .selectFrom('conflicts')
    .leftJoin('users', 'users.id', 'conflicts.resolved_by')
    .selectAll('conflicts')
    .select('users.name as resolved_by_name');
}

/** GET /api/v1/conflicts — supervisors see every conflict; `status` filters (open by default). */
export async function listConflicts(db: Kysely<ServerDatabase>, claims: AccessClaims, status: string | undefined) {
  requireCan(claims, 'conflicts.list');
  const wanted = status ?? 'open';
  if (wanted !== 'all' && !(CONFLICT_STATUSES as readonly string[]).includes(wanted)) {
    throw new AppError('VALIDATION_FAILED', 'status must be open, resolved, auto or all', {
      status: 'must be one of: open, resolved, auto, all',
    });
  }
  let query = withResolver(db).orderBy('conflicts.created_at', 'desc').orderBy('conflicts.id', 'desc').limit(1000);
  if (wanted !== 'all') query = query.where('conflicts.status', '=', wanted);
  return { conflicts: (await query.execute()).map(record) };
}

/** Extension: any desk may ask how its own conflicts stand, so a clerk sees "resolved" when a supervisor acts. */
export async function conflictStatuses(db: Kysely<ServerDatabase>, claims: AccessClaims, ids: string[]) {
  if (ids.length === 0) return { conflicts: [] };
  let query = withResolver(db).where('conflicts.id', 'in', ids.slice(0, 500));
  if (!can(claims.role, 'conflicts.list')) query = query.where('conflicts.device_id', '=', claims.device_id);
  return { conflicts: (await query.execute()).map(record) };
}

async function audit(trx: Trx, claims: AccessClaims, row: ConflictRow, action: string, after: unknown) {
  await trx
    .insertInto('audit')
    .values({
      at: toMysqlDateTime(new Date()),
      user_id: claims.sub,
      device_id: claims.device_id,
      entity_type: 'conflicts',
      entity_uuid: row.id,
      action,
      before: JSON.stringify({ status: row.status }),
      after: JSON.stringify(after),
    })
    .execute();
}

async function lockConflict(trx: Trx, id: string): Promise<ConflictRow> {
  const row = await trx.selectFrom('conflicts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No conflict has that id');
  return row;
}

/**
 * POST /api/v1/conflicts/:id/resolve — `apply`: the chosen values become a new version of the row (it syncs to
 * every desk by pull; a deleted row comes back with `deleted_at: null`); `close`: the row stays as it is (a
 * deletion kept, the server's side confirmed). Either way the conflict closes with who, when and why.
 * Auto-resolved conflicts may be resolved too: that is how a supervisor restores the losing side.
 */
export async function resolveConflict(
  db: Kysely<ServerDatabase>,
  claims: AccessClaims,
  id: string,
  body: unknown,
  orgTimeZone: string,
  window: DateWindow,
  onCommitted?: (seq: number) => void,
) {
  requireCan(claims, 'conflicts.resolve');
  const input = parseInput(ResolveConflictRequestSchema, body);
  const result = await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const run = await withSeqClock(trx, async (state) => {
      const conflict = await lockConflict(trx, id);
      if (conflict.status === 'resolved') throw new AppError('ALREADY_RESOLVED', 'This conflict was resolved already');
      const type = entityTypeOf(conflict.entity_type);
      const parsed = parseResolutionData(type, conflict.entity_uuid, input.data, window);
      if (!('ok' in parsed)) throw new AppError('VALIDATION_FAILED', parsed.message, parsed.fields);
      const data = parsed.values;
      await loadForOps(trx, state, [{ entity_type: type, data: { ...data, uuid: conflict.entity_uuid } }]);
      const current = state.get(type, conflict.entity_uuid);
      if (!current) throw new AppError('NOT_FOUND', 'The record of this conflict no longer exists');
      if (current.version !== input.base_version) {
        throw new AppError(
          'VERSION_MISMATCH',
          `The record changed since you looked (now version ${current.version}); reload and choose again`,
        );
      }
      const env: OpEnv = {
        state,
        claims,
        policy: DEFAULT_POLICY,
        orgTimeZone,
        now,
        audit: [],
        conflicts: [],
        batchBase: new Map(),
      };
      let row = current;
      if (input.action === 'apply') {
        const written = applyResolution(env, type, current, data);
        if (!('row' in written)) throw new AppError('VALIDATION_FAILED', written.message, written.fields);
        row = written.row;
      }
      await writeResolution(trx, claims, conflict, env, input.action === 'apply' ? data : null, input.note, now);
      return toWire(row) as WireRow;
    });
    return { entity: run.result, seq: run.wrote ? run.lastSeq : 0 };
  });
  if (result.seq) onCommitted?.(result.seq);
  return { entity: result.entity };
}

/** The audit of the row's new version, and the conflict closed with who, when, what and why. */
async function writeResolution(
  trx: Trx,
  claims: AccessClaims,
  conflict: ConflictRow,
  env: OpEnv,
  data: Record<string, unknown> | null,
  note: string | undefined,
  now: string,
) {
  for (const entry of env.audit) {
    await trx
      .insertInto('audit')
      .values({
        at: toMysqlDateTime(now),
        user_id: claims.sub,
        device_id: claims.device_id,
        entity_type: entry.entity_type,
        entity_uuid: entry.entity_uuid,
        action: 'resolve',
        before: entry.before ? auditDocument(entry.before) : null,
        after: auditDocument(entry.after),
      })
      .execute();
  }
  await trx
    .updateTable('conflicts')
    .set({
      status: 'resolved',
      resolved_by: claims.sub,
      resolved_at: toMysqlDateTime(now),
      resolved_data: data ? JSON.stringify(data) : null,
      note: note ?? conflict.note,
    })
    .where('id', '=', conflict.id)
    .execute();
  await audit(trx, claims, conflict, 'resolve-conflict', {
    status: 'resolved',
    action: data ? 'apply' : 'close',
    data,
    note: note ?? null,
    id: newId(),
  });
}

/** Extension: a supervisor reopens an auto-resolved conflict to look at it again (nothing changes on the row). */
export async function reopenConflict(db: Kysely<ServerDatabase>, claims: AccessClaims, id: string) {
  requireCan(claims, 'conflicts.reopen');
  return db.transaction().execute(async (trx) => {
    const conflict = await lockConflict(trx, id);
    if (conflict.status !== 'auto')
      throw new AppError('ALREADY_RESOLVED', 'Only an automatically settled conflict can be reopened');
    await trx.updateTable('conflicts').set({ status: 'open' }).where('id', '=', id).execute();
    await audit(trx, claims, conflict, 'reopen-conflict', { status: 'open' });
    return { conflict: record({ ...conflict, status: 'open' }) };
  });
}
