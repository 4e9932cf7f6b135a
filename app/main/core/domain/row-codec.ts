import type { EntityRows, EntityType } from '../../../../shared';

/** SQLite has no booleans: these columns are stored as 0/1 and exposed as true/false. */
const BOOLEAN_COLUMNS: Partial<Record<EntityType, readonly string[]>> = {
  suppliers: ['active'],
  products: ['active'],
};

/** Local-only columns that are not part of the wire row. */
const LOCAL_COLUMNS = ['sync_status'] as const;

export type StoredRow = Record<string, unknown>;

export function toStored<T extends EntityType>(type: T, row: Partial<EntityRows[T]>): StoredRow {
  const stored: StoredRow = { ...row };
  for (const column of BOOLEAN_COLUMNS[type] ?? []) {
    if (column in stored) stored[column] = stored[column] ? 1 : 0;
  }
  return stored;
}

export function fromStored<T extends EntityType>(type: T, stored: StoredRow): EntityRows[T] & { sync_status: string } {
  const row: StoredRow = { ...stored };
  for (const column of BOOLEAN_COLUMNS[type] ?? []) row[column] = row[column] === 1 || row[column] === true;
  return row as unknown as EntityRows[T] & { sync_status: string };
}

/** The wire form of a local row: everything but local-only columns. */
export function toWire<T extends EntityType>(type: T, stored: StoredRow): EntityRows[T] {
  const row = fromStored(type, stored) as unknown as StoredRow;
  for (const column of LOCAL_COLUMNS) delete row[column];
  return row as unknown as EntityRows[T];
}
