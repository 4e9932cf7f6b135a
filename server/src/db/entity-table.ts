import { sql, type Kysely } from 'kysely';
import { entityTypeOf } from '../../../shared';
import type { ServerDatabase } from './schema';

/** An entity row as MySQL returns it, before rows.ts decodes it. */
type DbEntityRow = Record<string, unknown> & { uuid: string };
type EntityTables = Record<string, DbEntityRow>;

/**
 * The table of any entity type. Kysely's table types cannot be indexed by a name known only at run time, so
 * code that works on every type sees one loosely typed table; the name is checked against the registry first,
 * so nothing a client sends names a table.
 */
export function entityTable(exec: Kysely<ServerDatabase>, type: string) {
  const name = entityTypeOf(type);
  const db = exec as unknown as Kysely<EntityTables>;
  return {
    name,
    /** For raw SQL: `update ${table.ref} …`. */
    ref: sql.table(name),
    selectFrom: () => db.selectFrom(name),
    insertInto: () => db.insertInto(name),
  };
}
