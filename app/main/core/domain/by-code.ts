import { sql } from 'kysely';
import { validationError } from '../../../../shared';
import type { Executor } from './context';

/** Codes are unique per kind among live rows, compared without case ("s-0001" is "S-0001"). */
export async function findByCode(exec: Executor, table: 'suppliers' | 'products', code: string) {
  return exec
    .selectFrom(table)
    .selectAll()
    .where(sql`lower(code)`, '=', code.trim().toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function assertCodeFree(
  exec: Executor,
  table: 'suppliers' | 'products',
  code: string,
  exceptUuid?: string,
): Promise<void> {
  const clash = await findByCode(exec, table, code);
  if (clash && clash.uuid !== exceptUuid) {
    throw validationError({
      code: `is already used by ${table === 'suppliers' ? 'supplier' : 'product'} "${clash.name}"`,
    });
  }
}
