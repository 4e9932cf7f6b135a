import type { Kysely } from 'kysely';
import { entityTypeOf } from '../../../../shared';
import type { StoredRow } from './row-codec';
import type { LocalDatabase } from './schema';

type EntityTables = Record<string, StoredRow & { uuid: string }>;

/**
 * Reads the table of any entity type. Kysely's table types cannot be indexed by a name known only at run time,
 * so code that works on every type sees one loosely typed table; the name is checked against the registry
 * first, so nothing from the wire names a table. Writes go through LocalRows (local-rows.ts).
 */
export function entityTable(exec: Kysely<LocalDatabase>, type: string) {
  const name = entityTypeOf(type);
  const db = exec as unknown as Kysely<EntityTables>;
  return { name, selectFrom: () => db.selectFrom(name) };
}
