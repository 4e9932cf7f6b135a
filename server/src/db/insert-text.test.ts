import fc from 'fast-check';
import { sql } from 'kysely';
import { escape, raw } from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/mysql';
import { insertText } from './insert-text';

describe('a multi-row INSERT as SQL text', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
    await sql`create table odd (id int primary key, a text null, b bigint null, c varchar(20) null)`.execute(t.db);
  });
  afterAll(async () => t?.drop());

  it('stores every value exactly, whatever characters a string holds', async () => {
    const hostile = [
      'O\'Brien \\ "quoted" ? ?? :name $1',
      "'); drop table odd; --",
      'tab\tnew\nline\rreturn\u0000nul\u001a',
      'Wanjirũ 🍵 Ñandú — 中文',
      '{"name":"Kipkemboi \\"Kip\\"","notes":""}',
      '"',
      '',
    ];
    const rows = hostile.map((a, i) => ({ id: i + 1, a, b: i % 2 ? null : -(2 ** 40) + i, c: `c${i}` }));
    await sql.raw(insertText('odd', ['id', 'a', 'b', 'c'], rows)).execute(t.db);
    const back = await sql<{
      id: number;
      a: string;
      b: number | null;
      c: string;
    }>`select * from odd order by id`.execute(t.db);
    expect(back.rows.map((r) => ({ ...r, b: r.b === null ? null : Number(r.b) }))).toEqual(rows);
  });

  it('writes a raw expression as SQL, and refuses an object that would be escaped as key = value', async () => {
    await sql.raw(insertText('odd', ['id', 'b'], [{ id: 100, b: raw('40 + 2') }])).execute(t.db);
    const back = await sql<{ b: number }>`select b from odd where id = 100`.execute(t.db);
    expect(Number(back.rows[0]!.b)).toBe(42);
    expect(() => insertText('odd', ['id', 'a'], [{ id: 101, a: { x: 1 } }])).toThrow(/a holds an object/);
  });

  it('writes every value as mysql2 escapes it, but a double quote as it is', () => {
    const values = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom('"', "'", '\\', '\u0000', '\u001a', '\n', 'a', 'é', '🍵'), maxLength: 12 }),
      fc.constantFrom("'", '\\', '\u0000', '\b', '\t', '\n', '\r', '\u001a', '"', 'plain', ''),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(values, values), { minLength: 1, maxLength: 5 }), (pairs) => {
        const rows = pairs.map(([a, b]) => ({ a, b }));
        const expected = rows.map((r) => `(${asMysql2(r.a)},${asMysql2(r.b)})`).join(',');
        expect(insertText('t', ['a', 'b'], rows)).toBe(`insert into \`t\` (\`a\`, \`b\`) values ${expected}`);
      }),
      { numRuns: 2000, seed: 20261129 },
    );
  });
});

/**
 * mysql2's escaping, except that a double quote is left as it is: inside single quotes it needs no escape, and JSON
 * documents (audit entries, stored answers) are full of them.
 */
function asMysql2(value: unknown): string {
  if (typeof value !== 'string') return escape(value as never);
  return `'${value
    .split('"')
    .map((part) => escape(part).slice(1, -1))
    .join('"')}'`;
}
