import { ENTITY_TYPES, shapeOfEntity, type EntityType } from '../../../../shared';
import type { Core } from '../create-core';
import { entityTable } from '../db/entity-table';
import { fromStored } from '../db/row-codec';

export type Export = Record<EntityType, Record<string, unknown>[]>;

/** Every local entity in wire form, sorted by uuid with sorted keys: two desks that agree export the same bytes. */
export async function exportAll(core: Core): Promise<Export> {
  const out = {} as Export;
  for (const type of ENTITY_TYPES) {
    const rows = await entityTable(core.db, type).selectFrom().selectAll().orderBy('uuid').execute();
    const columns = [...shapeOfEntity(type).columns].sort();
    out[type] = rows.map((stored) => {
      const row: Record<string, unknown> = fromStored(type, stored);
      return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
    });
  }
  return out;
}
