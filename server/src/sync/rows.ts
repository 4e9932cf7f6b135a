import { COMMON_ROW_FIELDS, ENTITY_FIELDS, type EntityType, type WireRow } from '../../../shared';
import { fromMysqlDateTime, toMysqlDateTime } from '../db/time';

/** A synced row as the push logic handles it: wire values plus the server-only columns. */
export type ServerRow = WireRow & {
  seq: number;
  field_versions: Record<string, number>;
  last_hlc: string | null;
  deleted_at: string | null;
  updated_at: string;
};

const DATETIME_COLUMNS = new Set(['created_at', 'updated_at', 'deleted_at', 'collected_at', 'paid_at', 'voided_at']);
const BOOLEAN_COLUMNS = new Set(['active']);
const SERVER_ONLY = ['seq', 'field_versions', 'last_hlc'] as const;

export function columnsOf(type: EntityType): string[] {
  return [...COMMON_ROW_FIELDS, ...ENTITY_FIELDS[type], ...SERVER_ONLY];
}

export function fromDb(type: EntityType, db: Record<string, unknown>): ServerRow {
  const row: Record<string, unknown> = {};
  for (const column of columnsOf(type)) {
    const value = db[column];
    if (DATETIME_COLUMNS.has(column)) row[column] = fromMysqlDateTime((value as string | null) ?? null);
    else if (BOOLEAN_COLUMNS.has(column)) row[column] = value === 1 || value === true || value === '1';
    else if (column === 'field_versions') row[column] = typeof value === 'string' ? JSON.parse(value) : (value ?? {});
    else if (typeof value === 'bigint') row[column] = Number(value);
    else row[column] = value ?? null;
  }
  return row as ServerRow;
}

export function toDb(type: EntityType, row: ServerRow): Record<string, unknown> {
  const db: Record<string, unknown> = {};
  for (const column of columnsOf(type)) {
    const value = row[column];
    if (DATETIME_COLUMNS.has(column)) db[column] = value == null ? null : toMysqlDateTime(value as string);
    else if (BOOLEAN_COLUMNS.has(column)) db[column] = value ? 1 : 0;
    else if (column === 'field_versions') db[column] = JSON.stringify(value ?? {});
    else db[column] = value ?? null;
  }
  return db;
}

/** The row as clients see it: everything but the server-only columns. */
export function toWire(row: ServerRow): WireRow {
  const wire: Record<string, unknown> = { ...row };
  for (const column of SERVER_ONLY) delete wire[column];
  return wire as WireRow;
}
