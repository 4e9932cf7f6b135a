import { shapeOfEntity, type EntityRows, type EntityType } from '../../../../shared';

/** A row as SQLite holds it: the registry's boolean fields as 0/1, plus the local `sync_status`. */
export type StoredRow = Record<string, unknown>;

/** Local-only columns that are not part of the wire row. */
const LOCAL_COLUMNS = ['sync_status'] as const;

export function toStored(type: EntityType, row: Record<string, unknown>): StoredRow {
  const stored: StoredRow = { ...row };
  for (const column of shapeOfEntity(type).booleans) {
    if (column in stored) stored[column] = stored[column] ? 1 : 0;
  }
  return stored;
}

export function fromStored<T extends EntityType>(type: T, stored: StoredRow): EntityRows[T] & { sync_status: string } {
  const row: StoredRow = { ...stored };
  for (const column of shapeOfEntity(type).booleans) row[column] = row[column] === 1 || row[column] === true;
  // The columns are the registry's (entity-tables.test.ts checks the migrations against it).
  return row as EntityRows[T] & { sync_status: string };
}

/** The wire form of a local row: everything but local-only columns. */
export function toWire<T extends EntityType>(type: T, stored: StoredRow): EntityRows[T] {
  const row: StoredRow = fromStored(type, stored);
  for (const column of LOCAL_COLUMNS) delete row[column];
  return row as EntityRows[T];
}
