import type { Kysely, Transaction } from 'kysely';
import { newId, type EntityRows, type EntityType, type Operation } from '../../../../shared';
import type { LocalDatabase } from '../db/schema';
import type { CoreContext } from './context';
import { fromStored, toStored, toWire, type StoredRow } from './row-codec';

/**
 * Kysely's per-table types cannot be indexed by a runtime table name, so entity reads and writes go through
 * one loosely typed view; `tableOf` keeps the real table name in the SQL.
 */
type EntityTables = { entity: StoredRow & { uuid: string } };
const tableOf = (type: EntityType) => type as unknown as 'entity';
type Trx = Transaction<LocalDatabase>;

function loose(db: Kysely<LocalDatabase> | Trx): Kysely<EntityTables> {
  return db as unknown as Kysely<EntityTables>;
}

export async function findEntity<T extends EntityType>(
  db: Kysely<LocalDatabase> | Trx,
  type: T,
  uuid: string,
): Promise<(EntityRows[T] & { sync_status: string }) | undefined> {
  const stored = await loose(db).selectFrom(tableOf(type)).selectAll().where('uuid', '=', uuid).executeTakeFirst();
  return stored ? fromStored(type, stored) : undefined;
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
}

/**
 * The one way a user action changes an entity: the row, its audit entry and its outbox op, all in the
 * caller's SQLite transaction (DESIGN §4). The op's base_version is the server version the user edited.
 */
export async function writeEntity<T extends EntityType>(trx: Trx, ctx: CoreContext, spec: WriteSpec<T>): Promise<void> {
  const now = ctx.now();
  const userId = ctx.session()?.userId ?? null;
  const stored = { ...toStored(spec.type, spec.after), uuid: spec.after.uuid, sync_status: 'pending' };
  if (spec.operation === 'create') {
    await loose(trx).insertInto(tableOf(spec.type)).values(stored).execute();
  } else {
    await loose(trx).updateTable(tableOf(spec.type)).set(stored).where('uuid', '=', spec.after.uuid).execute();
  }

  await trx
    .insertInto('audit')
    .values({
      at: now,
      user_id: userId,
      entity_type: spec.type,
      entity_uuid: spec.after.uuid,
      action: spec.action ?? spec.operation,
      before: spec.before ? JSON.stringify(spec.before) : null,
      after: JSON.stringify(spec.after),
    })
    .execute();

  const wire = toWire(spec.type, stored) as unknown as StoredRow;
  const payload: StoredRow =
    spec.operation === 'create'
      ? { ...wire, version: 0 }
      : pick(wire, ['uuid', 'version', ...(spec.changedFields ?? [])]);
  if (spec.operation !== 'create') payload.version = spec.before?.version ?? 0;

  await trx
    .insertInto('outbox')
    .values({
      op_id: newId(),
      entity_type: spec.type,
      entity_uuid: spec.after.uuid,
      operation: spec.operation,
      base_version: spec.operation === 'create' ? 0 : (spec.before?.version ?? 0),
      changed_fields: spec.operation === 'update' ? JSON.stringify(spec.changedFields ?? []) : null,
      payload: JSON.stringify(payload),
      client_timestamp: ctx.hlc.now(),
      user_id: userId,
      status: 'pending',
      attempts: 0,
      last_error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
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
