import { sql } from 'kysely';
import { entity, shapeOfEntity, validationError, type EntityType } from '../../../../shared';
import { entityTable } from '../db/entity-table';
import type { Executor } from './context';

/** Unique fields (codes) are unique per type among live rows, compared without case ("s-0001" is "S-0001"). */
export async function findByUnique(exec: Executor, type: EntityType, field: string, value: string) {
  return entityTable(exec, type)
    .selectFrom()
    .selectAll()
    .where(sql`lower(${sql.ref(field)})`, '=', value.trim().toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Refuses values whose unique fields another live row of the type already holds. */
export async function assertUniqueFree(
  exec: Executor,
  type: EntityType,
  values: Record<string, unknown>,
  exceptUuid?: string,
): Promise<void> {
  for (const field of shapeOfEntity(type).unique) {
    const value = values[field];
    if (typeof value !== 'string') continue;
    const clash = await findByUnique(exec, type, field, value);
    if (clash && clash.uuid !== exceptUuid) {
      const holder = typeof clash.name === 'string' ? clash.name : String(clash[field]);
      throw validationError({ [field]: `is already used by ${entity(type).label.one} "${holder}"` });
    }
  }
}
