import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/mysql';
import { formatQuery } from './connection';

describe('how statements reach MySQL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => t?.drop());

  it('sends a statement with no values as it is, without scanning it for placeholders', () => {
    const text = "insert into t values ('it\\'s ?', 1)";
    expect(formatQuery(text, [])).toBe(text);
    expect(formatQuery(text, undefined)).toBe(text);
  });

  it('still splices escaped values into a statement that has them', async () => {
    expect(formatQuery('select ?, ?, ?', ["O'Brien", null, 5])).toBe("select 'O\\'Brien', NULL, 5");
    const { rows } = await sql<{
      a: string;
      b: null;
      c: string;
    }>`select ${"it's ?"} as a, ${null} as b, 'x?' as c`.execute(t.db);
    expect(rows[0]).toEqual({ a: "it's ?", b: null, c: 'x?' });
  });
});
