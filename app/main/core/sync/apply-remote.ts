import type Database from 'better-sqlite3';
import type { Transaction } from 'kysely';
import { COMMON_ROW_FIELDS, ENTITY_FIELDS, type EntityType, type WireRow } from '../../../../shared';
import type { LocalDatabase } from '../db/schema';
import { toStored } from '../domain/row-codec';

type Trx = Transaction<LocalDatabase>;
type Loose = Transaction<{ entity: Record<string, unknown> & { uuid: string } }>;
const tableOf = (type: EntityType) => type as unknown as 'entity';

/** Entity uuids that still have local ops waiting (pending, or stopped with an error). */
export async function entitiesWithLocalOps(trx: Trx, uuids: string[]): Promise<Set<string>> {
  if (uuids.length === 0) return new Set();
  const rows = await trx
    .selectFrom('outbox')
    .select('entity_uuid')
    .where('entity_uuid', 'in', uuids)
    .where('status', 'in', ['pending', 'error'])
    .execute();
  return new Set(rows.map((r) => r.entity_uuid));
}

/** Stores a server row as the local row, marked synced. Only the columns this desk knows are kept. */
export async function storeServerRow(trx: Trx, type: EntityType, row: WireRow): Promise<void> {
  const values: Record<string, unknown> = {};
  for (const column of [...COMMON_ROW_FIELDS, ...ENTITY_FIELDS[type]]) values[column] = row[column] ?? null;
  const stored = { ...toStored(type, values as never), uuid: row.uuid, sync_status: 'synced' };
  await (trx as unknown as Loose)
    .insertInto(tableOf(type))
    .values(stored)
    .onConflict((oc) => oc.column('uuid').doUpdateSet(stored))
    .execute();
}

/** The server accepted one of several local edits: record its version, keep the local values of the rest. */
export async function storeServerVersion(trx: Trx, type: EntityType, row: WireRow): Promise<void> {
  await (trx as unknown as Loose)
    .updateTable(tableOf(type))
    .set({ version: row.version })
    .where('uuid', '=', row.uuid)
    .execute();
}

const upserts = new WeakMap<Database.Database, Map<EntityType, Database.Statement>>();

/**
 * Many server rows at once through one prepared upsert (the pull path): called inside the page's transaction,
 * on the same connection Kysely uses, so it commits or rolls back with the page and its cursor.
 */
export function storeServerRows(sqlite: Database.Database, type: EntityType, rows: WireRow[]): void {
  const columns = [...COMMON_ROW_FIELDS, ...ENTITY_FIELDS[type], 'sync_status'];
  let byType = upserts.get(sqlite);
  if (!byType) upserts.set(sqlite, (byType = new Map()));
  let statement = byType.get(type);
  if (!statement) {
    const updates = columns.filter((c) => c !== 'uuid').map((c) => `"${c}" = excluded."${c}"`);
    statement = sqlite.prepare(
      `insert into "${type}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')}) on conflict(uuid) do update set ${updates.join(', ')}`,
    );
    byType.set(type, statement);
  }
  for (const row of rows) {
    const values: Record<string, unknown> = { sync_status: 'synced' };
    for (const column of columns) if (column !== 'sync_status') values[column] = row[column] ?? null;
    if (type === 'suppliers' || type === 'products') values.active = row.active ? 1 : 0;
    statement.run(values);
  }
}
