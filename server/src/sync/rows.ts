import { shapeOfEntity, type EntityType, type WireRow } from '../../../shared';
import { fromMysqlDateTime, toMysqlDateTime } from '../db/time';

/** A synced row as the push logic handles it: wire values plus the server-only columns. */
export type ServerRow = WireRow & {
  seq: number;
  field_versions: Record<string, number>;
  last_hlc: string | null;
  deleted_at: string | null;
  updated_at: string;
};

const SERVER_ONLY = ['seq', 'field_versions', 'last_hlc'] as const;

interface Codec {
  columns: string[];
  instants: Set<string>;
  booleans: Set<string>;
}

const codecs = new Map<EntityType, Codec>();

/** The columns of a type's table and how each is stored, from the registry's field kinds. */
function codecOf(type: EntityType): Codec {
  let codec = codecs.get(type);
  if (!codec) {
    const shape = shapeOfEntity(type);
    codec = {
      columns: [...shape.columns, ...SERVER_ONLY],
      instants: new Set(shape.instants),
      booleans: new Set(shape.booleans),
    };
    codecs.set(type, codec);
  }
  return codec;
}

export function columnsOf(type: EntityType): string[] {
  return codecOf(type).columns;
}

export function fromDb(type: EntityType, db: Record<string, unknown>): ServerRow {
  const { columns, instants, booleans } = codecOf(type);
  return decode(columns, instants, booleans, db) as ServerRow;
}

/**
 * A stored row straight to what clients see (a pull): the wire columns only, so no server-only column is parsed
 * (field_versions' JSON) and then deleted (a `delete` also makes every row a slow dictionary for JSON.stringify).
 */
export function wireFromDb(type: EntityType, db: Record<string, unknown>): WireRow {
  const { instants, booleans } = codecOf(type);
  return decode(shapeOfEntity(type).columns, instants, booleans, db) as WireRow;
}

function decode(
  columns: readonly string[],
  instants: Set<string>,
  booleans: Set<string>,
  db: Record<string, unknown>,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of columns) {
    const value = db[column];
    if (instants.has(column)) row[column] = fromMysqlDateTime((value as string | null) ?? null);
    else if (booleans.has(column)) row[column] = value === 1 || value === true || value === '1';
    else if (column === 'field_versions') row[column] = typeof value === 'string' ? JSON.parse(value) : (value ?? {});
    else if (typeof value === 'bigint') row[column] = Number(value);
    else row[column] = value ?? null;
  }
  return row;
}

export function toDb(type: EntityType, row: ServerRow): Record<string, unknown> {
  const { columns, instants, booleans } = codecOf(type);
  const db: Record<string, unknown> = {};
  for (const column of columns) {
    const value = row[column];
    if (instants.has(column)) db[column] = value == null ? null : toMysqlDateTime(value as string);
    else if (booleans.has(column)) db[column] = value ? 1 : 0;
    else if (column === 'field_versions') db[column] = JSON.stringify(value ?? {});
    else db[column] = value ?? null;
  }
  return db;
}

/** The row as clients see it: everything but the server-only columns. */
export function toWire(row: ServerRow): WireRow {
  // Copied key by key, not spread then deleted from: a `delete` turns the copy into a slow dictionary, which
  // the answer's JSON.stringify and the stored answer then walk.
  const wire: Record<string, unknown> = {};
  for (const column of Object.keys(row)) if (!SERVER_ONLY_SET.has(column)) wire[column] = row[column];
  return wire as WireRow;
}

const SERVER_ONLY_SET: ReadonlySet<string> = new Set(SERVER_ONLY);
