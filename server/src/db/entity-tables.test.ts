import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_TYPES, kindOfField, shapeOfEntity } from '../../../shared';
import { createTestDatabase, type TestDatabase } from '../../test/mysql';
import { entityTable } from './entity-table';

/** MySQL column types each field kind may have. */
const MYSQL_TYPES: Record<string, string[]> = {
  money: ['bigint'],
  quantity: ['bigint'],
  boolean: ['tinyint'],
  instant: ['datetime'],
  date: ['date'],
  text: ['varchar', 'text', 'char'],
  ref: ['char'],
  enum: ['varchar'],
};

describe('server entity tables', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => test?.drop());

  it('are migrated with exactly the registry columns, types and nullability, plus the sync columns', async () => {
    const { rows } = await sql<{ table_name: string; name: string; type: string; nullable: string }>`
      select table_name, column_name as name, data_type as type, is_nullable as nullable
      from information_schema.columns where table_schema = ${test.name}`.execute(test.db);
    for (const type of ENTITY_TYPES) {
      const columns = rows.filter((r) => r.table_name === type);
      const shape = shapeOfEntity(type);
      expect(columns.map((c) => c.name).sort(), type).toEqual(
        [...shape.columns, 'seq', 'field_versions', 'last_hlc'].sort(),
      );
      for (const column of columns) {
        const kind = kindOfField(type, column.name);
        if (kind) expect(MYSQL_TYPES[kind], `${type}.${column.name}`).toContain(column.type);
        if (column.name === 'uuid' || column.name === 'last_hlc') continue;
        expect(column.nullable === 'YES', `${type}.${column.name} nullable`).toBe(shape.nullable.includes(column.name));
      }
    }
  });

  it('never lets a name from outside the registry name a table', () => {
    for (const bad of ['users', 'sync_clock', 'suppliers`; drop table audit; --', '__proto__'])
      expect(() => entityTable(test.db, bad)).toThrow(/is not an entity type/);
    expect(entityTable(test.db, 'payments').name).toBe('payments');
  });
});
