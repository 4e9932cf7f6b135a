import { shapeOfEntity, type EntityRows, type EntityType } from '../../../../shared';

/** A row as SQLite holds it: the registry's boolean fields as 0/1, plus the local `sync_status`. */
export type StoredRow = Record<string, unknown>;

/** Local-only columns that are not part of the wire row. */
const LOCAL_COLUMNS = ['sync_status'] as const;

const encoders = new Map<EntityType, (column: string, value: unknown) => unknown>();

/** How SQLite stores a column of the type: the registry's boolean fields as 0/1, anything else as it is. */
export function storedValues(type: EntityType): (column: string, value: unknown) => unknown {
  let encode = encoders.get(type);
  if (!encode) {
    const booleans = new Set(shapeOfEntity(type).booleans);
    encode = (column, value) => (booleans.has(column) ? (value ? 1 : 0) : value);
    encoders.set(type, encode);
  }
  return encode;
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
