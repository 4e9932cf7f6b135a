import type Database from 'better-sqlite3';
import { CODE_KEY_SQL, entityTypeOf, type EntityType } from '../../../../shared';
import type { StoredRow } from './row-codec';

/**
 * The reads a local write checks before it writes (a reference names a live row, a code is free), by statements
 * prepared once per connection and run synchronously, so the checks and the write share one transaction with no
 * await between them (Kysely compiles, prepares and awaits each query). The same queries as findEntity and
 * findByUnique (by-code.ts), on the same indexes.
 */
export interface LocalLookups {
  /** The stored row of the type with this uuid, deleted or not (what an update or a void starts from). */
  row(type: EntityType, uuid: string): StoredRow | undefined;
  /** True when a row of the type has this uuid and is not deleted. */
  isLive(type: EntityType, uuid: string): boolean;
  /** A live row of the type whose unique field has this normalised key (codeKey), if any. */
  holder(type: EntityType, field: string, key: string): StoredRow | undefined;
}

const quote = (name: string) => `"${name}"`;

/** The indexed key of a unique field (migration 0020), as by-code.ts compares it. */
const keySql = (field: string) => (field === 'code' ? CODE_KEY_SQL : `lower(${quote(field)})`);

export function createLocalLookups(sqlite: Database.Database): LocalLookups {
  const cache = new Map<string, Database.Statement>();
  const prepared = (text: string) => {
    let statement = cache.get(text);
    if (!statement) cache.set(text, (statement = sqlite.prepare(text)));
    return statement;
  };
  const liveness = new Map<EntityType, Database.Statement>();
  const rowsByUuid = new Map<EntityType, Database.Statement>();
  return {
    row(type, uuid) {
      let statement = rowsByUuid.get(type);
      if (!statement) {
        statement = prepared(`select * from ${quote(entityTypeOf(type))} where uuid = ?`);
        rowsByUuid.set(type, statement);
      }
      return statement.get(uuid) as StoredRow | undefined;
    },
    isLive(type, uuid) {
      // Found by type, not by its SQL text: a payment's reference check built and hashed that string every write.
      let statement = liveness.get(type);
      if (!statement) {
        statement = prepared(`select deleted_at from ${quote(entityTypeOf(type))} where uuid = ?`);
        liveness.set(type, statement);
      }
      const row = statement.get(uuid) as StoredRow | undefined;
      return row !== undefined && row.deleted_at == null;
    },
    holder(type, field, key) {
      const table = quote(entityTypeOf(type));
      const text = `select * from ${table} where ${keySql(field)} = ? and deleted_at is null limit 1`;
      return prepared(text).get(key) as StoredRow | undefined;
    },
  };
}
