import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared';
import { createTestDatabase, type TestDatabase } from '../../test/mysql';
import type { ReadNote } from './batch-state';
import { writtenSince } from './early-reads';

/** Values in a statement's tree (an IN list of the batch's values is hundreds). */
function valueCount(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, child) => n + valueCount(child), 0);
  if (!node || typeof node !== 'object') return 0;
  if ((node as { kind?: string }).kind === 'ValueNode') return 1;
  return Object.values(node).reduce((n: number, child) => n + valueCount(child), 0);
}

/** The most values any one statement handed mysql2. */
function valuesPerStatement(): KyselyPlugin & { most: number } {
  const log = {
    most: 0,
    transformQuery({ node }: Parameters<KyselyPlugin['transformQuery']>[0]) {
      log.most = Math.max(log.most, valueCount(node));
      return node;
    },
    transformResult: async (args: Parameters<KyselyPlugin['transformResult']>[0]) => args.result,
  };
  return log;
}

/** The check under the sequence lock: has any row a batch read been written since the clock it saw? */
describe('written since the clock a batch read', () => {
  let t: TestDatabase;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.drop());

  async function write(code: string, uuid = newId()) {
    seq += 1;
    await sql`insert into suppliers (uuid, version, created_at, updated_at, created_by, updated_by, seq, field_versions,
      code, name, phone, address, region, notes, active) values (${uuid}, 1, now(3), now(3), 'u', 'u', ${seq}, '{}',
      ${code}, 'n', '', '', '', '', 1)`.execute(t.db);
    return uuid;
  }

  const check = async (clock: number, reads: ReadNote[], plugin?: KyselyPlugin) => {
    const db = plugin ? t.db.withPlugin(plugin) : t.db;
    return db.transaction().execute((trx) => writtenSince(trx, clock, reads));
  };
  const reads = (uuids: string[], codes: string[]): ReadNote[] => [
    { table: 'suppliers', column: 'uuid', values: uuids },
    { table: 'suppliers', column: 'code', values: codes },
  ];

  it('finds a uuid or a code written since, whatever its case, with no IN list of what was read', async () => {
    const before = seq;
    const uuid = await write(`W-${newId().slice(-8)}`);
    const code = `K-${newId().slice(-8)}`;
    await write(`${code.toUpperCase()}  `);
    const others = Array.from({ length: 300 }, () => newId());
    const log = valuesPerStatement();
    expect(await check(before, reads([...others, uuid.toUpperCase()], []), log)).toBe(true);
    expect(await check(before, reads(others, [code.toLowerCase()]), log)).toBe(true);
    expect(await check(before, reads(others, ['nothing-here']), log)).toBe(false);
    expect(log.most).toBeLessThan(5);
    // Written before the clock, it does not count.
    expect(await check(seq, reads([uuid], [code]))).toBe(false);
  });

  it('leaves to MySQL what only its collation can compare: an accented code equal to a plain one', async () => {
    const before = seq;
    const tail = newId().slice(-8);
    await write(`Ñ-${tail}`);
    expect(await check(before, reads([], [`n-${tail}`]))).toBe(true);
    expect(await check(before, reads([], [`m-${tail}`]))).toBe(false);
    // A read value that is not plain ASCII is compared by MySQL as well.
    expect(await check(before, reads([], [`ñ-${tail}`]))).toBe(true);
  });

  it('still answers for a table read whole', async () => {
    const before = seq;
    await write(`T-${newId().slice(-8)}`);
    expect(await check(before, [{ table: 'suppliers', column: null, values: [] }])).toBe(true);
    expect(await check(seq, [{ table: 'suppliers', column: null, values: [] }])).toBe(false);
  });
});
