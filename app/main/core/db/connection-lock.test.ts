import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ConnectionLock, LockedSqliteDialect } from './connection-lock';

describe('the connection turn', () => {
  it('runs synchronous work at once when the connection is free', () => {
    const lock = new ConnectionLock();
    expect(lock.run(() => 7)).toBe(7);
    expect(lock.tryTake()).toBe(true); // released after the work
  });

  it('frees the turn when the work throws', () => {
    const lock = new ConnectionLock();
    expect(() =>
      lock.run(() => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(lock.tryTake()).toBe(true);
  });

  it('hands the turn over in arrival order', async () => {
    const lock = new ConnectionLock();
    await lock.take();
    const order: string[] = [];
    const first = lock.run(() => order.push('first'));
    const second = lock.run(() => order.push('second'));
    expect(order).toEqual([]);
    lock.release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });

  it('keeps synchronous work out of an open Kysely transaction until it commits', async () => {
    const sqlite = new Database(':memory:');
    const lock = new ConnectionLock();
    const db = new Kysely<{ t: { n: number } }>({ dialect: new LockedSqliteDialect({ database: sqlite }, lock) });
    await sql`create table t (n integer)`.execute(db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const seen: number[] = [];
    const trx = db.transaction().execute(async (t) => {
      await t.insertInto('t').values({ n: 1 }).execute();
      await held;
      await t.insertInto('t').values({ n: 2 }).execute();
    });
    await new Promise((resolve) => setImmediate(resolve)); // the transaction is open and holds the turn
    // Run after the Kysely transaction has committed: it sees both rows, never the first alone.
    const write = lock.run(() =>
      seen.push(...(sqlite.prepare('select n from t order by n').pluck().all() as number[])),
    );
    expect(write).toBeInstanceOf(Promise);
    expect(seen).toEqual([]);
    release();
    await trx;
    await write;
    expect(seen).toEqual([1, 2]);
    await db.destroy();
  });
});
