import { afterEach, describe, expect, it } from 'vitest';
import { ENTITY_TYPES, kindOfField, shapeOfEntity } from '../../../../shared';
import { tempCore } from '../test-support';

/** SQLite column type per field kind: numbers and 0/1 as integer, everything else as text. */
const SQLITE_TYPE: Record<string, string> = {
  money: 'integer',
  quantity: 'integer',
  boolean: 'integer',
  instant: 'text',
  date: 'text',
  text: 'text',
  ref: 'text',
  enum: 'text',
};

describe('local entity tables', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('are migrated with exactly the registry columns, types and nullability, plus sync_status', async () => {
    const core = await tempCore();
    cleanup = core.cleanup;
    for (const type of ENTITY_TYPES) {
      const info = core.sqlite.prepare(`pragma table_info("${type}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      const shape = shapeOfEntity(type);
      expect(info.map((c) => c.name).sort(), type).toEqual([...shape.columns, 'sync_status'].sort());
      for (const column of info) {
        const kind = kindOfField(type, column.name);
        if (kind) expect(column.type.toLowerCase(), `${type}.${column.name}`).toBe(SQLITE_TYPE[kind]);
        if (!column.pk)
          expect(column.notnull === 0, `${type}.${column.name} nullable`).toBe(shape.nullable.includes(column.name));
      }
    }
  });
});
