import { sql, type Kysely, type Transaction } from 'kysely';
import {
  AppError,
  CONFLICT_STATUSES,
  formatHlc,
  newId,
  parseInput,
  ResolveConflictRequestSchema,
  type ConflictRecord,
  type EntityType,
  type WireRow,
} from '../../../shared';
import type { ServerDatabase } from '../db/schema';
import { fromMysqlDateTime, toMysqlDateTime } from '../db/time';
import type { AccessClaims } from '../plugins/auth';
import { requireRole } from '../plugins/auth';
import { applyOp, type OpEnv } from './apply-op';
import { BatchState } from './batch-state';
import { UPDATABLE_FIELDS } from './op-schemas';
import { DEFAULT_POLICY } from './policy';

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
  requireRole(claims, 'supervisor', 'list conflicts');
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
  if (claims.role === 'clerk') query = query.where('conflicts.device_id', '=', claims.device_id);
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
 * POST /api/v1/conflicts/:id/resolve — the chosen values become a new version of the row (it syncs to every
 * desk by pull), and the conflict closes with who and when. Auto-resolved conflicts may be resolved too: that
 * is how a supervisor reverts a machine's choice and restores the losing side.
 */
export async function resolveConflict(
  db: Kysely<ServerDatabase>,
  claims: AccessClaims,
  id: string,
  body: unknown,
  orgTimeZone: string,
  onCommitted?: (seq: number) => void,
) {
  requireRole(claims, 'supervisor', 'resolve conflicts');
  const input = parseInput(ResolveConflictRequestSchema, body);
  const result = await db.transaction().execute(async (trx) => {
    const clock = await sql<{ seq: number }>`select seq from sync_clock where id = 1 for update`.execute(trx);
    const conflict = await lockConflict(trx, id);
    if (conflict.status === 'resolved') throw new AppError('ALREADY_RESOLVED', 'This conflict was resolved already');
    const type = conflict.entity_type as EntityType;
    const state = new BatchState(Number(clock.rows[0]?.seq ?? 0));
    const data = Object.fromEntries(Object.entries(input.data).filter(([k]) => UPDATABLE_FIELDS[type].includes(k)));
    const wanted = new Map<EntityType, Set<string>>([
      ['suppliers', new Set(typeof data.supplier_uuid === 'string' ? [data.supplier_uuid] : [])],
      ['products', new Set(typeof data.product_uuid === 'string' ? [data.product_uuid] : [])],
    ]);
    wanted.set(type, new Set([...(wanted.get(type) ?? []), conflict.entity_uuid]));
    await state.load(trx, wanted);
    const current = state.get(type, conflict.entity_uuid);
    if (!current) throw new AppError('NOT_FOUND', 'The record of this conflict no longer exists');
    if (current.version !== input.base_version) {
      throw new AppError(
        'VERSION_MISMATCH',
        `The record changed since you looked (now version ${current.version}); reload and choose again`,
      );
    }
    if (type === 'collections')
      await state.loadRates(trx, new Set([String(data.product_uuid ?? current.product_uuid)]));
    if (type === 'suppliers' || type === 'products')
      await state.loadCodes(trx, type, new Set(typeof data.code === 'string' ? [data.code] : []));
    const now = new Date().toISOString();
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
    const outcome = applyOp(env, {
      entity_type: type,
      operation: 'update',
      data: { ...data, uuid: conflict.entity_uuid, version: current.version },
      changed_fields: Object.keys(data),
      client_timestamp: formatHlc({ wallMs: Date.parse(now), counter: 0, node: 'server' }),
    });
    if (outcome.kind === 'error') throw new AppError('VALIDATION_FAILED', outcome.item.message, outcome.item.fields);
    if (outcome.kind === 'conflict')
      throw new AppError('VERSION_MISMATCH', 'The record changed while resolving; reload and choose again');
    const wrote = (await state.flush(trx)) > 0;
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
          before: JSON.stringify(entry.before),
          after: JSON.stringify(entry.after),
        })
        .execute();
    }
    if (wrote) await sql`update sync_clock set seq = ${state.lastSeq} where id = 1`.execute(trx);
    await trx
      .updateTable('conflicts')
      .set({
        status: 'resolved',
        resolved_by: claims.sub,
        resolved_at: toMysqlDateTime(now),
        resolved_data: JSON.stringify(data),
        note: input.note ?? conflict.note,
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, claims, conflict, 'resolve-conflict', {
      status: 'resolved',
      data,
      note: input.note ?? null,
      id: newId(),
    });
    return { entity: outcome.item.entity as WireRow, seq: wrote ? state.lastSeq : 0 };
  });
  if (result.seq) onCommitted?.(result.seq);
  return { entity: result.entity };
}

/** Extension: a supervisor reopens an auto-resolved conflict to look at it again (nothing changes on the row). */
export async function reopenConflict(db: Kysely<ServerDatabase>, claims: AccessClaims, id: string) {
  requireRole(claims, 'supervisor', 'reopen conflicts');
  return db.transaction().execute(async (trx) => {
    const conflict = await lockConflict(trx, id);
    if (conflict.status !== 'auto')
      throw new AppError('ALREADY_RESOLVED', 'Only an automatically settled conflict can be reopened');
    await trx.updateTable('conflicts').set({ status: 'open' }).where('id', '=', id).execute();
    await audit(trx, claims, conflict, 'reopen-conflict', { status: 'open' });
    return { conflict: record({ ...conflict, status: 'open' }) };
  });
}
