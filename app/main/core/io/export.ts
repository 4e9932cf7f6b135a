import type { Kysely } from 'kysely';
import { COMMON_ROW_FIELDS, ENTITY_FIELDS, ENTITY_TYPES, type EntityType } from '../../../../shared';
import type { Core } from '../create-core';
import { fromStored } from '../domain/row-codec';

export type Export = Record<EntityType, Record<string, unknown>[]>;

/** Every local entity in wire form, sorted by uuid with sorted keys: two desks that agree export the same bytes. */
export async function exportAll(core: Core): Promise<Export> {
  const out = {} as Export;
  for (const type of ENTITY_TYPES) {
    const rows = await (core.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .selectFrom(type)
      .selectAll()
      .orderBy('uuid')
      .execute();
    const columns = [...COMMON_ROW_FIELDS, ...ENTITY_FIELDS[type]].sort();
    out[type] = rows.map((stored) => {
      const row = fromStored(type, stored) as unknown as Record<string, unknown>;
      return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
    });
  }
  return out;
}
