import { sql } from 'kysely';
import { CODE_KEY_SQL, codeKey, entity, shapeOfEntity, validationError, type EntityType } from '../../../../shared';
import { entityTable } from '../db/entity-table';
import type { CoreContext, Executor } from './context';

/** The indexed key of a unique field (migration 0020): codes compare without case ("s-0001" is "S-0001"). */
const keyOf = (field: string) => (field === 'code' ? sql.raw(CODE_KEY_SQL) : sql`lower(${sql.ref(field)})`);

/** Unique fields (codes) are unique per type among live rows, compared by their normalised key. */
export async function findByUnique(exec: Executor, type: EntityType, field: string, value: string) {
  return entityTable(exec, type)
    .selectFrom()
    .selectAll()
    .where(keyOf(field), '=', codeKey(value))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** The live rows holding any of these values of a unique field, by normalised key: one indexed query per 500. */
export async function findHolders(exec: Executor, type: EntityType, field: string, values: readonly string[]) {
  const keys = [...new Set(values.map(codeKey))];
  const holders = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await entityTable(exec, type)
      .selectFrom()
      .selectAll()
      .where(keyOf(field), 'in', keys.slice(i, i + 500))
      .where('deleted_at', 'is', null)
      .execute();
    for (const row of rows) holders.set(codeKey(String(row[field])), row);
  }
  return holders;
}

const holderName = (type: EntityType, field: string, row: Record<string, unknown>) =>
  `${entity(type).label.one} "${typeof row.name === 'string' ? row.name : String(row[field])}"`;

/**
 * Refuses values whose unique fields another live row of the type already holds (`exceptUuid`: the row being
 * edited), inside `ctx.writeNow`, by a prepared, synchronous read on the same index as findByUnique.
 */
export function assertUniqueFreeNow(
  ctx: CoreContext,
  type: EntityType,
  values: Record<string, unknown>,
  exceptUuid?: string,
): void {
  for (const field of shapeOfEntity(type).unique) {
    const value = values[field];
    if (typeof value !== 'string') continue;
    const clash = ctx.lookups.holder(type, field, codeKey(value));
    if (clash && clash.uuid !== exceptUuid)
      throw validationError({ [field]: `is already used by ${holderName(type, field, clash)}` });
  }
}

/** The same check for many new rows at once (an import): held on this desk, or repeated among them. */
export async function assertUniqueFreeMany(
  exec: Executor,
  type: EntityType,
  all: readonly Record<string, unknown>[],
): Promise<void> {
  for (const field of shapeOfEntity(type).unique) {
    const values = all.map((v) => v[field]).filter((v): v is string => typeof v === 'string');
    const holders = await findHolders(exec, type, field, values);
    for (const row of all) {
      const value = row[field];
      if (typeof value !== 'string') continue;
      const key = codeKey(value);
      const clash = holders.get(key);
      if (clash) throw validationError({ [field]: `is already used by ${holderName(type, field, clash)}` });
      holders.set(key, row);
    }
  }
}
