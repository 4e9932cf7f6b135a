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

/** At most this many rows written since the clock are fetched to compare here; more, and MySQL compares. */
const FETCHED_AT_MOST = 5000;
/** Read values compared here: printable ASCII without spaces (uuids, codes). */
const PLAIN_READ = /^[\x21-\x7e]+$/;
/** Written values compared here: printable ASCII (trailing spaces do not count, as in MySQL's PAD SPACE). */
const PLAIN_WRITTEN = /^[\x20-\x7e]*$/;

/**
 * Whether any row matching what the batch read carries a seq above `clock` (run holding the lock). The rows
 * written since are few (the other batches of that moment): for each table read by value, they are fetched by
 * the seq index and compared here when every value on both sides is plain ASCII, where the columns' case-
 * insensitive collations mean "equal but for case and trailing spaces". Anything else, and tables read whole,
 * MySQL answers with `exists (… in (values))`. An IN list of the batch's 500 uuids and codes cost MariaDB a
 * range analysis over every value, holding the lock (docs/performance.md, "Server push").
 */
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
  const byTable = new Map<string, { column: string; values: Set<string>; wanted: Set<string> }[]>();
  const tests = [];
  for (const { table, column, values } of merged.values()) {
    if (column === null) tests.push(sql`exists (select 1 from ${sql.table(table)} where seq > ${clock})`);
    else if (values.size === 0) continue;
    else if ([...values].every((v) => PLAIN_READ.test(v))) {
      const list = byTable.get(table) ?? [];
      list.push({ column, values, wanted: new Set([...values].map((v) => v.toLowerCase())) });
      byTable.set(table, list);
    } else tests.push(inTest(table, column, values, clock));
  }
  for (const [table, columns] of byTable) {
    const { rows } = await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.ref(c.column)))}
      from ${sql.table(table)} where seq > ${clock} limit ${FETCHED_AT_MOST + 1}`.execute(trx);
    for (const { column, values, wanted } of columns) {
      const written = rows.map((r) => r[column]).filter((v) => v !== null && v !== undefined);
      const comparable = rows.length <= FETCHED_AT_MOST && written.every((v) => PLAIN_WRITTEN.test(String(v)));
      if (!comparable) tests.push(inTest(table, column, values, clock));
      else if (written.some((v) => wanted.has(String(v).replace(/ +$/, '').toLowerCase()))) return true;
    }
  }
  if (tests.length === 0) return false;
  const { rows } = await sql<{ hit: number | string }>`select (${sql.join(tests, sql` or `)}) as hit`.execute(trx);
  return Number(rows[0]?.hit ?? 0) === 1;
}

function inTest(table: string, column: string, values: Set<string>, clock: number) {
  const list = sql.join([...values]);
  return sql`exists (select 1 from ${sql.table(table)} where seq > ${clock} and ${sql.ref(column)} in (${list}))`;
}
