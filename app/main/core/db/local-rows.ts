import type Database from 'better-sqlite3';
import { entityTypeOf, shapeOfEntity, type EntityType } from '../../../../shared';
import type { LocalSyncStatus } from './schema';
import { prepared } from './prepared';
import { storedValues } from './row-codec';

/**
 * The one writer of entity rows on this desk: rows made here, rows the server sent (a pulled page, a push
 * answer, a resolved conflict), a clerk's correction, a discarded create, a mapped duplicate. Columns come from
 * the registry, booleans are stored by the one codec, and each statement is prepared once per connection and
 * shape. It runs on the connection Kysely uses, so it must be called inside the caller's transaction, which it
 * joins: the row commits or rolls back with its audit entry, outbox op or pulled page.
 */
export interface LocalRows {
  /** A row made on this desk (fails if the uuid exists). */
  insert(type: EntityType, row: Record<string, unknown>, status: LocalSyncStatus): void;
  /** Many rows made on this desk (an import): one statement and one column list for all of them. */
  insertMany(type: EntityType, rows: readonly Record<string, unknown>[], status: LocalSyncStatus): void;
  /** Whole rows, inserted or overwritten; columns the row lacks are stored as null. */
  upsert(type: EntityType, rows: readonly Record<string, unknown>[], status: LocalSyncStatus): void;
  /** Some columns of one row (a correction, the server's version). */
  patch(type: EntityType, uuid: string, values: Record<string, unknown>): void;
  /** Points every row whose `field` names `from` at `to` instead (a duplicate mapped onto the server's). */
  relink(type: EntityType, field: string, from: string, to: string): void;
  remove(type: EntityType, uuid: string): void;
}

const quote = (name: string) => `"${name}"`;

/** A table named by the registry only: a type from elsewhere is checked first. */
function tableOf(type: EntityType): string {
  return quote(entityTypeOf(type));
}

function knownColumns(type: EntityType, names: readonly string[]): string[] {
  const columns = new Set([...shapeOfEntity(type).columns, 'sync_status']);
  const unknown = names.filter((n) => !columns.has(n));
  if (unknown.length) throw new Error(`${type} has no column ${unknown.join(', ')}`);
  return [...names];
}

/** Named parameters for a statement: each column's stored value, null where the row has none. */
function bindings(type: EntityType, columns: readonly string[], row: Record<string, unknown>) {
  const encode = storedValues(type);
  const values: Record<string, unknown> = {};
  for (const column of columns) values[column] = encode(column, row[column] ?? null);
  return values;
}

/**
 * A whole row's parameters in column order (the last column is sync_status): positional binding skips a name
 * lookup per column, and a pulled page binds every column of thousands of rows.
 */
function rowValues(type: EntityType, columns: readonly string[], row: Record<string, unknown>, status: string) {
  const encode = storedValues(type);
  const values = new Array<unknown>(columns.length);
  for (let i = 0; i < columns.length - 1; i++) values[i] = encode(columns[i]!, row[columns[i]!] ?? null);
  values[columns.length - 1] = status;
  return values;
}

export function createLocalRows(sqlite: Database.Database): LocalRows {
  const rowColumns = (type: EntityType) => [...shapeOfEntity(type).columns, 'sync_status'];
  const insertSql = (type: EntityType, columns: string[]) =>
    `insert into ${tableOf(type)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})`;

  // The insert of each type, its SQL built once (not once per row).
  const inserts = new Map<EntityType, { columns: string[]; statement: Database.Statement }>();
  const insertOf = (type: EntityType) => {
    let insert = inserts.get(type);
    if (!insert) {
      const columns = rowColumns(type);
      inserts.set(type, (insert = { columns, statement: prepared(sqlite, insertSql(type, columns)) }));
    }
    return insert;
  };
  const insertMany: LocalRows['insertMany'] = (type, rows, status) => {
    const { columns, statement } = insertOf(type);
    for (const row of rows) statement.run(rowValues(type, columns, row, status));
  };

  return {
    insert: (type, row, status) => insertMany(type, [row], status),
    insertMany,

    upsert(type, rows, status) {
      const columns = rowColumns(type);
      const updates = columns
        .filter((c) => c !== 'uuid')
        .map((c) => `${quote(c)} = excluded.${quote(c)}`)
        .join(', ');
      const statement = prepared(sqlite, `${insertSql(type, columns)} on conflict(uuid) do update set ${updates}`);
      for (const row of rows) statement.run(rowValues(type, columns, row, status));
    },

    patch(type, uuid, values) {
      const columns = knownColumns(
        type,
        Object.keys(values).filter((c) => c !== 'uuid'),
      );
      if (columns.length === 0) return;
      const sets = columns.map((c) => `${quote(c)} = @${c}`).join(', ');
      prepared(sqlite, `update ${tableOf(type)} set ${sets} where uuid = @uuid`).run({
        ...bindings(type, columns, values),
        uuid,
      });
    },

    relink(type, field, from, to) {
      const [column] = knownColumns(type, [field]);
      prepared(sqlite, `update ${tableOf(type)} set ${quote(column!)} = @to where ${quote(column!)} = @from`).run({
        from,
        to,
      });
    },

    remove(type, uuid) {
      prepared(sqlite, `delete from ${tableOf(type)} where uuid = @uuid`).run({ uuid });
    },
  };
}
