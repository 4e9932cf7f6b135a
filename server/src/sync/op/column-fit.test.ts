import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entity, ENTITY_TYPES, PushOpSchema, type FieldSpec } from '../../../../shared';
import { createTestDatabase, type TestDatabase } from '../../../test/mysql';

/**
 * "Every column's length": whatever a push op's schema lets through fits the MariaDB column it lands in, so
 * the batch's INSERT never fails on one op's value (which would fail the whole batch).
 */
describe('pushed values fit their columns', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => test?.drop());

  async function columnChars(table: string): Promise<Map<string, number>> {
    const { rows } = await sql<{ name: string; type: string; chars: number | null }>`
      select column_name as name, data_type as type, character_maximum_length as chars
      from information_schema.columns where table_schema = database() and table_name = ${table}`.execute(test.db);
    // TEXT holds 65,535 bytes: at most a quarter as many utf8mb4 characters.
    return new Map(
      rows.filter((r) => r.chars !== null).map((r) => [r.name, r.type === 'text' ? 16_383 : Number(r.chars)]),
    );
  }

  it('refuses any text one character longer than its column', async () => {
    for (const type of ENTITY_TYPES) {
      const columns = await columnChars(type);
      for (const [name, field] of Object.entries(entity(type).fields) as [string, FieldSpec][]) {
        const chars = columns.get(name);
        if (chars === undefined) continue;
        const tooLong = 'a'.repeat(chars + 1);
        expect(field.schema.safeParse(tooLong).success, `${type}.${name} (${chars} characters)`).toBe(false);
      }
    }
  });

  it('refuses a client_timestamp longer than the last_hlc column', async () => {
    for (const type of ENTITY_TYPES) {
      const chars = (await columnChars(type)).get('last_hlc')!;
      const op = { entity_type: type, operation: 'create', data: {}, client_timestamp: 'x'.repeat(chars + 1) };
      expect(PushOpSchema.safeParse(op).success).toBe(false);
    }
  });
});
