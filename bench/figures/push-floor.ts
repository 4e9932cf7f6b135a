import { createConnection, type Connection } from 'mysql2/promise';
import type { BenchEnv } from '../env';
import { now } from '../lib';

type Row = Record<string, unknown>;

/** What a push of N collections stored, read back: the rows, their audit entries and the stored answers. */
export interface StoredPush {
  collections: Row[];
  audit: Row[];
  syncOps: Row[];
}

/**
 * Reads back, in the order they were written, every collection a push stored with its audit entry and stored answer.
 * The floor re-inserts exactly these rows, so its documents are the product's own sizes, not an imitation.
 */
export async function readStoredPush(env: BenchEnv): Promise<StoredPush> {
  const conn = await createConnection({ uri: env.db.url, dateStrings: true });
  try {
    const [collections] = (await conn.query('select * from collections order by seq')) as unknown as [Row[]];
    const [audit] = (await conn.query(
      "select * from audit where entity_type = 'collections' and action = 'create' order by id",
    )) as unknown as [Row[]];
    const [syncOps] = (await conn.query('select * from sync_ops order by created_at')) as unknown as [Row[]];
    for (const a of audit) delete a.id; // auto-increment: the copy gets its own
    return { collections, audit, syncOps };
  } finally {
    await conn.end();
  }
}

/** Same-shaped empty tables (same columns, indexes and types) for the floor's copies. */
async function floorTables(conn: Connection, suffix: string): Promise<void> {
  for (const t of ['collections', 'audit', 'sync_ops']) await conn.query(`create table floor_${t}_${suffix} like ${t}`);
  await conn.query(`create table floor_clock_${suffix} (id int primary key, seq bigint not null)`);
  await conn.query(`insert into floor_clock_${suffix} values (1, 0)`);
}

async function insertRows(conn: Connection, table: string, rows: Row[]): Promise<void> {
  const columns = Object.keys(rows[0]!);
  await conn.query(`insert into ${table} (${columns.map((c) => `\`${c}\``).join(', ')}) values ?`, [
    rows.map((r) => columns.map((c) => r[c])),
  ]);
}

/**
 * One batch of the floor: what the push cannot avoid storing for 100 ops under the sequence lock — the clock moved,
 * the rows, the audit entries, the stored answers — as bare multi-row INSERTs in one transaction, no validation.
 */
async function floorBatch(conn: Connection, suffix: string, stored: StoredPush, from: number, n: number) {
  const slice = (rows: Row[]) => rows.slice(from, from + n);
  await conn.beginTransaction();
  await conn.query(`update floor_clock_${suffix} set seq = last_insert_id(seq + ?) where id = 1`, [n]);
  await insertRows(conn, `floor_collections_${suffix}`, slice(stored.collections));
  await insertRows(conn, `floor_audit_${suffix}`, slice(stored.audit));
  await insertRows(conn, `floor_sync_ops_${suffix}`, slice(stored.syncOps));
  await conn.commit();
}

/**
 * The push's storage floor in ops/s: `desks` connections each storing `batches` batches of 100, all at once, from the
 * rows starting at `offset`. Each call uses its own tables, so 1 desk and N desks never share rows.
 */
export async function pushFloorRate(
  env: BenchEnv,
  stored: StoredPush,
  desks: number,
  batches: number,
  offset: number,
  suffix: string,
): Promise<number> {
  const need = offset + desks * batches * 100;
  const have = Math.min(stored.collections.length, stored.audit.length, stored.syncOps.length);
  if (have < need) throw new Error(`floor needs ${need} stored pushes, found ${have}`);
  const conns = await Promise.all(
    Array.from({ length: desks }, () => createConnection({ uri: env.db.url, dateStrings: true })),
  );
  try {
    await floorTables(conns[0]!, suffix);
    const start = now();
    await Promise.all(
      conns.map(async (c, d) => {
        for (let b = 0; b < batches; b++) await floorBatch(c, suffix, stored, offset + (d * batches + b) * 100, 100);
      }),
    );
    return (desks * batches * 100) / ((now() - start) / 1000);
  } finally {
    for (const c of conns) await c.end();
  }
}
