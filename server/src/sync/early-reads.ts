import { sql, type Kysely, type Transaction } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import type { ReadNote } from './batch-state';

/**
 * A push batch reads, validates and prices before it takes the sequence lock (docs/performance.md, "Server
 * push"); under the lock it checks that nothing it read has been written since. Every write of a synced row
 * moves the clock and stamps the row with a seq above the clock it read, so "no row it read has a seq above
 * the clock it saw first" is that check: one query, run only when the clock has moved in between.
 */

/** Thrown inside the write transaction when the check fails: it rolls back and the batch runs again, locked. */
export class StaleRead extends Error {
  constructor() {
    super('a row this batch read was written by another batch before it took the sequence lock');
  }
}

/** The clock as the batch starts reading: read first, before any other read of the batch. */
export async function readClock(db: Kysely<ServerDatabase>): Promise<number> {
  const { rows } = await sql<{ seq: number | string }>`select seq from sync_clock where id = 1`.execute(db);
  return Number(rows[0]?.seq ?? 0);
}

/**
 * Takes the sequence lock and reserves `count` seqs in one statement; returns the clock as it was before
 * (the reserved seqs are that + 1 … that + count). LAST_INSERT_ID(expr) hands the new value back in the
 * statement's own answer, so no read follows.
 */
export async function takeSeqs(trx: Transaction<ServerDatabase>, count: number): Promise<number> {
  const done = await sql`update sync_clock set seq = last_insert_id(seq + ${count}) where id = 1`.execute(trx);
  return Number(done.insertId ?? 0) - count;
}

/** Whether any row matching what the batch read carries a seq above `clock` (run holding the lock). */
export async function writtenSince(
  trx: Transaction<ServerDatabase>,
  clock: number,
  reads: readonly ReadNote[],
): Promise<boolean> {
  const merged = new Map<string, { table: string; column: string | null; values: Set<string> }>();
  for (const { table, column, values } of reads) {
    const key = `${table}.${column ?? ''}`;
    const entry = merged.get(key) ?? { table, column, values: new Set<string>() };
    for (const value of values) entry.values.add(value);
    merged.set(key, entry);
  }
  const tests = [...merged.values()].flatMap(({ table, column, values }) => {
    if (column === null) return [sql`exists (select 1 from ${sql.table(table)} where seq > ${clock})`];
    if (values.size === 0) return [];
    const list = sql.join([...values]);
    return [sql`exists (select 1 from ${sql.table(table)} where seq > ${clock} and ${sql.ref(column)} in (${list}))`];
  });
  if (tests.length === 0) return false;
  const { rows } = await sql<{ hit: number | string }>`select (${sql.join(tests, sql` or `)}) as hit`.execute(trx);
  return Number(rows[0]?.hit ?? 0) === 1;
}
