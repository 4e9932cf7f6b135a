import type { Transaction } from 'kysely';
import {
  entity,
  newId,
  validationError,
  type EntityRows,
  type EntitySpec,
  type EntityType,
  type Operation,
} from '../../../../shared';
import { entityTable } from '../db/entity-table';
import { fromStored, toWire, type StoredRow } from '../db/row-codec';
import type { LocalDatabase } from '../db/schema';
import type { CoreContext, Executor } from './context';
import { assertPeriodOpen } from './period-open';

type Trx = Transaction<LocalDatabase>;

export async function findEntity<T extends EntityType>(
  db: Executor,
  type: T,
  uuid: string,
): Promise<(EntityRows[T] & { sync_status: string }) | undefined> {
  const stored = await entityTable(db, type).selectFrom().selectAll().where('uuid', '=', uuid).executeTakeFirst();
  return stored ? fromStored(type, stored) : undefined;
}

/** The registry entry's rules across fields, on the whole row as it would be written (refused field by field). */
export function checkRowRules(type: EntityType, row: Readonly<Record<string, unknown>>): void {
  const errors = (entity(type) as EntitySpec).rowRules?.(row) ?? {};
  if (Object.keys(errors).length) throw validationError(errors);
}

interface WriteSpec<T extends EntityType> {
  type: T;
  operation: Operation;
  /** The row before the write (undefined for create). */
  before?: EntityRows[T];
  /** The row after the write, as stored locally. */
  after: EntityRows[T];
  /** Fields this write changed (update/delete); the op carries only these. */
  changedFields?: string[];
  /** The audit action name when it is not the operation ("void"). */
  action?: string;
  /** Why, kept in the audit entry's `after` as `void_reason` (a collection's void has no column for it). */
  reason?: string;
}

/**
 * The one way a user action changes an entity: the row, its audit entry and its outbox op, all in the
 * caller's SQLite transaction (docs/architecture.md "The path of one payment"). The op's base_version is the server version the user edited.
 */
export async function writeEntity<T extends EntityType>(
  _trx: Trx,
  ctx: CoreContext,
  spec: WriteSpec<T>,
): Promise<void> {
  writeEntityNow(ctx, spec);
}

/** The same three statements, synchronously: for work inside `ctx.writeNow`. */
export function writeEntityNow<T extends EntityType>(ctx: CoreContext, spec: WriteSpec<T>): void {
  // Every create, edit, void and delete passes here: none may touch a period an approved run closed.
  assertPeriodOpen(ctx, spec.type, spec.before, spec.after);
  if (spec.operation === 'create') ctx.rows.insert(spec.type, spec.after, 'pending');
  else ctx.rows.upsert(spec.type, [spec.after], 'pending');
  logWrite(ctx, spec, ctx.now(), ctx.session()?.userId ?? null);
}

/**
 * Many new rows of one type (an import), each with its audit entry and outbox op, in the caller's transaction:
 * the same three writes per row as writeEntity, with each statement prepared and the clock read once.
 */
export function writeCreates<T extends EntityType>(_trx: Trx, ctx: CoreContext, type: T, rows: EntityRows[T][]): void {
  const now = ctx.now();
  const userId = ctx.session()?.userId ?? null;
  for (const row of rows) assertPeriodOpen(ctx, type, undefined, row);
  ctx.rows.insertMany(type, rows, 'pending');
  for (const after of rows) logWrite(ctx, { type, operation: 'create', after }, now, userId);
}

/** The audit entry and outbox op of one write whose row is already written. */
function logWrite<T extends EntityType>(ctx: CoreContext, spec: WriteSpec<T>, now: string, userId: string | null) {
  const wire: StoredRow = toWire(spec.type, spec.after); // a copy of its own: a create's op carries it as it is
  const payload: StoredRow =
    spec.operation === 'create' ? wire : pick(wire, ['uuid', 'version', ...(spec.changedFields ?? [])]);
  payload.version = spec.operation === 'create' ? 0 : (spec.before?.version ?? 0);
  const payloadJson = JSON.stringify(payload);

  ctx.log.audit({
    at: now,
    user_id: userId,
    entity_type: spec.type,
    entity_uuid: spec.after.uuid,
    action: spec.action ?? spec.operation,
    before: spec.before ? JSON.stringify(spec.before) : null,
    // A create's op carries the whole new row: the audit entry shares its JSON instead of building it again.
    after: sameAsPayload(spec)
      ? payloadJson
      : JSON.stringify(spec.reason === undefined ? spec.after : { ...spec.after, void_reason: spec.reason }),
  });

  ctx.log.queue({
    op_id: newId(),
    entity_type: spec.type,
    entity_uuid: spec.after.uuid,
    operation: spec.operation,
    base_version: spec.operation === 'create' ? 0 : (spec.before?.version ?? 0),
    changed_fields: spec.operation === 'update' ? JSON.stringify(spec.changedFields ?? []) : null,
    payload: payloadJson,
    client_timestamp: ctx.hlc.now(),
    user_id: userId,
    created_at: now,
    updated_at: now,
  });
}

/** A create whose row is already its wire form at version 0 (every new row): its JSON is the op's payload. */
function sameAsPayload(spec: WriteSpec<EntityType>): boolean {
  return spec.operation === 'create' && spec.after.version === 0 && !('sync_status' in spec.after);
}

function pick(row: StoredRow, keys: string[]): StoredRow {
  const out: StoredRow = {};
  for (const key of keys) if (key in row) out[key] = row[key];
  return out;
}

/** Field names whose values differ between a row and a patch (only keys present in the patch). */
export function changedFieldsOf(row: Record<string, unknown>, patch: Record<string, unknown>): string[] {
  return Object.keys(patch).filter((key) => patch[key] !== undefined && patch[key] !== row[key]);
}
